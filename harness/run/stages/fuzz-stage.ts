// HPACK differential fuzzing of our implementation for the seconds the budget
// leaves: against libnghttp2 and hpack.js in process and, at the same time in
// a process beside it, through node:http2 and nghttp over loopback, with throughput sampled for the
// report's charts. A failure is shrunk into a reproducer under the run folder.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { basename, join, relative } from 'node:path';
import { nghttp2Available } from '../../peers/nghttp2-hpack.js';
import { trackChild, untrackChild } from '../../peers/child-registry.js';
import { notRunStage, ranStage } from '../../report/report-builder.js';
import type { CaseResult, Finding, StageResult, ThroughputSample } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';
import type { FuzzWorkerInput, FuzzWorkerMessage } from './fuzz-worker.js';

const STAGE = { name: 'hpack-fuzz', kind: 'fuzz', title: 'HPACK differential fuzzing (ours vs libnghttp2, hpack.js, node:http2, nghttp)' } as const;
const WIRE_ORACLES: FuzzWorkerInput['wireOracles'] = ['node', 'nghttp'];
/** How to get a missing peer (nghttp; node:http2 is the running Node). */
const INSTALL: Record<string, string> = { nghttp: 'apt-get install nghttp2-client' };

export async function fuzzStage(ctx: StageContext, seconds: number): Promise<StageResult> {
  if (!nghttp2Available()) return notRunStage(STAGE, 'libnghttp2.so.14 (the oracle) is missing', 'apt-get install libnghttp2-14');
  const started = Date.now();
  const input: FuzzWorkerInput = { seed: ctx.seed, seconds, out: join(ctx.runDir, 'reproducers'), wireOracles: WIRE_ORACLES };
  const child = fork(fileURLToPath(new URL('./fuzz-worker.js', import.meta.url)), [JSON.stringify(input)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  if (child.pid !== undefined) trackChild(child.pid);
  const samples: ThroughputSample[] = [];
  const onAbort = (): void => void child.kill('SIGKILL');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let done: Extract<FuzzWorkerMessage, { type: 'done' }> | undefined;
  let crash: string | undefined;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await new Promise<void>((resolveRun) => {
      child.on('message', (m: FuzzWorkerMessage) => {
        if (m.type === 'progress') {
          samples.push({ t: +m.t.toFixed(2), cases: m.cases, findings: m.findings });
          ctx.progress(m.cases, m.findings);
        } else if (m.type === 'done') done = m;
      });
      child.once('error', (err) => (crash = err.message));
      child.once('exit', (code, signal) => {
        if (!done && !ctx.signal.aborted) crash ??= `the fuzzer process ended (${signal ?? `exit ${code}`}) without a result: ${stderr.trim().slice(-1000)}`;
        resolveRun();
      });
    });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (child.pid !== undefined) untrackChild(child.pid);
  }
  const findings: Finding[] = [];
  if (done?.reproducerFile) {
    findings.push({
      id: basename(done.reproducerFile, '.json'),
      kind: 'mismatch',
      property: done.property ?? 'unknown',
      classification: 'failure',
      // Relative to where the run started, like every path the user typed.
      reproducer: relative(process.cwd(), done.reproducerFile),
      target: 'ref',
      ...(done.message ? { message: done.message } : {}),
      ...(done.detectionSeconds !== undefined ? { t: +done.detectionSeconds.toFixed(2) } : {}),
    });
  }
  const broken = crash ?? (done ? undefined : ctx.signal.aborted ? 'interrupted' : 'the fuzz worker ended without a result');
  return ranStage(
    {
      ...STAGE,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      cases: [
        {
          id: 'fuzz/hpack',
          description: `seed ${ctx.seed}, ${seconds} s: ours against libnghttp2 and hpack.js (properties 1-5) and, beside them, node:http2 and nghttp over loopback (1-3)${done?.wireOracle ? `; failed through ${done.wireOracle}` : ''}`,
          target: 'ref',
          outcome: done && done.failures === 0 ? 'passed' : 'failed',
          ...(findings[0]
            ? { failure: { message: findings[0].message ?? findings[0].property, scope: 'none', code: null, initiator: 'target' } }
            : broken
              ? { failure: { message: broken, scope: 'none', code: null, initiator: 'harness' } }
              : {}),
        },
        ...(done?.notRun ?? []).map((name) => notRunOracle(name, ctx.ci)),
      ],
      findings,
      throughput: samples,
      ...(done ? { fuzzTotals: { cases: done.cases, casesPerSecond: done.casesPerSecond, failures: done.failures, latitude: done.latitude } } : {}),
    },
    broken,
  );
}

/** A peer that is not installed: skipped for a user, a failure under CI=true (a missing peer never passes CI). */
function notRunOracle(name: string, ci: boolean): CaseResult {
  const message = `${name} is not installed${INSTALL[name] ? ` (${INSTALL[name]})` : ''}`;
  return {
    id: `fuzz/hpack-${name}`,
    description: `wire oracle ${name}: not run, ${message}`,
    target: 'ref',
    outcome: ci ? 'failed' : 'skipped',
    ...(ci ? { failure: { message: `not run under CI=true: ${message}`, scope: 'none' as const, code: null, initiator: 'harness' as const } } : {}),
  };
}
