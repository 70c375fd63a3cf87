// h2spec --strict and the project's own exact-verdict suite against every
// target over every transport (one report stage per transport holds both
// suites' cases, as `conformance` reports them), each failing case re-run
// once before it counts: the re-runs of one target, transport and suite go
// in a single invocation.
import type { ConformanceRun } from '../../conformance/conformance-result.js';
import { runConformanceTarget } from '../../conformance/conformance-session.js';
import { runSuiteTarget } from '../../conformance/suite/suite-session.js';
import { targetLabel, transportsOf, type TargetSpec } from '../../conformance/conformance-targets.js';
import { H2specUnavailableError, locateH2spec } from '../../conformance/h2spec-locator.js';
import { conformanceStage, conformanceStageName } from '../../report/conformance-stage.js';
import { classifyFailures, type Attempt } from '../../report/flaky.js';
import { notRunStage, ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';

const CASE_TIMEOUT_SEC = 2;
const RUN_TIMEOUT_MS = 180_000;

export async function conformanceStages(ctx: StageContext, log: (line: string) => void): Promise<StageResult[]> {
  const started = Date.now();
  const transports = ctx.transports.map((t) => t === 'tls');
  const notRun = (reason: string, fix: string): StageResult[] =>
    transports.map((tls) => notRunStage({ name: conformanceStageName(tls), kind: 'conformance', title: `h2spec --strict + h2harness suite over ${tls ? 'TLS' : 'h2c'}` }, reason, fix));
  const tool = await locateH2spec({ install: true, log }).catch((err: unknown) => {
    if (err instanceof H2specUnavailableError) return err;
    throw err;
  });
  if (tool instanceof H2specUnavailableError) return notRun(tool.message, tool.fix);
  if (tool.kind !== 'h2spec') return notRun('h2spec is not installed', tool.installCommand);
  const options = (tls: boolean, specs: string[] = []) => ({
    h2spec: tool,
    tls,
    strict: true,
    specs,
    caseTimeoutSec: CASE_TIMEOUT_SEC,
    overallTimeoutMs: RUN_TIMEOUT_MS,
    ...(ctx.serverStarted ? { onStarted: ctx.serverStarted } : {}),
  });
  const suiteOptions = (tls: boolean, ids?: string[]) => ({ tls, ...(ids ? { ids } : {}), ...(ctx.serverStarted ? { onStarted: ctx.serverStarted } : {}) });
  const runs: ConformanceRun[] = [];
  let cases = 0;
  let failed = 0;
  const add = (run: ConformanceRun): void => {
    runs.push(run);
    cases += run.cases.length;
    failed += run.counts.failed;
    ctx.progress(cases, failed);
  };
  for (const tls of transports) {
    for (const spec of ctx.targets) {
      if (ctx.signal.aborted) break;
      if (!transportsOf(spec, ctx.transports).includes(tls ? 'tls' : 'h2c')) continue;
      add(await runConformanceTarget(spec, options(tls)));
      if (!ctx.signal.aborted) add((await runSuiteTarget(spec, suiteOptions(tls))).run);
    }
  }
  const stages: StageResult[] = [];
  for (const tls of transports) {
    const stage = conformanceStage(runs, tls);
    const rerun = batchRerun(ctx, runs.filter((r) => r.target.tls === tls), async (spec, run, ids) =>
      run.tool.name === 'h2spec' ? runConformanceTarget(spec, options(tls, ids)) : (await runSuiteTarget(spec, suiteOptions(tls, ids))).run,
    );
    const reclassified = await classifyFailures(stage.cases, rerun);
    const interrupted = ctx.signal.aborted ? 'interrupted' : undefined;
    stages.push(ranStage({ ...stage, durationMs: Date.now() - started, cases: reclassified }, stage.reason ?? interrupted));
  }
  return stages;
}

/**
 * A Rerun for classifyFailures that re-runs all failed cases of a target's
 * run (one suite's) in one invocation the first time one of them is asked
 * for. h2spec takes its own ids (`http2/6.9.1/3`), the suite its case ids.
 */
function batchRerun(
  ctx: StageContext,
  runs: readonly ConformanceRun[],
  runAgain: (spec: TargetSpec, first: ConformanceRun, ids: string[]) => Promise<ConformanceRun>,
): (c: CaseResult) => Promise<Attempt> {
  const byRun = new Map<ConformanceRun, Promise<Map<string, Attempt>>>();
  return async (c) => {
    if (ctx.signal.aborted) return { outcome: 'failed' };
    const first = runs.find((r) => r.target.name === c.target && r.cases.some((x) => x.id === c.id));
    const spec = ctx.targets.find((s) => targetLabel(s) === c.target);
    if (!first || !spec) return { outcome: 'failed' };
    let outcomes = byRun.get(first);
    if (!outcomes) {
      const failedIds = first.cases.filter((x) => x.outcome === 'failed').map((x) => (first.tool.name === 'h2spec' ? x.h2specId : x.id));
      outcomes = runAgain(spec, first, failedIds).then((again) => new Map(again.cases.map((x) => [x.id, { outcome: x.outcome }] as const)));
      byRun.set(first, outcomes);
    }
    return (await outcomes).get(c.id) ?? { outcome: 'failed' };
  };
}
