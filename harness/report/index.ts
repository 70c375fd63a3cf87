// The report layer's public entry, one import for what `h2harness run` calls:
//   1. Each stage returns a StageResult (ranStage / notRunStage / conformanceStage),
//      failing cases first classified by classifyFailures (re-run → flaky).
//   2. buildReport(facts, stages) once at the end, or on SIGINT with `interruption`.
//   3. withComparison(report, readBaselineOrEmpty(file), file) → report.baseline.exitCode.
//   4. writeReport(report, root) → the run folder with the four files, `latest` updated.
export type * from './report-model.js';
export { REPORT_SCHEMA_VERSION } from './report-model.js';
export { buildReport, notRunStage, ranStage, runFolderName, type RunFacts } from './report-builder.js';
export { conformanceStage, conformanceStageName } from './conformance-stage.js';
export { failureFacts } from './failure-facts.js';
export { classifyFailure, classifyFailures, type Attempt, type Rerun } from './flaky.js';
export { compareWithBaseline, withComparison, describeRegressions, describeComparison, resultLine } from './baseline.js';
export { conformanceReport, type ConformanceInvocation } from './conformance-report.js';
export { updateBaseline, type BaselineUpdate } from './baseline-update.js';
export { readBaseline, readBaselineOrEmpty, writeBaseline, emptyBaseline, type BaselineFile, type AcceptedFailure } from './baseline-file.js';
export { validateReport, validateBaseline, readReport, ReportFormatError } from './report-schema.js';
export { writeReport, renderReportFiles, REPORT_FILES, type WrittenReport } from './write-report.js';
export { resolveRunFolder } from './latest-pointer.js';
export { buildMarkdownSummary } from './markdown-summary.js';
export { reportTotals, countCases, runPassed } from './report-totals.js';
