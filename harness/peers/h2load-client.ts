// h2load (Debian nghttp2-client) as a load generator: used by the server
// benchmark and the interop tests (`-n 20000 -c 10 -m 10` with 0 failures).
import { spawn } from 'node:child_process';

export interface H2loadOptions {
  url: string;
  requests: number;
  clients: number;
  streamsPerClient: number;
  /** Kill h2load after this long; a stuck server must not hang the caller. */
  timeoutMs: number;
  extraArgs?: string[];
}

export interface H2loadResult {
  requestsPerSecond: number;
  seconds: number;
  total: number;
  succeeded: number;
  failed: number;
  errored: number;
  timedOut: number;
  status2xx: number;
  /** Octets received, frame headers included (h2load's `traffic: … total`). */
  trafficBytes: number;
  output: string;
}

/** Reads h2load's closing summary (`finished in …`, `requests: …`, `status codes: …`). */
export function parseH2loadOutput(output: string): H2loadResult {
  const finished = /finished in ([\d.]+)(ms|s|us), ([\d.]+) req\/s/.exec(output);
  const requests = /requests: (\d+) total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(output);
  const status = /status codes: (\d+) 2xx/.exec(output);
  const traffic = /traffic: \S+ \((\d+)\) total/.exec(output);
  if (!finished || !requests || !status) throw new Error(`h2load printed no summary:\n${output.slice(-2000)}`);
  const scale = { us: 1e-6, ms: 1e-3, s: 1 }[finished[2] as 'us' | 'ms' | 's'];
  return {
    seconds: Number(finished[1]) * scale,
    requestsPerSecond: Number(finished[3]),
    total: Number(requests[1]),
    succeeded: Number(requests[2]),
    failed: Number(requests[3]),
    errored: Number(requests[4]),
    timedOut: Number(requests[5]),
    status2xx: Number(status[1]),
    trafficBytes: traffic ? Number(traffic[1]) : 0,
    output,
  };
}

export function runH2load(o: H2loadOptions): Promise<H2loadResult> {
  const args = ['-n', String(o.requests), '-c', String(o.clients), '-m', String(o.streamsPerClient), ...(o.extraArgs ?? []), o.url];
  return new Promise((resolveRun, reject) => {
    const child = spawn('h2load', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return reject(new Error(`h2load killed by ${signal} after ${o.timeoutMs} ms:\n${output.slice(-2000)}`));
      try {
        resolveRun(parseH2loadOutput(output));
      } catch (err) {
        reject(new Error(`h2load exited ${code}: ${(err as Error).message}`));
      }
    });
  });
}
