// The re-run policy: a failing case is re-run before it counts; one that
// passes on a re-run is flaky, reported apart and never counted as a
// failure, since a target that passes a case once can do it. The re-run
// itself belongs to the stage, which is passed in.
import type { CaseResult, FailureDetail } from './report-model.js';

export interface Attempt {
  outcome: 'passed' | 'failed' | 'skipped';
  failure?: FailureDetail;
}

export type Rerun = (failed: CaseResult) => Promise<Attempt>;

/**
 * Classifies one case. Passed and skipped cases come back unchanged; a failed
 * one is re-run up to `reruns` times and comes back `flaky` if any re-run
 * passed, else `failed` with its first failure. A re-run that throws counts
 * as a failed attempt: the harness could not show the case passes.
 */
export async function classifyFailure(c: CaseResult, rerun: Rerun, reruns = 1): Promise<CaseResult> {
  if (c.outcome !== 'failed') return c;
  const attempts: Attempt[] = [];
  while (attempts.length < reruns && attempts.at(-1)?.outcome !== 'passed') {
    attempts.push(await rerun(c).catch((): Attempt => ({ outcome: 'failed' })));
  }
  return afterReruns(c, attempts);
}

/**
 * A failed case given the re-runs it had (stopping at the first pass):
 * `flaky` if the last passed, else still failed with its first failure;
 * `attempts` counts the first run too.
 */
export function afterReruns(c: CaseResult, reruns: readonly Attempt[]): CaseResult {
  if (c.outcome !== 'failed') return c;
  const attempts = reruns.length + 1;
  return reruns.at(-1)?.outcome === 'passed' ? { ...c, outcome: 'flaky', attempts } : { ...c, attempts };
}

/** Every case of a stage, re-running the failed ones one after the other (targets dislike parallel re-runs). */
export async function classifyFailures(cases: readonly CaseResult[], rerun: Rerun, reruns = 1): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) out.push(await classifyFailure(c, rerun, reruns));
  return out;
}
