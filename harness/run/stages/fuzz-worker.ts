// Runs the HPACK differential fuzzer in a child process: its loop is
// synchronous, the run's progress display and signal handling must keep
// running meanwhile, and stopping it must be a kill by PID that cannot take
// the run down with it (a worker thread terminated inside a native libnghttp2
// call can). Input: JSON in argv[2]; output: IPC messages.
import { runHpackFuzz } from '../../fuzz/hpack/run-hpack-fuzz.js';
import type { WireOracleName } from '../../peers/wire/wire-oracle.js';

export interface FuzzWorkerInput {
  seed: number;
  seconds: number;
  out: string;
  /** Peers over loopback, beside the in-process cases for the whole time. */
  wireOracles: WireOracleName[];
}

export type FuzzWorkerMessage =
  | { type: 'log'; line: string }
  | { type: 'progress'; t: number; cases: number; findings: number }
  | {
      type: 'done';
      cases: number;
      casesPerSecond: number;
      failures: number;
      latitude: number;
      reproducerFile?: string;
      detectionSeconds?: number;
      property?: string;
      message?: string;
      /** The peer the failure showed through, when it was a wire case. */
      wireOracle?: string;
      /** Wire oracles whose peer is not installed. */
      notRun: string[];
    };

const input = JSON.parse(process.argv[2]!) as FuzzWorkerInput;
const post = (m: FuzzWorkerMessage, sent?: () => void): void => void process.send!(m, undefined, {}, sent);
let lastSample = -Infinity;

const result = await runHpackFuzz({
  seed: input.seed,
  seconds: input.seconds,
  oracles: ['nghttp2', 'hpackjs'],
  wireOracles: input.wireOracles,
  out: input.out,
  log: (line) => post({ type: 'log', line }),
  onProgress: (s) => {
    const t = s.seconds();
    if (t - lastSample < 0.25) return;
    lastSample = t;
    post({ type: 'progress', t, cases: s.cases, findings: s.failures + s.latitude });
  },
});
const { stats, failure } = result;
post({
  type: 'done',
  cases: stats.cases,
  casesPerSecond: stats.rate(),
  failures: failure ? Math.max(1, stats.failures) : stats.failures,
  latitude: stats.latitude,
  ...(result.reproducerFile ? { reproducerFile: result.reproducerFile } : {}),
  ...(result.detectionSeconds !== undefined ? { detectionSeconds: result.detectionSeconds } : {}),
  ...(failure ? { property: failure.finding.property, message: failure.finding.message } : {}),
  ...(failure?.replay.wire ? { wireOracle: failure.replay.wire.oracle } : {}),
  notRun: result.notRun,
}, () => process.disconnect());
