// h2spec runs (captured output of real runs) as report stages: ids kept,
// failures with scope, code and initiator, a valid report, and a baseline
// made from it that makes the same run green.
import t from 'tap';
import { runFromFixture } from '../conformance/fixtures.js';
import { conformanceStage } from '../../harness/report/conformance-stage.js';
import { failureFacts } from '../../harness/report/failure-facts.js';
import { validateReport } from '../../harness/report/report-schema.js';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import { updateBaseline } from '../../harness/report/baseline-update.js';
import { emptyBaseline } from '../../harness/report/baseline-file.js';
import { countCases } from '../../harness/report/report-totals.js';
import { sampleReport } from './sample-report.js';

const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd');

t.test('one stage per transport, every case of every target, counts as h2spec said', async (t) => {
  const stage = conformanceStage([node, nghttpd], false);
  t.match(stage, { name: 'conformance-h2c', kind: 'conformance', transport: 'h2c', status: 'failed', title: 'h2spec --strict over h2c' });
  t.equal(stage.cases.length, 292);
  t.same(countCases(stage.cases.filter((c) => c.target === 'node')), { passed: 137, failed: 8, skipped: 1, flaky: 0 });
  t.same(countCases(stage.cases.filter((c) => c.target === 'nghttpd')), { passed: 145, failed: 1, skipped: 0, flaky: 0 });
  t.same(conformanceStage([node, nghttpd], true).cases, [], 'no TLS runs given');
  validateReport(sampleReport([stage]));
});

t.test('failures carry the requirement, expected vs actual, scope, code and initiator', async (t) => {
  const failed = conformanceStage([node], false).cases.filter((c) => c.outcome === 'failed');
  const closed = failed.find((c) => c.id === '5.1/6')!;
  t.match(closed.failure, {
    message: 'The endpoint MUST respond with a stream error of type STREAM_CLOSED.',
    expected: ['GOAWAY Frame (Error Code: STREAM_CLOSED)', 'RST_STREAM Frame (Error Code: STREAM_CLOSED)', 'Connection closed'],
    actual: 'DATA Frame (length:17, flags:0x01, stream_id:1)',
    scope: 'stream',
    code: 'STREAM_CLOSED',
    initiator: 'target',
  });
  t.ok(failed.every((c) => c.failure && c.failure.scope !== 'unknown'), 'every failure has a scope');
});

t.test('scope and code from the expected set when no requirement names them', async (t) => {
  t.same(failureFacts(['GOAWAY Frame (Error Code: PROTOCOL_ERROR)', 'Connection closed'], 'Timeout'), { scope: 'connection', code: 'PROTOCOL_ERROR' });
  t.same(failureFacts(['RST_STREAM Frame (Error Code: STREAM_CLOSED)'], 'Timeout'), { scope: 'stream', code: 'STREAM_CLOSED' });
  t.same(failureFacts(['GOAWAY Frame (Error Code: FLOW_CONTROL_ERROR)', 'RST_STREAM Frame (Error Code: FLOW_CONTROL_ERROR)'], undefined), { scope: 'unknown', code: 'FLOW_CONTROL_ERROR' });
  t.same(failureFacts(undefined, undefined), { scope: 'unknown', code: null });
});

t.test('an h2spec run that did not complete breaks the stage', async (t) => {
  const killed = runFromFixture('h2spec-2.0.0-killed-mid-case.txt', 'ref', { status: 'crashed', problems: ['h2spec was killed'] });
  const stage = conformanceStage([killed], false);
  t.equal(stage.status, 'failed');
  t.match(stage.reason, /ref: crashed \(h2spec was killed\)/);
});

t.test('a baseline written from the run makes the same run green', async (t) => {
  const report = sampleReport([conformanceStage([node, nghttpd], false)]);
  const { baseline } = updateBaseline(report, emptyBaseline(['ref', 'node', 'nghttpd']));
  t.equal(baseline.targets.node!.length, 8);
  t.equal(compareWithBaseline(report, baseline, 'b').exitCode, 0);
  t.equal(compareWithBaseline(report, emptyBaseline(), 'b').regressions.length, 9);
});
