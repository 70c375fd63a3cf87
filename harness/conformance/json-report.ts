// The JSON result of `h2harness conformance`: the runs as h2spec gave them,
// and the comparison with the baseline that decided the exit code, under a
// versioned format name (/2: the verdict became the report's
// BaselineComparison, the same one `run` writes to report.json).
import type { ConformanceRun } from './conformance-result.js';
import type { BaselineComparison } from '../report/report-model.js';

export const CONFORMANCE_FORMAT = 'h2harness.conformance/2';

export interface ConformanceResultFile {
  format: typeof CONFORMANCE_FORMAT;
  runs: ConformanceRun[];
  verdict: BaselineComparison;
}

export function buildConformanceJson(runs: ConformanceRun[], verdict: BaselineComparison): string {
  const file: ConformanceResultFile = { format: CONFORMANCE_FORMAT, runs, verdict };
  return JSON.stringify(file, null, 2) + '\n';
}
