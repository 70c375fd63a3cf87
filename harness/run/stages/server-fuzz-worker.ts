// Runs the server fuzzer in a child process, as the HPACK fuzz worker does:
// the in-process loop is synchronous, and the run's progress display and
// signal handling must keep running meanwhile; stopping it is a kill by
// PID. Input: JSON in argv[2]; output: IPC messages.
import type { TargetSpec } from '../../conformance/conformance-targets.js';
import { runServerFuzz } from '../../fuzz/server/run-server-fuzz.js';

export interface ServerFuzzWorkerInput {
  seed: number;
  seconds: number;
  out: string;
  targets: TargetSpec[];
  tls: boolean;
}

export interface ServerFuzzWorkerFinding {
  file: string;
  target: string;
  rule: string;
  section: string;
  message: string;
  t: number;
}

export type ServerFuzzWorkerMessage =
  | { type: 'progress'; t: number; scenarios: number; findings: number }
  | {
      type: 'done';
      scenarios: number;
      scenariosPerSecond: number;
      latitude: number;
      findings: ServerFuzzWorkerFinding[];
      rates: Record<string, number>;
      notRun: string[];
    };

const input = JSON.parse(process.argv[2]!) as ServerFuzzWorkerInput;
const post = (m: ServerFuzzWorkerMessage, sent?: () => void): void => void process.send!(m, undefined, {}, sent);
let lastSample = -Infinity;

const result = await runServerFuzz({
  seed: input.seed,
  seconds: input.seconds,
  targets: input.targets,
  tls: input.tls,
  out: input.out,
  maxFindings: 20,
  log: () => undefined,
  onProgress: (s) => {
    const t = s.seconds();
    if (t - lastSample < 0.25) return;
    lastSample = t;
    post({ type: 'progress', t, scenarios: s.scenarios, findings: s.findings + s.latitude });
  },
});
post(
  {
    type: 'done',
    scenarios: result.stats.scenarios,
    scenariosPerSecond: result.stats.rate(),
    latitude: result.stats.latitude,
    findings: result.findings.map(({ found, file }) => {
      const f = found.check.finding!;
      return { file, target: f.target, rule: f.rule, section: f.section, message: `${f.rule} (RFC 9113 §${f.section}) at step ${f.step}: expected ${f.expected}; it did: ${f.actual}`, t: +found.foundAfterSeconds.toFixed(2) };
    }),
    rates: result.rates,
    notRun: result.notRun,
  },
  () => process.disconnect(),
);
