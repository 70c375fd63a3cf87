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
  /** Seconds shared by the peers, in turn. */
  seconds?: number;
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
  /** From the start of the wire phase. */
  foundAfterSeconds: number;
}

export type WirePhaseMessage =
  | { type: 'log'; line: string }
  | { type: 'done'; counts: FuzzCounts; failures: number; failure?: WirePhaseFailure; notRun: string[] }
  /** An exchange that could not be judged (WireTroubleError) or any other error: the run ends with it. */
  | { type: 'error'; trouble: boolean; message: string };
