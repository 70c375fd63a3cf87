// A suite run in the same report as h2spec's: JUnit and HTML name each case
// by its stable id, and a failure shows the RFC text, what was observed and
// what was allowed; the baseline accepts a failure by the case id.
import t from 'tap';
import { IN_PROCESS_BODY_PATH, inProcessPlayer, runSuite } from '../../../harness/conformance/suite/suite-runner.js';
import { buildHtmlReport } from '../../../harness/report/html-report.js';
import { buildJUnitReport } from '../../../harness/report/junit-report.js';
import { conformanceReportOf } from '../fixtures.js';
import { protocolErrorCore } from './lenient-cores.js';

const ID = 'rfc9113/6.9.1/connection-window-overflow';

t.test('a failed suite case in JUnit and HTML: id, RFC text, observed and allowed', async (t) => {
  const { run } = await runSuite({ target: { name: 'lenient', host: '', port: 0, tls: false }, play: inProcessPlayer(protocolErrorCore), bodyPath: IN_PROCESS_BODY_PATH, ids: [ID, 'rfc9113/6.7/ping-acknowledged-0000000000000000'] });
  t.same(run.counts, { passed: 1, failed: 1, skipped: 0 });
  const report = conformanceReportOf([run]);
  t.equal(report.stages[0]!.title, 'h2harness suite over h2c');
  const junit = buildJUnitReport(report);
  t.match(junit, ID);
  t.match(junit, 'RFC 9113 §6.9.1: A WINDOW_UPDATE that makes the connection window exceed 2^31-1 MUST be a connection error of type FLOW_CONTROL_ERROR.');
  t.match(junit, 'GOAWAY PROTOCOL_ERROR last-stream-id 0');
  t.match(junit, 'connection error: GOAWAY FLOW_CONTROL_ERROR');
  const html = buildHtmlReport(report);
  t.match(html, ID);
  t.match(html, 'GOAWAY FLOW_CONTROL_ERROR');
  t.equal(report.baseline!.regressions.length, 1);
  const accepted = conformanceReportOf([run], { schemaVersion: 1, targets: { lenient: [{ stage: 'conformance-h2c', case: ID, reason: 'test' }] } } as never);
  t.equal(accepted.baseline!.regressions.length, 0, 'the baseline accepts it by its id');
  t.equal(accepted.baseline!.stillFailing.length, 1);
});

t.test('a case skipped on a target says why in JUnit', async (t) => {
  const id = 'rfc9113/6.9.1/stream-window-overflow';
  const { run } = await runSuite({ target: { name: 'static', host: '', port: 0, tls: false }, play: inProcessPlayer(), bodyPath: null, ids: [id] });
  t.same(run.counts, { passed: 0, failed: 0, skipped: 1 });
  const junit = buildJUnitReport(conformanceReportOf([run]));
  t.match(junit, /<skipped message="needs a route that reads a request body/);
});
