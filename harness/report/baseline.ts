// Gating: a report compared with the baseline. A failure not accepted there
// is a regression (exit 1, named); an accepted failure that passes now is
// fixed (exit 0, with a note to update the baseline); flaky cases are listed
// apart and never fail the run; an entry whose case no longer exists in a
// stage that ran is stale (listed, never failing: the failure it accepted is
// gone with it). Only the entries for the Node major the run was made on
// count: the others neither accept its failures, nor turn fixed, nor stale.
import type { BaselineComparison, CaseRef, CaseResult, Report, StageResult } from './report-model.js';
import { acceptedKey, appliesOn, nodeMajorOf, type AcceptedFailure, type BaselineFile } from './baseline-file.js';
import { stageBreakage } from './report-builder.js';

function ref(stage: StageResult, c: CaseResult, extra: Partial<CaseRef> = {}): CaseRef {
  return { target: c.target, stage: stage.name, case: c.key ?? c.id, description: c.description, ...extra };
}

function acceptedIndex(baseline: BaselineFile, nodeMajor: number): Map<string, AcceptedFailure> {
  const index = new Map<string, AcceptedFailure>();
  for (const [target, entries] of Object.entries(baseline.targets)) {
    for (const e of entries) if (appliesOn(e, nodeMajor)) index.set(acceptedKey(target, e.stage, e.case), e);
  }
  return index;
}

/** The entry accepting `c`, by its key, else (an entry written by position) by its id. */
export function entryFor(accepted: ReadonlyMap<string, AcceptedFailure>, stage: string, c: CaseResult): AcceptedFailure | undefined {
  return (c.key !== undefined ? accepted.get(acceptedKey(c.target, stage, c.key)) : undefined) ?? accepted.get(acceptedKey(c.target, stage, c.id));
}

/**
 * Which suite a case belongs to, within a stage that can hold two: our own
 * conformance cases have ids `rfcNNNN/…`, everything else (h2spec's keys,
 * other stages' ids) is one family. A run of one suite (`--suite h2spec`)
 * says nothing about the other's entries, so they are not stale.
 */
export function familyOf(caseName: string): string {
  return /^rfc\d+\//.test(caseName) ? 'h2harness' : 'other';
}

/**
 * Whether a case speaks for the entries of its target and stage that it does
 * not match, so that one matching none is stale (and `baseline update`
 * drops it). A skipped case does not: nothing ran (a target the attack
 * stage's time could not take keeps its entries). Nor does a fuzz stage's:
 * which rules a fuzzer meets depends on its seed and its time, so an
 * accepted finding this run did not meet is not fixed, another seed meets it.
 */
export function coversItsStage(stage: Pick<StageResult, 'kind'>, c: Pick<CaseResult, 'outcome'>): boolean {
  return c.outcome !== 'skipped' && stage.kind !== 'fuzz';
}

/** Why a stage fails the run whatever the baseline accepts; null when it does not. */
function gatingBreakage(stage: StageResult, ci: boolean): string | null {
  // Under CI a stage that could not run is a setup failure, not a note: CI must not pass by skipping.
  if (stage.status === 'not-run' && ci) return `not run under CI=true: ${stage.reason ?? 'no reason given'}`;
  return stageBreakage(stage);
}

export interface CompareOptions {
  /**
   * Whether the stages ran all their cases, so an entry matching none is
   * stale; false for a run narrowed to some cases (`conformance --spec`).
   */
  complete?: boolean;
}

export function compareWithBaseline(report: Report, baseline: BaselineFile, file: string, options: CompareOptions = {}): BaselineComparison {
  const major = nodeMajorOf(report.run.versions.node);
  const accepted = acceptedIndex(baseline, major);
  const out: BaselineComparison = { file, regressions: [], fixed: [], stillFailing: [], flaky: [], stale: [], brokenStages: [], exitCode: 0 };
  const used = new Set<AcceptedFailure>();
  /** target → `stage family` of the cases for it that ran whole. */
  const ranWhole = new Map<string, Set<string>>();
  for (const stage of report.stages) {
    const broken = gatingBreakage(stage, report.run.ci);
    if (broken !== null) out.brokenStages.push({ stage: stage.name, reason: broken });
    for (const c of stage.cases) {
      if (broken === null && coversItsStage(stage, c)) ranWhole.set(c.target, (ranWhole.get(c.target) ?? new Set()).add(`${stage.name} ${familyOf(c.key ?? c.id)}`));
      const entry = entryFor(accepted, stage.name, c);
      if (entry) used.add(entry);
      if (c.outcome === 'failed') {
        if (entry) out.stillFailing.push(ref(stage, c, { reason: entry.reason }));
        else out.regressions.push(ref(stage, c, { message: c.failure?.message ?? 'failed' }));
      } else if (c.outcome === 'passed' && entry) {
        out.fixed.push(ref(stage, c, { reason: entry.reason }));
      } else if (c.outcome === 'flaky') {
        out.flaky.push(ref(stage, c, { message: c.failure?.message ?? 'failed, then passed on re-run' }));
      }
    }
  }
  if (options.complete !== false && report.run.complete) {
    for (const [target, entries] of Object.entries(baseline.targets)) {
      for (const e of entries) {
        if (!used.has(e) && appliesOn(e, major) && ranWhole.get(target)?.has(`${e.stage} ${familyOf(e.case)}`)) {
          out.stale!.push({ target, stage: e.stage, case: e.case, reason: e.reason, ...(e.description ? { description: e.description } : {}) });
        }
      }
    }
  }
  const failing = out.regressions.length > 0 || out.brokenStages.length > 0 || !report.run.complete;
  out.exitCode = failing ? 1 : 0;
  return out;
}

/** The report with its comparison filled in: what the run writes to report.json. */
export function withComparison(report: Report, baseline: BaselineFile, file: string, options: CompareOptions = {}): Report {
  return { ...report, baseline: compareWithBaseline(report, baseline, file, options) };
}

/** One line per regression / broken stage, for the console and error messages. */
export function describeRegressions(cmp: BaselineComparison): string[] {
  return [
    ...cmp.regressions.map((r) => `regression: ${r.target} ${r.stage} ${r.case} ${r.description ?? ''}: ${r.message ?? ''}`.trimEnd()),
    ...cmp.brokenStages.map((b) => `stage ${b.stage} failed: ${b.reason}`),
  ];
}

/** What the console says after a comparison (`run` and `conformance` alike): what failed, what got fixed, what was flaky, what is stale. */
export function describeComparison(cmp: BaselineComparison): string[] {
  return [
    ...describeRegressions(cmp),
    ...cmp.fixed.map((f) => `fixed: ${f.target} ${f.stage} ${f.case} passes now; run \`h2harness baseline update\` to drop it from the baseline`),
    ...cmp.flaky.map((f) => `flaky: ${f.target} ${f.stage} ${f.case} failed once, passed on re-run`),
    ...(cmp.stale ?? []).map((s) => `stale: ${s.target} ${s.stage} ${s.case}${s.description ? ` (${s.description})` : ''} is in the baseline but no such case ran; \`h2harness baseline update\` drops it`),
  ];
}

/** The last line of a gated command; accepted failures are counted so a green line after `× …` lines explains itself. */
export function resultLine(cmp: BaselineComparison): string {
  if (cmp.exitCode !== 0) return `result: ${cmp.regressions.length} regressions, ${cmp.brokenStages.length} broken stages`;
  return cmp.stillFailing.length === 0 ? 'result: clean' : `result: clean (${cmp.stillFailing.length} failures accepted by ${cmp.file})`;
}
