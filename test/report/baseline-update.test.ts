// `updateBaseline`: the covered stages' accepted failures become the current
// ones; reasons already written survive; stages the run did not cover and
// targets it did not touch keep their entries.
import t from 'tap';
import { updateBaseline } from '../../harness/report/baseline-update.js';
import { emptyBaseline, readBaseline, writeBaseline, type BaselineFile } from '../../harness/report/baseline-file.js';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import { join } from 'node:path';
import { sampleReport } from './sample-report.js';

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
  const { baseline, removed } = updateBaseline(sampleReport(), existing);
  t.equal(baseline.comment, 'kept');
  t.same(baseline.targets.node, [
    { stage: 'conformance-h2c', case: '6.5.3/1', reason: 'nodejs/node#1 (written by hand)' },
    { stage: 'conformance-tls', case: '6.5.3/1', reason: baseline.targets.node![1]!.reason },
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
