// The JSON result of `h2harness conformance`: the runs as they are, under a
// versioned format name so the reports stage (issue 6) can read old files.
import type { ConformanceRun } from './conformance-result.js';
import type { GateVerdict } from './conformance-gate.js';

export const CONFORMANCE_FORMAT = 'h2harness.conformance/1';

export interface ConformanceResultFile {
  format: typeof CONFORMANCE_FORMAT;
  runs: ConformanceRun[];
  verdict: GateVerdict;
}

export function buildConformanceJson(runs: ConformanceRun[], verdict: GateVerdict): string {
  const file: ConformanceResultFile = { format: CONFORMANCE_FORMAT, runs, verdict };
  return JSON.stringify(file, null, 2) + '\n';
}
