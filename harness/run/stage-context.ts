// What the orchestrator hands every stage: the targets, how long it may take,
// the seed, and a way to report progress and to learn that the run stops.
import type { TargetSpec } from '../conformance/conformance-targets.js';
import type { Transport } from '../report/report-model.js';
import type { RunningServer } from '../peers/server-peer.js';

export interface StageContext {
  targets: readonly TargetSpec[];
  transports: readonly Transport[];
  seed: number;
  /** CI=true: a stage that cannot run is a failure, never a silent skip. */
  ci: boolean;
  /** Wall-clock time (ms since the epoch) by which the stage should be done. */
  deadline: number;
  /** Where this run's files go (reproducers land in a sub-folder). */
  runDir: string;
  /** Aborted on Ctrl-C / SIGTERM: the stage stops and returns what it has. */
  signal: AbortSignal;
  progress(cases: number, findings: number): void;
  /** Told of every server a stage starts, so the report can name its version. */
  serverStarted?(server: RunningServer): void;
}
