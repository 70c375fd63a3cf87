// `h2harness baseline update`: the baseline rewritten from a run. For every
// stage that ran cases against a target, that target's accepted failures in
// that stage become exactly the cases failing now; reasons already written
// are kept, new entries get a placeholder a person should replace. Stages the
// run did not cover keep their entries: not running is not passing.
import type { CaseRef, Report } from './report-model.js';
import { acceptedKey, type AcceptedFailure, type BaselineFile } from './baseline-file.js';

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
  for (const t of report.targets) covered.set(t.name, new Set());
  for (const stage of report.stages) {
    for (const c of stage.cases) {
      if (!covered.has(c.target)) covered.set(c.target, new Set());
      covered.get(c.target)!.add(stage.name);
      if (c.outcome !== 'failed') continue;
      const old = previous.get(acceptedKey(c.target, stage.name, c.id));
      const reason = old?.reason ?? `failing since run ${report.run.id}: ${c.failure?.message ?? 'failed'} (TODO: say why it is accepted)`;
      failing.set(c.target, [...(failing.get(c.target) ?? []), { stage: stage.name, case: c.id, reason }]);
    }
  }

  const targets: Record<string, AcceptedFailure[]> = { ...existing.targets };
  const added: CaseRef[] = [];
  const removed: CaseRef[] = [];
  for (const [target, stages] of covered) {
    const kept = (existing.targets[target] ?? []).filter((e) => !stages.has(e.stage));
    const now = failing.get(target) ?? [];
    for (const e of now) if (!previous.has(acceptedKey(target, e.stage, e.case))) added.push({ target, stage: e.stage, case: e.case, reason: e.reason });
    const nowKeys = new Set(now.map((e) => acceptedKey(target, e.stage, e.case)));
    for (const e of existing.targets[target] ?? []) {
      if (stages.has(e.stage) && !nowKeys.has(acceptedKey(target, e.stage, e.case))) removed.push({ target, stage: e.stage, case: e.case, reason: e.reason });
    }
    targets[target] = [...kept, ...now].sort(byStageThenCase);
  }
  return { baseline: { ...existing, targets }, added, removed };
}
