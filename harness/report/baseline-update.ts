// `h2harness baseline update`: the baseline rewritten from a run. For every
// stage that ran cases against a target, that target's accepted failures in
// that stage become exactly the cases failing now; reasons already written
// are kept, new entries get a placeholder a person should replace. Stages the
// run did not cover keep their entries: not running is not passing (nor is a
// skipped case, nor a fuzzer not meeting a finding again: coversItsStage). Entries
// are written by case key (an entry written by position is rewritten by key,
// its reason kept), so a case inserted before them shifts nothing.
// A run speaks for its own Node major only: entries for other majors stay as
// they are (a case failing now on one of them gains this major), a passing
// entry for several majors loses this one, and what the `node` target (the
// runtime's node:http2) newly fails is recorded for this major alone.
import type { CaseRef, Report } from './report-model.js';
import { acceptedKey, appliesOn, nodeMajorOf, type AcceptedFailure, type BaselineFile } from './baseline-file.js';
import { coversItsStage, familyOf } from './baseline.js';

export interface BaselineUpdate {
  baseline: BaselineFile;
  added: CaseRef[];
  removed: CaseRef[];
}

const byStageThenCase = (a: AcceptedFailure, b: AcceptedFailure): number =>
  a.stage.localeCompare(b.stage) || a.case.localeCompare(b.case, 'en', { numeric: true });

/** The target whose failures are the runtime's own: node:http2 runs inside the harness. */
const RUNTIME_TARGET = 'node';

/** A case that failed in the run, under the name a baseline entry gets for it. */
interface FailingCase extends CaseRef {
  message: string;
}

export function updateBaseline(report: Report, existing: BaselineFile): BaselineUpdate {
  const major = nodeMajorOf(report.run.versions.node);
  // target → `stage family` of the cases that ran for it in this report (a
  // run of one conformance suite says nothing of the other suite's entries).
  const covered = new Map<string, Set<string>>();
  // acceptedKey by case key → the failing case; acceptedKey by position id → acceptedKey by case key.
  const failingNow = new Map<string, FailingCase>();
  const byPosition = new Map<string, string>();
  for (const t of report.targets) covered.set(t.name, new Set());
  for (const stage of report.stages) {
    for (const c of stage.cases) {
      if (!covered.has(c.target)) covered.set(c.target, new Set());
      if (coversItsStage(stage, c)) covered.get(c.target)!.add(`${stage.name} ${familyOf(c.key ?? c.id)}`);
      const key = acceptedKey(c.target, stage.name, c.key ?? c.id);
      if (c.key !== undefined) byPosition.set(acceptedKey(c.target, stage.name, c.id), key);
      if (c.outcome !== 'failed') continue;
      failingNow.set(key, {
        target: c.target,
        stage: stage.name,
        case: c.key ?? c.id,
        ...(c.key !== undefined ? { description: c.description } : {}),
        message: c.failure?.message ?? 'failed',
      });
    }
  }
  /** An entry under the name this run gives its case: written by position, it is renamed by key. */
  const renamed = (target: string, e: AcceptedFailure): AcceptedFailure => {
    const k = acceptedKey(target, e.stage, e.case);
    const key = byPosition.get(k);
    if (key === undefined) return e;
    const c = report.stages.find((s) => s.name === e.stage)?.cases.find((x) => x.target === target && acceptedKey(target, e.stage, x.id) === k);
    return c?.key !== undefined ? { ...e, case: c.key, description: c.description } : e;
  };

  const targets: Record<string, AcceptedFailure[]> = { ...existing.targets };
  const added: CaseRef[] = [];
  const removed: CaseRef[] = [];
  for (const [target, stages] of covered) {
    const handled = new Set<string>();
    const next: AcceptedFailure[] = [];
    for (const old of existing.targets[target] ?? []) {
      const e = renamed(target, old);
      const key = acceptedKey(target, e.stage, e.case);
      if (!stages.has(`${e.stage} ${familyOf(e.case)}`) || !appliesOn(e, major)) {
        next.push(e); // not run, or about another runtime: this run cannot tell
        if (appliesOn(e, major) && failingNow.has(key)) handled.add(key); // a fuzzer met it again: still accepted
      } else if (failingNow.has(key)) {
        next.push(e);
        handled.add(key);
      } else if (e.nodeMajors !== undefined && e.nodeMajors.length > 1) {
        next.push({ ...e, nodeMajors: e.nodeMajors.filter((m) => m !== major) });
        removed.push({ target, stage: e.stage, case: e.case, reason: `${e.reason} (on Node ${major} only)` });
      } else {
        removed.push({ target, stage: e.stage, case: e.case, reason: e.reason });
      }
    }
    for (const [key, c] of failingNow) {
      if (c.target !== target || handled.has(key)) continue;
      // Accepted on other majors already: the same entry now says this one too.
      const elsewhere = next.findIndex((e) => acceptedKey(target, e.stage, e.case) === key);
      if (elsewhere >= 0) {
        const e = next[elsewhere]!;
        next[elsewhere] = { ...e, nodeMajors: [...e.nodeMajors!, major].sort((x, y) => x - y) };
        continue;
      }
      const entry: AcceptedFailure = {
        stage: c.stage,
        case: c.case,
        ...(c.description !== undefined ? { description: c.description } : {}),
        reason: `failing since run ${report.run.id}: ${c.message} (TODO: say why it is accepted)`,
        ...(target === RUNTIME_TARGET ? { nodeMajors: [major] } : {}),
      };
      next.push(entry);
      added.push({ target, stage: entry.stage, case: entry.case, reason: entry.reason });
    }
    targets[target] = next.sort(byStageThenCase);
  }
  return { baseline: { ...existing, targets }, added, removed };
}
