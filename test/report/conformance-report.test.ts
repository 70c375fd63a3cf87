// `h2harness conformance` gates its runs through the report, like `run`:
// captured h2spec runs against no baseline, the committed baseline and
// hand-made ones. A gate that passes what it must not makes these fail.
import t from 'tap';
import { join } from 'node:path';
import { conformanceReportOf, FIXTURE_NODE, runFromFixture } from '../conformance/fixtures.js';
import type { ConformanceRun } from '../../harness/conformance/conformance-result.js';
import { conformanceStage } from '../../harness/report/conformance-stage.js';
import { compareWithBaseline, resultLine } from '../../harness/report/baseline.js';
import { emptyBaseline, readBaseline, type BaselineFile } from '../../harness/report/baseline-file.js';
import { validateReport } from '../../harness/report/report-schema.js';
import { projectRoot } from '../../harness/cli/package-info.js';
import { sampleReport } from './sample-report.js';

const COMMITTED = join(projectRoot, 'reports/baseline.json');
const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd');
const overTls = (run: ConformanceRun): ConformanceRun => ({ ...run, target: { ...run.target, tls: true } });

const gate = (runs: ConformanceRun[], baseline: BaselineFile) => conformanceReportOf(runs, baseline, FIXTURE_NODE);

const refs = (list: Array<{ target: string; stage: string; case: string }>) => list.map((r) => `${r.target} ${r.stage} ${r.case}`);

t.test('no baseline: every failure is a regression, exit 1', async (t) => {
  const cmp = gate([nghttpd], emptyBaseline()).baseline!;
  t.same(refs(cmp.regressions), ['nghttpd conformance-h2c 5.1.1/2']);
  t.equal(cmp.exitCode, 1);
  t.equal(resultLine(cmp), 'result: 1 regressions, 0 broken stages');
});

t.test('the committed baseline accepts the known failures of node and nghttpd, over h2c and TLS', async (t) => {
  const committed = readBaseline(COMMITTED);
  for (const tls of [false, true]) {
    const runs = tls ? [overTls(node), overTls(nghttpd)] : [node, nghttpd];
    const report = gate(runs, committed);
    const cmp = report.baseline!;
    t.same(cmp.regressions, [], `${tls ? 'tls' : 'h2c'}: nothing new`);
    t.equal(cmp.stillFailing.length, 9);
    t.equal(cmp.exitCode, 0);
    t.equal(resultLine(cmp), 'result: clean (9 failures accepted by baseline.json)');
    t.same(report.stages.map((s) => s.name), [tls ? 'conformance-tls' : 'conformance-h2c']);
    validateReport(report);
  }
});

t.test('the same verdict `run` reaches from the same stage', async (t) => {
  const committed = readBaseline(COMMITTED);
  const asRun = compareWithBaseline(sampleReport([conformanceStage([node, nghttpd], false)], { node: FIXTURE_NODE }), committed, 'baseline.json');
  const { baseline: asConformance } = gate([node, nghttpd], committed);
  t.same(asConformance, asRun);
});

t.test('the baseline is per target and per transport', async (t) => {
  const committed = readBaseline(COMMITTED);
  const asRef = runFromFixture('h2spec-2.0.0-node-strict.txt', 'ref');
  t.equal(gate([asRef], committed).baseline!.regressions.length, 8, "node's accepted failures are ref's regressions");
  const h2cOnly: BaselineFile = { schemaVersion: 1, targets: { nghttpd: [{ stage: 'conformance-h2c', case: '5.1.1/2', reason: 'lower stream id' }] } };
  t.equal(gate([nghttpd], h2cOnly).baseline!.exitCode, 0);
  t.same(refs(gate([overTls(nghttpd)], h2cOnly).baseline!.regressions), ['nghttpd conformance-tls 5.1.1/2']);
});

t.test('an accepted failure that passes now is fixed, exit 0', async (t) => {
  const baseline: BaselineFile = {
    schemaVersion: 1,
    targets: { nghttpd: ['5.1.1/2', '6.5.3/1'].map((c) => ({ stage: 'conformance-h2c', case: c, reason: 'known' })) },
  };
  const cmp = gate([nghttpd], baseline).baseline!;
  t.same(refs(cmp.fixed), ['nghttpd conformance-h2c 6.5.3/1']);
  t.equal(cmp.exitCode, 0);
});

t.test('a run that did not complete fails whatever the baseline accepts', async (t) => {
  const committed = readBaseline(COMMITTED);
  const none = runFromFixture('h2spec-2.0.0-no-match.txt', 'node', { status: 'no-cases', problems: ['no case ran'] });
  const alone = gate([none], committed).baseline!;
  t.same(alone.brokenStages, [{ stage: 'conformance-h2c', reason: 'node: no-cases (no case ran)' }]);
  t.equal(alone.exitCode, 1);
  // `--target all` without nghttpd installed: node's accepted failures must not hide it.
  const missing = runFromFixture('h2spec-2.0.0-no-match.txt', 'nghttpd', { status: 'not-installed', problems: ['nghttpd is not installed'], cases: [] });
  const mixed = gate([node, missing], committed).baseline!;
  t.same(mixed.regressions, []);
  t.same(mixed.brokenStages, [{ stage: 'conformance-h2c', reason: 'nghttpd: not-installed (nghttpd is not installed)' }]);
  t.equal(mixed.exitCode, 1);
});

t.test('the report says what ran: no seed, h2spec version, the targets', async (t) => {
  const report = gate([node, nghttpd], emptyBaseline());
  t.notOk('seed' in report.run);
  t.same(report.targets, [{ name: 'node' }, { name: 'nghttpd' }]);
  t.equal(report.run.versions.h2spec, '2.0.0');
  t.equal(report.run.budgetSeconds, 600);
});
