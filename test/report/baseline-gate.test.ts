// Gating against the baseline: a new failure → exit 1 naming
// the case; the same failure accepted → exit 0; an accepted failure that
// passes → fixed, exit 0. Flaky cases never fail the run.
import t from 'tap';
import { compareWithBaseline, describeRegressions } from '../../harness/report/baseline.js';
import { emptyBaseline, type BaselineFile } from '../../harness/report/baseline-file.js';
import { notRunStage, ranStage } from '../../harness/report/report-builder.js';
import { sampleReport, sampleStages, DEFAULT_OUTCOMES } from './sample-report.js';

const FILE = 'reports/baseline.json';
const accepting = (entries: BaselineFile['targets']): BaselineFile => ({ schemaVersion: 1, targets: entries });
const nodeAccepted = { stage: 'conformance-h2c', case: '6.5.3/1', reason: 'node ignores repeated SETTINGS_INITIAL_WINDOW_SIZE (nodejs/node#00000)' };
const everyDefaultFailure = accepting({
  node: [nodeAccepted, { ...nodeAccepted, stage: 'conformance-tls' }],
  nghttpd: ['conformance-h2c', 'conformance-tls'].map((stage) => ({ stage, case: '5.1/1', reason: 'nghttpd answers DATA on idle with RST_STREAM' })),
});

t.test('a failure not in the baseline is a regression: exit 1, naming the case', async (t) => {
  const cmp = compareWithBaseline(sampleReport(), emptyBaseline(), FILE);
  t.equal(cmp.exitCode, 1);
  t.same(
    cmp.regressions.map((r) => `${r.target} ${r.stage} ${r.case}`),
    ['node conformance-h2c 6.5.3/1', 'nghttpd conformance-h2c 5.1/1', 'node conformance-tls 6.5.3/1', 'nghttpd conformance-tls 5.1/1'],
  );
  t.match(describeRegressions(cmp)[0], /^regression: node conformance-h2c 6\.5\.3\/1 Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE: The endpoint MUST/);
});

t.test('the same failures in the baseline: exit 0, listed as still failing with their reasons', async (t) => {
  const cmp = compareWithBaseline(sampleReport(), everyDefaultFailure, FILE);
  t.equal(cmp.exitCode, 0);
  t.same(cmp.regressions, []);
  t.equal(cmp.stillFailing.length, 4);
  t.match(cmp.stillFailing[0], { target: 'node', case: '6.5.3/1', reason: /nodejs\/node/ });
});

t.test('an accepted failure that passes now is fixed, exit 0', async (t) => {
  const nodeFixed = { ...DEFAULT_OUTCOMES, node: {} };
  const cmp = compareWithBaseline(sampleReport(sampleStages(nodeFixed)), everyDefaultFailure, FILE);
  t.equal(cmp.exitCode, 0);
  t.same(cmp.fixed.map((r) => `${r.target} ${r.stage} ${r.case}`), ['node conformance-h2c 6.5.3/1', 'node conformance-tls 6.5.3/1']);
  t.equal(cmp.stillFailing.length, 2);
});

t.test('the baseline is per target: a case accepted for node still fails for ref', async (t) => {
  const refFails = { ...DEFAULT_OUTCOMES, ref: { '6.5.3/1': 'failed' as const } };
  const cmp = compareWithBaseline(sampleReport(sampleStages(refFails)), everyDefaultFailure, FILE);
  t.equal(cmp.exitCode, 1);
  t.same(cmp.regressions.map((r) => `${r.target} ${r.case}`), ['ref 6.5.3/1', 'ref 6.5.3/1']);
});

t.test('flaky cases are reported apart and never fail the run', async (t) => {
  const cmp = compareWithBaseline(sampleReport(), everyDefaultFailure, FILE);
  t.same(cmp.flaky.map((r) => `${r.target} ${r.stage} ${r.case}`), ['ref conformance-h2c 6.9.1/1', 'ref conformance-tls 6.9.1/1']);
  t.equal(cmp.exitCode, 0);
});

t.test('a stage that broke with no case to name, an incomplete run, a stage not run under CI: exit 1', async (t) => {
  const crashed = ranStage({ name: 'conformance-h2c', kind: 'conformance', title: 'h2spec', durationMs: 5, cases: [] }, 'h2spec crashed (exit 2)');
  const broken = compareWithBaseline(sampleReport([crashed]), emptyBaseline(), FILE);
  t.same(broken.brokenStages, [{ stage: 'conformance-h2c', reason: 'h2spec crashed (exit 2)' }]);
  t.equal(broken.exitCode, 1);

  t.equal(compareWithBaseline(sampleReport(sampleStages(), { interruption: 'SIGTERM' }), everyDefaultFailure, FILE).exitCode, 1);

  const missing = notRunStage({ name: 'interop', kind: 'interop', title: 'Interop' }, 'curl is not installed', 'apt-get install curl');
  t.equal(compareWithBaseline(sampleReport([missing]), emptyBaseline(), FILE).exitCode, 0, 'not run is a note locally');
  const underCi = compareWithBaseline(sampleReport([missing], { ci: true }), emptyBaseline(), FILE);
  t.equal(underCi.exitCode, 1, 'and a failure under CI=true');
  t.match(underCi.brokenStages[0]!.reason, /not run under CI=true: curl is not installed/);
});

t.test('a stage that broke after a failure the baseline accepts still fails the run', async (t) => {
  // `--target all` with nghttpd missing: node's accepted failure must not hide that nghttpd never ran.
  const h2c = sampleStages()[1]!;
  const partial = ranStage({ ...h2c, cases: h2c.cases.filter((c) => c.target === 'node') }, 'nghttpd: not-installed (nghttpd is not installed)');
  const cmp = compareWithBaseline(sampleReport([partial]), everyDefaultFailure, FILE);
  t.same(cmp.regressions, [], 'node 6.5.3/1 is accepted');
  t.same(cmp.stillFailing.map((r) => `${r.target} ${r.case}`), ['node 6.5.3/1']);
  t.same(cmp.brokenStages, [{ stage: 'conformance-h2c', reason: 'nghttpd: not-installed (nghttpd is not installed)' }]);
  t.equal(cmp.exitCode, 1);
});
