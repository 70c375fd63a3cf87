// `updateBaseline`: the covered stages' accepted failures become the current
// ones; reasons already written survive; stages the run did not cover and
// targets it did not touch keep their entries.
import t from 'tap';
import { updateBaseline } from '../../harness/report/baseline-update.js';
import { emptyBaseline, readBaseline, writeBaseline, type BaselineFile } from '../../harness/report/baseline-file.js';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import { join } from 'node:path';
import { DEFAULT_OUTCOMES, sampleReport, sampleStages } from './sample-report.js';

t.test('from an empty baseline: every failure, with a TODO reason; flaky and skipped cases are not accepted', async (t) => {
  const report = sampleReport();
  const { baseline, added, removed } = updateBaseline(report, emptyBaseline());
  t.same(Object.keys(baseline.targets).sort(), ['nghttpd', 'node', 'ref']);
  t.same(baseline.targets.ref, []);
  t.same(baseline.targets.node!.map((e) => `${e.stage} ${e.case}`), ['conformance-h2c 6.5.3/1', 'conformance-tls 6.5.3/1']);
  t.match(baseline.targets.node![0]!.reason, /^failing since run 2026-01-02T03-04-05Z-all: .*TODO/);
  t.equal(added.length, 4);
  t.same(removed, []);
  t.equal(compareWithBaseline(report, baseline, 'b.json').exitCode, 0, 'the run is green against its own baseline');
});

t.test('keeps written reasons, drops fixed entries, keeps stages and targets the run did not cover', async (t) => {
  const existing: BaselineFile = {
    schemaVersion: 1,
    comment: 'kept',
    targets: {
      node: [
        { stage: 'conformance-h2c', case: '6.5.3/1', reason: 'nodejs/node#1 (written by hand)' },
        { stage: 'conformance-h2c', case: '3.5/2', reason: 'fixed upstream since' },
        { stage: 'interop', case: 'curl GET /', reason: 'interop did not run this time' },
      ],
      'example.org:443': [{ stage: 'conformance-tls', case: '4.2/1', reason: 'another target' }],
    },
  };
  const { baseline, removed } = updateBaseline(sampleReport(sampleStages(), { node: 'v20.20.2' }), existing);
  t.equal(baseline.comment, 'kept');
  t.same(baseline.targets.node, [
    { stage: 'conformance-h2c', case: '6.5.3/1', reason: 'nodejs/node#1 (written by hand)' },
    { stage: 'conformance-tls', case: '6.5.3/1', reason: baseline.targets.node![1]!.reason, nodeMajors: [20] },
    { stage: 'interop', case: 'curl GET /', reason: 'interop did not run this time' },
  ]);
  t.same(removed.map((r) => `${r.target} ${r.case}`), ['node 3.5/2']);
  t.same(baseline.targets['example.org:443'], existing.targets['example.org:443']);
});

t.test('written and read back through the schema', async (t) => {
  const file = join(t.testdir(), 'baseline.json');
  const { baseline } = updateBaseline(sampleReport(), emptyBaseline());
  writeBaseline(file, baseline);
  t.same(readBaseline(file), baseline);
});

t.test('per runtime: a run updates its own major, leaves the others, and records new node:http2 failures for its major', async (t) => {
  const h2c = (extra: object) => ({ stage: 'conformance-h2c', case: '6.5.3/1', reason: 'by hand', ...extra });
  const others = (node: BaselineFile['targets']['node']): BaselineFile => ({ schemaVersion: 1, targets: { node } });
  const on24 = (stages = sampleStages()) => sampleReport(stages, { node: 'v24.22.3' });
  const nodeOf = (b: BaselineFile) => b.targets.node!.filter((e) => e.stage === 'conformance-h2c');

  // Failing on 24, accepted on 20 only: the entry (and its reason) now says 24 as well.
  t.same(nodeOf(updateBaseline(on24(), others([h2c({ nodeMajors: [20] })])).baseline), [h2c({ nodeMajors: [20, 24] })]);
  // Failing on 24 with an entry for 24 and another for 20: both stay as they are.
  const two = [h2c({ nodeMajors: [20], reason: 'on 20' }), h2c({ nodeMajors: [22, 24], reason: 'on 22 and 24' })];
  t.same(nodeOf(updateBaseline(on24(), others(two)).baseline), two);

  const passing = sampleStages({ ...DEFAULT_OUTCOMES, node: {} });
  // Passing on 24: an entry for 20 only is not 24's to drop; one for 20 and 24 loses 24; one for 24 alone, or for every runtime, goes.
  t.same(nodeOf(updateBaseline(on24(passing), others([h2c({ nodeMajors: [20] })])).baseline), [h2c({ nodeMajors: [20] })]);
  const shrunk = updateBaseline(on24(passing), others([h2c({ nodeMajors: [20, 24] })]));
  t.same(nodeOf(shrunk.baseline), [h2c({ nodeMajors: [20] })]);
  t.match(shrunk.removed, [{ case: '6.5.3/1', reason: /on Node 24 only/ }]);
  t.same(nodeOf(updateBaseline(on24(passing), others([h2c({ nodeMajors: [24] })])).baseline), []);
  t.same(nodeOf(updateBaseline(on24(passing), others([h2c({})])).baseline), []);

  // New failures: node's are recorded for the major they were seen on, other targets' for every runtime.
  const fresh = updateBaseline(on24(), emptyBaseline());
  t.same(fresh.baseline.targets.node!.map((e) => e.nodeMajors), [[24], [24]]);
  t.same(fresh.baseline.targets.nghttpd!.map((e) => e.nodeMajors), [undefined, undefined]);
  t.equal(compareWithBaseline(on24(), fresh.baseline, 'b.json').exitCode, 0);
  t.equal(compareWithBaseline(sampleReport(sampleStages(), { node: 'v20.20.2' }), fresh.baseline, 'b.json').exitCode, 1, 'and they are new on 20');
});

t.test('two entries for one case on the same major are refused', async (t) => {
  const file = join(t.testdir(), 'baseline.json');
  const twice = (a: number[] | undefined, b: number[] | undefined): BaselineFile => ({
    schemaVersion: 1,
    targets: { node: [a, b].map((nodeMajors) => ({ stage: 'conformance-h2c', case: '6.3/1', reason: 'r', ...(nodeMajors ? { nodeMajors } : {}) })) },
  });
  t.throws(() => writeBaseline(file, twice([20, 24], [24])), /accepted twice for the same Node major/);
  t.throws(() => writeBaseline(file, twice(undefined, [24])), /accepted twice/);
  writeBaseline(file, twice([20], [22, 24]));
  t.equal(readBaseline(file).targets.node!.length, 2, 'disjoint majors are fine');
});
