// The re-run policy: a failing case that passes on re-run is flaky; one that
// keeps failing (or whose re-run throws) stays failed; others are not re-run.
import t from 'tap';
import { classifyFailure, classifyFailures, type Attempt } from '../../harness/report/flaky.js';
import type { CaseResult } from '../../harness/report/report-model.js';

const failure = { message: 'expected GOAWAY', scope: 'connection', code: 'PROTOCOL_ERROR', initiator: 'target' } as const;
const failed: CaseResult = { id: '6.5.3/1', description: 'd', target: 'ref', outcome: 'failed', failure };

function rerunsGiving(...outcomes: Array<Attempt['outcome'] | Error>) {
  const calls: string[] = [];
  const rerun = async (c: CaseResult): Promise<Attempt> => {
    calls.push(c.id);
    const next = outcomes.shift() ?? 'failed';
    if (next instanceof Error) throw next;
    return { outcome: next };
  };
  return { rerun, calls };
}

t.test('fails, then passes on re-run: flaky, with the first failure and the attempt count', async (t) => {
  const { rerun, calls } = rerunsGiving('passed');
  const c = await classifyFailure(failed, rerun);
  t.match(c, { outcome: 'flaky', attempts: 2, failure });
  t.same(calls, ['6.5.3/1']);
});

t.test('fails again: failed, after the allowed re-runs', async (t) => {
  const { rerun, calls } = rerunsGiving('failed', 'skipped', 'failed');
  t.match(await classifyFailure(failed, rerun, 3), { outcome: 'failed', attempts: 4, failure });
  t.equal(calls.length, 3);
});

t.test('passes on the second of two re-runs: flaky', async (t) => {
  const { rerun } = rerunsGiving('failed', 'passed');
  t.match(await classifyFailure(failed, rerun, 2), { outcome: 'flaky', attempts: 3 });
});

t.test('a re-run that throws counts as a failed attempt', async (t) => {
  const { rerun } = rerunsGiving(new Error('h2spec died'));
  t.match(await classifyFailure(failed, rerun), { outcome: 'failed', attempts: 2 });
});

t.test('passed and skipped cases are not re-run', async (t) => {
  const { rerun, calls } = rerunsGiving('passed', 'passed');
  const cases: CaseResult[] = [
    { id: 'a', description: '', target: 'ref', outcome: 'passed' },
    { ...failed, id: 'b' },
    { id: 'c', description: '', target: 'ref', outcome: 'skipped' },
  ];
  const out = await classifyFailures(cases, rerun);
  t.same(out.map((c) => c.outcome), ['passed', 'flaky', 'skipped']);
  t.same(calls, ['b']);
});
