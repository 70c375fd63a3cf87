// Server fuzzing in the main job: almost-valid scenarios against the core in
// process, then against every target of the run over loopback (h2c, and
// TLS when the run covers it), for the seconds the budget gives it. One
// case per target and rule broken (server-fuzz-cases.ts), so the baseline
// can accept a known deviation of a server with its reason.
import { fork } from 'node:child_process';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../cli/package-info.js';
import { targetLabel } from '../../conformance/conformance-targets.js';
import { trackChild, untrackChild } from '../../peers/child-registry.js';
import { ranStage } from '../../report/report-builder.js';
import type { Finding, StageResult, ThroughputSample } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';
import { serverFuzzCases } from './server-fuzz-cases.js';
import type { ServerFuzzWorkerInput, ServerFuzzWorkerMessage } from './server-fuzz-worker.js';

const STAGE = { name: 'server-fuzz', kind: 'fuzz', title: 'HTTP/2 server fuzzing: almost-valid scenarios judged against RFC 9113 (core in process, then each target over loopback)' } as const;

export async function serverFuzzStage(ctx: StageContext, seconds: number, tls: boolean): Promise<StageResult> {
  const started = Date.now();
  const input: ServerFuzzWorkerInput = { seed: ctx.seed, seconds, out: join(ctx.runDir, 'reproducers', 'http2'), targets: [...ctx.targets], tls };
  const child = fork(fileURLToPath(new URL('./server-fuzz-worker.js', import.meta.url)), [JSON.stringify(input)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  if (child.pid !== undefined) trackChild(child.pid);
  const samples: ThroughputSample[] = [];
  const onAbort = (): void => void child.kill('SIGKILL');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let done: Extract<ServerFuzzWorkerMessage, { type: 'done' }> | undefined;
  let crash: string | undefined;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await new Promise<void>((resolveRun) => {
      child.on('message', (m: ServerFuzzWorkerMessage) => {
        if (m.type === 'progress') {
          samples.push({ t: +m.t.toFixed(2), cases: m.scenarios, findings: m.findings });
          ctx.progress(m.scenarios, m.findings);
        } else done = m;
      });
      child.once('error', (err) => (crash = err.message));
      child.once('exit', (code, signal) => {
        if (!done && !ctx.signal.aborted) crash ??= `the server fuzzer process ended (${signal ?? `exit ${code}`}) without a result: ${stderr.trim().slice(-1000)}`;
        resolveRun();
      });
    });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (child.pid !== undefined) untrackChild(child.pid);
  }
  const found = done?.findings ?? [];
  const findings: Finding[] = found.map((f) => ({
    id: basename(f.file, '.json'),
    kind: 'rfc-violation',
    property: `${f.rule} (RFC 9113 §${f.section})`,
    classification: 'failure',
    reproducer: relative(projectRoot, f.file),
    target: f.target,
    message: f.message,
    t: f.t,
  }));
  const cases = serverFuzzCases(ctx.targets.map(targetLabel), tls ? 'tls' : 'h2c', ctx.seed, done);
  const broken = crash ?? (done ? undefined : ctx.signal.aborted ? 'interrupted' : 'the server fuzz worker ended without a result');
  return ranStage(
    {
      ...STAGE,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      cases,
      findings,
      throughput: samples,
      ...(done ? { fuzzTotals: { cases: done.scenarios, casesPerSecond: done.scenariosPerSecond, failures: found.length, latitude: done.latitude } } : {}),
    },
    broken,
  );
}
