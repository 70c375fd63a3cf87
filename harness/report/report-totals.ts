// Counting outcomes: the totals every writer shows (JUnit attributes,
// the summary table, the HTML cards) come from this one place.
import type { CaseOutcome, CaseResult, Report, StageResult } from './report-model.js';

export type OutcomeTotals = Record<CaseOutcome, number>;

export function countCases(cases: readonly CaseResult[]): OutcomeTotals {
  const totals: OutcomeTotals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
  for (const c of cases) totals[c.outcome]++;
  return totals;
}

export function reportTotals(report: Report): OutcomeTotals {
  return countCases(report.stages.flatMap((s) => s.cases));
}

/** The targets a stage ran cases against, in the report's target order. */
export function stageTargets(report: Report, stage: StageResult): string[] {
  const seen = new Set(stage.cases.map((c) => c.target));
  const ordered = report.targets.map((t) => t.name).filter((n) => seen.has(n));
  return [...ordered, ...[...seen].filter((n) => !ordered.includes(n))];
}

/** Pass or fail of the whole run: the baseline's verdict when there is one, else any failure fails. */
export function runPassed(report: Report): boolean {
  if (report.baseline) return report.baseline.exitCode === 0;
  const broken = report.stages.some((s) => s.status === 'failed');
  return report.run.complete && !broken && reportTotals(report).failed === 0;
}
