// `h2harness conformance` as a report: the stage `run` makes of the same
// h2spec runs, with the same re-run of failed cases (one that passes the
// second time is flaky), compared with the same baseline, so both verbs gate
// a target alike and write the same JUnit.
import type { ConformanceRun } from '../conformance/conformance-result.js';
import type { BaselineFile } from './baseline-file.js';
import { withComparison } from './baseline.js';
import { conformanceStage } from './conformance-stage.js';
import { afterReruns } from './flaky.js';
import { buildReport, ranStage } from './report-builder.js';
import type { Report, TargetInfo, Transport } from './report-model.js';

export interface ConformanceInvocation {
  /** What `--target` said: `ref`, `all`, `HOST:PORT`… */
  targetSpec: string;
  /** The transports the runs used (a list can mix built-in targets and a user's TLS server). */
  transports: Transport[];
  runs: readonly ConformanceRun[];
  /** Target name → the run that re-ran its failed cases (absent: none failed, or no re-run). */
  reruns?: ReadonlyMap<string, ConformanceRun>;
  /** False when `--spec` narrowed the run: baseline entries of cases not run are then not stale. */
  complete?: boolean;
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
    o.transports.map((t) => withReruns(conformanceStage(o.runs, t === 'tls'), o.reruns)),
  );
  return withComparison(report, baseline, baselineFile, { complete: o.complete !== false });
}

function withReruns(stage: ReturnType<typeof conformanceStage>, reruns: ReadonlyMap<string, ConformanceRun> | undefined): ReturnType<typeof conformanceStage> {
  if (!reruns || reruns.size === 0) return stage;
  const cases = stage.cases.map((c) => {
    const again = reruns.get(c.target)?.cases.find((x) => x.key === c.key);
    return afterReruns(c, [{ outcome: again?.outcome ?? 'failed' }]);
  });
  return ranStage({ ...stage, cases }, stage.reason);
}
