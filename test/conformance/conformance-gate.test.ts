// Gating and the target matrix are pure functions of the runs.
import t from 'tap';
import { gateConformance } from '../../harness/conformance/conformance-gate.js';
import { buildMatrix, formatMatrix } from '../../harness/conformance/conformance-matrix.js';
import { summaryLine } from '../../harness/conformance/conformance-result.js';
import { runFromFixture } from './fixtures.js';

const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd');

t.test('no accepted failures yet: any failure fails', async (t) => {
  const v = gateConformance([nghttpd], []);
  t.equal(v.ok, false);
  t.same(v.newFailures, [{ target: 'nghttpd', tls: false, caseId: '5.1.1/2' }]);
});

t.test('accepted failures pass; one that now passes is reported as fixed', async (t) => {
  const v = gateConformance([nghttpd], [
    { target: 'nghttpd', caseId: '5.1.1/2', why: 'answers the lower stream id' },
    { target: 'nghttpd', caseId: '6.5.3/1' },
    { target: 'node', caseId: '5.1.1/2' },
  ]);
  t.equal(v.ok, true);
  t.same(v.fixed, [{ target: 'nghttpd', tls: false, caseId: '6.5.3/1' }]);
});

t.test('a run that did not complete fails whatever the list says', async (t) => {
  const empty = runFromFixture('h2spec-2.0.0-no-match.txt', 'node', { status: 'no-cases', problems: ['no case ran'] });
  const v = gateConformance([empty], []);
  t.equal(v.ok, false);
  t.same(v.incompleteRuns, [{ target: 'node', tls: false, status: 'no-cases', problems: ['no case ran'] }]);
  t.equal(summaryLine(empty), 'h2spec node: 0 passed, 0 failed, 0 skipped [no-cases: no case ran]');
});

t.test('summary line', async (t) => {
  t.equal(summaryLine(node), 'h2spec node: 137 passed, 8 failed, 1 skipped');
});

t.test('matrix: rows where the targets differ are marked', async (t) => {
  const m = buildMatrix([node, nghttpd]);
  t.same(m.columns, ['node', 'nghttpd']);
  t.equal(m.rows.length, 146);
  const differing = m.rows.filter((r) => r.differs).map((r) => r.caseId);
  t.same(differing, ['5.1/6', '5.1/8', '5.1/9', '5.1/11', '5.1/12', '5.1.2/1', '6.7/2', '6.9.1/2'], '5.1.1/2 fails on both: same');
  const text = formatMatrix(m);
  t.match(text, /^\* 5\.1\.2\/1 +skip +pass +Sends HEADERS frames/m);
  t.notMatch(text, /5\.1\.1\/2/);
  t.match(text, /8 of 146 cases differ/);
});
