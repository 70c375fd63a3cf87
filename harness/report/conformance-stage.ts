// An h2spec run (harness/conformance) as a report stage: one stage per
// transport, named `conformance-h2c` / `conformance-tls`, whose cases keep
// h2spec's written-down ids for the matrix and carry the keys the baseline
// uses (case-id.ts).
import type { ConformanceRun } from '../conformance/conformance-result.js';
import type { CaseResult, StageResult } from './report-model.js';
import { failureFacts } from './failure-facts.js';
import { ranStage } from './report-builder.js';

export function conformanceStageName(tls: boolean): string {
  return tls ? 'conformance-tls' : 'conformance-h2c';
}

function toCase(run: ConformanceRun, c: ConformanceRun['cases'][number]): CaseResult {
  const out: CaseResult = {
    id: c.id,
    key: c.key,
    section: c.section,
    sectionTitle: c.sectionTitle,
    description: c.description,
    target: run.target.name,
    outcome: c.outcome,
  };
  if (c.durationMs !== null) out.durationMs = c.durationMs;
  // JUnit and HTML show a skipped case's message: the reason it could not be judged here.
  if (c.outcome === 'skipped' && c.skipReason !== undefined) out.failure = { message: c.skipReason, scope: 'none', code: null, initiator: 'harness' };
  if (c.outcome === 'failed') {
    out.failure = {
      message: c.requirement ?? c.error ?? 'failed',
      ...(c.expected ? { expected: c.expected } : {}),
      ...(c.actual !== undefined ? { actual: c.actual } : {}),
      ...failureFacts(c.expected, c.actual, c.requirement),
      // h2spec compared the target's behaviour; an `Error:` line is h2spec failing to run the case.
      initiator: c.error !== undefined && c.expected === undefined ? 'harness' : 'target',
    };
  }
  return out;
}

/** `h2spec --strict`, `h2harness suite`, or both: what made the stage's cases. */
function stageTools(runs: readonly ConformanceRun[]): string {
  const names = [...new Set(runs.map((r) => r.tool.name))];
  if (names.length === 0) names.push('h2spec');
  return names.map((n) => (n === 'h2spec' ? `h2spec${runs.some((r) => r.tool.name === 'h2spec' && r.strict) ? ' --strict' : ''}` : 'h2harness suite')).join(' + ');
}

/**
 * One stage from the runs of one transport (several targets under
 * `--target all`). A run that did not complete breaks the stage.
 */
export function conformanceStage(runs: readonly ConformanceRun[], tls: boolean): StageResult {
  const mine = runs.filter((r) => r.target.tls === tls);
  const broken = mine.filter((r) => r.status !== 'completed').map((r) => `${r.target.name}: ${r.status} (${r.problems.join('; ')})`);
  return ranStage(
    {
      name: conformanceStageName(tls),
      kind: 'conformance',
      title: `${stageTools(mine)} over ${tls ? 'TLS' : 'h2c'}`,
      transport: tls ? 'tls' : 'h2c',
      ...(mine[0] ? { startedAt: mine[0].startedAt } : {}),
      durationMs: mine.reduce((n, r) => n + r.durationMs, 0),
      cases: mine.flatMap((r) => r.cases.map((c) => toCase(r, c))),
    },
    broken.length > 0 ? broken.join('; ') : undefined,
  );
}
