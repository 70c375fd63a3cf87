// `h2harness baseline update`: the baseline rewritten from a run. For every
// stage that ran cases against a target, that target's accepted failures in
// that stage become exactly the cases failing now; reasons already written
// are kept, new entries get a placeholder a person should replace. Stages the
// run did not cover keep their entries: not running is not passing. Entries
// are written by case key (an entry written by position is rewritten by key,
// its reason kept), so a case inserted before them shifts nothing.
import type { CaseRef, Report } from './report-model.js';
import { acceptedKey, type AcceptedFailure, type BaselineFile } from './baseline-file.js';
import { entryFor } from './baseline.js';

export interface BaselineUpdate {
  baseline: BaselineFile;
  added: CaseRef[];
  removed: CaseRef[];
}

const byStageThenCase = (a: AcceptedFailure, b: AcceptedFailure): number =>
  a.stage.localeCompare(b.stage) || a.case.localeCompare(b.case, 'en', { numeric: true });

export function updateBaseline(report: Report, existing: BaselineFile): BaselineUpdate {
  const previous = new Map<string, AcceptedFailure>();
  for (const [target, entries] of Object.entries(existing.targets)) {
    for (const e of entries) previous.set(acceptedKey(target, e.stage, e.case), e);
  }
  // target → stages that ran cases for it in this report.
  const covered = new Map<string, Set<string>>();
  const failing = new Map<string, AcceptedFailure[]>();
  /** Old entries that accept a case failing now (under its key or, written by position, its id). */
  const carried = new Set<AcceptedFailure>();
  const added: CaseRef[] = [];
  for (const t of report.targets) covered.set(t.name, new Set());
  for (const stage of report.stages) {
    for (const c of stage.cases) {
      if (!covered.has(c.target)) covered.set(c.target, new Set());
      covered.get(c.target)!.add(stage.name);
      if (c.outcome !== 'failed') continue;
      const old = entryFor(previous, stage.name, c);
      if (old) carried.add(old);
      const reason = old?.reason ?? `failing since run ${report.run.id}: ${c.failure?.message ?? 'failed'} (TODO: say why it is accepted)`;
      const entry: AcceptedFailure = { stage: stage.name, case: c.key ?? c.id, ...(c.key !== undefined ? { description: c.description } : {}), reason };
      failing.set(c.target, [...(failing.get(c.target) ?? []), entry]);
      if (!old) added.push({ target: c.target, stage: entry.stage, case: entry.case, reason });
    }
  }

  const targets: Record<string, AcceptedFailure[]> = { ...existing.targets };
  const removed: CaseRef[] = [];
  for (const [target, stages] of covered) {
    const kept = (existing.targets[target] ?? []).filter((e) => !stages.has(e.stage));
    const now = failing.get(target) ?? [];
    for (const e of existing.targets[target] ?? []) {
      if (stages.has(e.stage) && !carried.has(e)) removed.push({ target, stage: e.stage, case: e.case, reason: e.reason });
    }
    targets[target] = [...kept, ...now].sort(byStageThenCase);
  }
  return { baseline: { ...existing, targets }, added, removed };
}
