// `h2harness conformance` gates its runs through the report, like `run`:
// captured h2spec runs against no baseline, the committed baseline and
// hand-made ones. A gate that passes what it must not makes these fail.
import t from 'tap';
import { join } from 'node:path';
import { conformanceReportOf, FIXTURE_NODE, runFromFixture } from '../conformance/fixtures.js';
import { caseId } from '../../harness/conformance/case-id.js';
import { conformanceReport } from '../../harness/report/conformance-report.js';
import { updateBaseline } from '../../harness/report/baseline-update.js';
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
  t.same(refs(cmp.regressions), ['nghttpd conformance-h2c 5.1.1#120bed5a'], 'named by key');
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
  t.same(refs(gate([overTls(nghttpd)], h2cOnly).baseline!.regressions), ['nghttpd conformance-tls 5.1.1#120bed5a']);
});

t.test('an accepted failure that passes now is fixed, exit 0', async (t) => {
  const baseline: BaselineFile = {
    schemaVersion: 1,
    targets: { nghttpd: ['5.1.1/2', '6.5.3/1'].map((c) => ({ stage: 'conformance-h2c', case: c, reason: 'known' })) },
  };
  const cmp = gate([nghttpd], baseline).baseline!;
  t.same(refs(cmp.fixed), ['nghttpd conformance-h2c 6.5.3#484e600a']);
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

/** The run a newer h2spec would give: a case inserted first in `section`, the others there shifted by one. */
function withInsertedCase(run: ConformanceRun, section: string): ConformanceRun {
  const cases = run.cases.map((c) => (c.suite === 'http2' && c.section === section ? { ...c, seq: c.seq + 1, id: caseId('http2', section, c.seq + 1), h2specId: `http2/${section}/${c.seq + 1}` } : c));
  const at = cases.findIndex((c) => c.section === section);
  const inserted = { ...cases[at]!, seq: 1, id: caseId('http2', section, 1), h2specId: `http2/${section}/1`, key: `${section}#00000000`, description: 'A case a newer h2spec added', outcome: 'passed' as const };
  delete (inserted as { expected?: unknown }).expected;
  cases.splice(at, 0, inserted);
  return { ...run, cases };
}

t.test('a newer h2spec inserting cases shifts no baseline entry: entries are keyed by what a case is', async (t) => {
  const committed = readBaseline(COMMITTED);
  const shifted = withInsertedCase(withInsertedCase(node, '5.1'), '5.1.1');
  t.not(shifted.cases.find((c) => c.description === 'Sends stream identifier that is numerically smaller than previous')!.id, '5.1.1/2', 'the position moved');
  const cmp = gate([shifted], committed).baseline!;
  t.same(cmp.regressions, [], 'every known failure still accepted');
  t.equal(cmp.stillFailing.length, 8, "node's eight known failures");
  t.same(cmp.stale, []);
  // By position (the old way), the same entries would have pointed at other cases.
  const positional: BaselineFile = { schemaVersion: 1, targets: { node: node.cases.filter((c) => c.outcome === 'failed').map((c) => ({ stage: 'conformance-h2c', case: c.id, reason: 'by position' })) } };
  t.ok(gate([shifted], positional).baseline!.regressions.length > 0, 'positional entries misfire on the shifted run');
});

t.test('an entry whose case no longer exists is stale: reported, not failing; not with a narrowed run', async (t) => {
  const baseline: BaselineFile = {
    schemaVersion: 1,
    targets: { nghttpd: [{ stage: 'conformance-h2c', case: '5.1.1#120bed5a', reason: 'known' }, { stage: 'conformance-h2c', case: '6.5.3#deadbeef', description: 'a case h2spec dropped', reason: 'old' }, { stage: 'conformance-tls', case: '6.5.3#deadbeef', reason: 'other stage, not run' }] },
  };
  const cmp = gate([nghttpd], baseline).baseline!;
  t.same(refs(cmp.stale!), ['nghttpd conformance-h2c 6.5.3#deadbeef']);
  t.equal(cmp.exitCode, 0);
  validateReport(gate([nghttpd], baseline));
  const narrowed = compareWithBaseline(gate([nghttpd], baseline), baseline, 'b.json', { complete: false });
  t.same(narrowed.stale, [], 'a --spec run does not see what it did not run');
});

t.test('baseline update rewrites positional entries by key, reasons kept', async (t) => {
  const positional: BaselineFile = { schemaVersion: 1, targets: { nghttpd: [{ stage: 'conformance-h2c', case: '5.1.1/2', reason: 'lower stream id, written by hand' }] } };
  const { baseline: next, added, removed } = updateBaseline(gate([nghttpd], positional), positional);
  t.same(next.targets.nghttpd, [{ stage: 'conformance-h2c', case: '5.1.1#120bed5a', description: 'Sends stream identifier that is numerically smaller than previous', reason: 'lower stream id, written by hand' }]);
  t.same(added, []);
  t.same(removed, []);
});

t.test('a failed case that passes its re-run is flaky, one that fails again still counts', async (t) => {
  const failed = nghttpd.cases.filter((c) => c.outcome === 'failed');
  t.equal(failed.length, 1);
  const passedAgain: ConformanceRun = { ...nghttpd, cases: failed.map((c) => ({ ...c, outcome: 'passed' as const })) };
  const report = (again: ConformanceRun) =>
    conformanceReport(
      { targetSpec: 'nghttpd', transports: ['h2c'], targets: [{ name: 'nghttpd' }], runs: [nghttpd], reruns: new Map([['nghttpd', again]]), budgetSeconds: 300, startedAt: new Date(0), finishedAt: new Date(1000), ci: false, h2specVersion: '2.0.0', command: 'conformance' },
      emptyBaseline(),
      'baseline.json',
    );
  const flaky = report(passedAgain);
  t.match(flaky.stages[0]!.cases.find((c) => c.key === failed[0]!.key), { outcome: 'flaky', attempts: 2 });
  t.equal(flaky.stages[0]!.status, 'passed');
  t.same(refs(flaky.baseline!.flaky), ['nghttpd conformance-h2c 5.1.1#120bed5a']);
  t.equal(flaky.baseline!.exitCode, 0);
  const still = report(nghttpd);
  t.match(still.stages[0]!.cases.find((c) => c.key === failed[0]!.key), { outcome: 'failed', attempts: 2 });
  t.equal(still.baseline!.exitCode, 1);
});
