// The summary line and the target matrix are pure functions of the runs
// (gating is the report's: test/report/conformance-report.test.ts).
import t from 'tap';
import { buildMatrix, formatMatrix } from '../../harness/conformance/conformance-matrix.js';
import { summaryLine } from '../../harness/conformance/conformance-result.js';
import { runFromFixture } from './fixtures.js';

const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd');

t.test('summary line of a run that did not complete says why', async (t) => {
  const empty = runFromFixture('h2spec-2.0.0-no-match.txt', 'node', { status: 'no-cases', problems: ['no case ran'] });
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

t.test('matrix: both suites of one target share its column', async (t) => {
  const suiteRun = {
    ...node,
    tool: { name: 'h2harness' as const, version: '1', path: 'harness/conformance/suite' },
    cases: [{ ...node.cases[0]!, id: 'rfc9113/6.9.1/connection-window-overflow', h2specId: 'rfc9113/6.9.1/connection-window-overflow', outcome: 'passed' as const }],
  };
  const m = buildMatrix([node, suiteRun, nghttpd]);
  t.same(m.columns, ['node', 'nghttpd'], 'one column per target, not per run');
  t.equal(m.rows.length, 147);
  const row = m.rows.find((r) => r.caseId === 'rfc9113/6.9.1/connection-window-overflow')!;
  t.same(row.outcomes, ['passed', 'missing'], "the suite's case is in node's column");
  t.ok(row.differs);
});
