// The bench's h2load runs: one throughput run (req/s, MiB/s and the server's
// CPU per request) and latency at a fixed request rate (h2load --rps,
// percentiles from its per-request log, since its summary has none).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runH2load, type H2loadResult } from '../../harness/peers/h2load-client.js';
import { cpuMs, runQueueWaitMs } from './process-cpu.js';

export interface LoadShape {
  requests: number;
  clients: number;
  streams: number;
}

export interface LoadRun {
  reqPerSec: number;
  mibPerSec: number;
  /** Server CPU (user + system) per request, when its PID is known. */
  cpuUsPerRequest: number | null;
  /** Requests that did not end in a 2xx response. */
  failed: number;
}

const lost = (r: H2loadResult): number => r.failed + r.errored + r.timedOut + (r.succeeded - r.status2xx);

/** One h2load run of `shape` against `url`. */
export async function loadRun(url: string, shape: LoadShape, pid: number | undefined): Promise<LoadRun> {
  const before = pid === undefined ? null : cpuMs(pid);
  const r = await runH2load({ url, requests: shape.requests, clients: shape.clients, streamsPerClient: shape.streams, timeoutMs: 120_000 });
  const after = pid === undefined ? null : cpuMs(pid);
  return {
    reqPerSec: r.requestsPerSecond,
    mibPerSec: r.trafficBytes / r.seconds / 2 ** 20,
    cpuUsPerRequest: before === null || after === null || r.succeeded === 0 ? null : ((after - before) * 1000) / r.succeeded,
    failed: lost(r),
  };
}

export const median = (xs: number[]): number => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  /** Requests answered in the run (rate × seconds when the server keeps up). */
  answered: number;
  failed: number;
  /** Milliseconds per second of the run the server's main thread waited for a CPU (by PID), or null. */
  runQueueWaitMsPerS: number | null;
}

/**
 * `clients` connections, each asking `rate / clients` requests per second
 * (one stream at a time) for `seconds`; with `pid`, how long the server's
 * main thread waited for a CPU meanwhile.
 */
export async function latencyAtRate(url: string, rate: number, clients: number, seconds: number, pid?: number): Promise<Latency> {
  const dir = await mkdtemp(join(tmpdir(), 'h2harness-bench-'));
  try {
    const log = join(dir, 'requests.tsv');
    const perClient = Math.max(1, Math.round(rate / clients));
    const requests = perClient * clients * seconds;
    const waitedBefore = pid === undefined ? null : runQueueWaitMs(pid);
    const started = performance.now();
    const r = await runH2load({ url, requests, clients, streamsPerClient: 1, timeoutMs: (seconds + 60) * 1000, extraArgs: [`--rps=${perClient}`, `--log-file=${log}`] });
    const waitedAfter = pid === undefined ? null : runQueueWaitMs(pid);
    const elapsedS = (performance.now() - started) / 1000;
    // Columns: start (µs since the epoch), status, µs until the response ended.
    const micros = (await readFile(log, 'utf8'))
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cols) => cols.length >= 3 && cols[1] !== '-1')
      .map((cols) => Number(cols[2]))
      .sort((a, b) => a - b);
    const at = (q: number): number => (micros.length === 0 ? NaN : micros[Math.min(micros.length - 1, Math.floor(q * micros.length))]! / 1000);
    const runQueueWaitMsPerS = waitedBefore === null || waitedAfter === null ? null : (waitedAfter - waitedBefore) / elapsedS;
    return { p50Ms: at(0.5), p99Ms: at(0.99), answered: micros.length, failed: lost(r), runQueueWaitMsPerS };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
