// `h2harness conformance` as a report: the stage `run` makes of the same
// h2spec runs, compared with the same baseline, so both verbs gate a target
// alike and write the same JUnit. Unlike `run` nothing is re-run here:
// `conformance` reports what h2spec said once, so a racy case is a failure
// (or an accepted one), never `flaky`.
import type { ConformanceRun } from '../conformance/conformance-result.js';
import type { BaselineFile } from './baseline-file.js';
import { withComparison } from './baseline.js';
import { conformanceStage } from './conformance-stage.js';
import { buildReport } from './report-builder.js';
import type { Report, TargetInfo, Transport } from './report-model.js';

export interface ConformanceInvocation {
  /** What `--target` said: `ref`, `all`, `HOST:PORT`… */
  targetSpec: string;
  /** The transports the runs used (a list can mix built-in targets and a user's TLS server). */
  transports: Transport[];
  runs: readonly ConformanceRun[];
  /** Every target asked for, with its version; built-in ones `all` left out carry `notRun`. */
  targets: TargetInfo[];
  /** The longest the invocation may take: h2spec's overall timeout, per target. */
  budgetSeconds: number;
  startedAt: Date;
  finishedAt: Date;
  ci: boolean;
  h2specVersion: string;
  command: string;
}

export function conformanceReport(o: ConformanceInvocation, baseline: BaselineFile, baselineFile: string): Report {
  const report = buildReport(
    {
      targetSpec: o.targetSpec,
      targets: o.targets,
      transports: o.transports,
      budgetSeconds: o.budgetSeconds,
      startedAt: o.startedAt,
      finishedAt: o.finishedAt,
      ci: o.ci,
      // nghttp2's version is `run`'s business (its vectors and fuzz stages); here only h2spec shaped the result.
      tools: { h2spec: o.h2specVersion, nghttp2: null },
      command: o.command,
    },
    o.transports.map((t) => conformanceStage(o.runs, t === 'tls')),
  );
  return withComparison(report, baseline, baselineFile);
}
