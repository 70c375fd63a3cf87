// Pass or fail for CI, kept apart from running and reporting: a run fails on
// any failed case not in the accepted list, and on any run that did not
// complete. The accepted list (the baseline, issue 6) is data; until it
// exists callers pass an empty list, so every failure fails.
import type { ConformanceRun } from './conformance-result.js';

export interface AcceptedFailure {
  /** Target name as in ConformanceTarget (`node`, `nghttpd`, `ref`). */
  target: string;
  caseId: string;
  why?: string;
}

export interface CaseRef {
  target: string;
  tls: boolean;
  caseId: string;
}

export interface GateVerdict {
  ok: boolean;
  /** Failed and not accepted: these make the exit code 1. */
  newFailures: CaseRef[];
  /** Accepted failures that passed this time: the baseline can shrink. */
  fixed: CaseRef[];
  /** Runs that did not complete, with why. */
  incompleteRuns: Array<{ target: string; tls: boolean; status: string; problems: string[] }>;
}

export function gateConformance(runs: readonly ConformanceRun[], accepted: readonly AcceptedFailure[]): GateVerdict {
  const isAccepted = (target: string, caseId: string) => accepted.some((a) => a.target === target && a.caseId === caseId);
  const verdict: GateVerdict = { ok: true, newFailures: [], fixed: [], incompleteRuns: [] };
  for (const run of runs) {
    const { name: target, tls } = run.target;
    if (run.status !== 'completed') verdict.incompleteRuns.push({ target, tls, status: run.status, problems: run.problems });
    for (const c of run.cases) {
      if (c.outcome === 'failed' && !isAccepted(target, c.id)) verdict.newFailures.push({ target, tls, caseId: c.id });
      if (c.outcome === 'passed' && isAccepted(target, c.id)) verdict.fixed.push({ target, tls, caseId: c.id });
    }
  }
  verdict.ok = verdict.newFailures.length === 0 && verdict.incompleteRuns.length === 0;
  return verdict;
}
