// What the wire phase's process is given and what it reports back
// (wire-phase.ts starts it, wire-phase-worker.ts is it): plain JSON, so a
// finding crosses as its data and its sides already built.
import type { WireOracleName } from '../../../peers/wire/wire-oracle.js';
import type { FuzzCounts } from '../fuzz-stats.js';
import type { Finding } from '../findings.js';

export interface WirePhaseInput {
  seed: number;
  /** Cases per peer. */
  runs?: number;
  /**
   * When the phase ends (epoch milliseconds), shared by the peers in turn:
   * a time rather than seconds, so that the process's own start (loading
   * the implementation, libnghttp2, the peers) comes out of it and the
   * phase ends with the in-process cases instead of a second after them.
   */
  deadline?: number;
  /** When the run started (epoch milliseconds): detection times are counted from it, as the in-process cases' are. */
  startedAt: number;
  wireOracles: WireOracleName[];
  /** The implementation as `fuzz hpack` was given it (undefined: ours). */
  impl?: string;
  typedError?: string;
}

export interface WirePhaseFailure {
  oracle: WireOracleName;
  /** wireCaseToJson of the failing case. */
  wireCase: unknown;
  finding: Omit<Finding, 'sides'> & { sides: Record<string, unknown> };
  seed: number;
  path: string | null;
  /** From WirePhaseInput.startedAt. */
  foundAfterSeconds: number;
}

export type WirePhaseMessage =
  | { type: 'log'; line: string }
  | { type: 'done'; counts: FuzzCounts; failures: number; failure?: WirePhaseFailure; notRun: string[] }
  /** An exchange that could not be judged (WireTroubleError) or any other error: the run ends with it. */
  | { type: 'error'; trouble: boolean; message: string };
