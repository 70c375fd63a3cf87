// `conformance --junit` goes through the report's JUnit writer: valid XML,
// one suite per transport, every h2spec case named `SECTION/N description`
// (h2spec's own JUnit has no names) with the target in its classname, the
// durations h2spec's own JUnit gave, failures and skips as JUnit elements,
// and a run that did not complete as an error, never as zero green tests.
import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { conformanceReportOf, fixture, runFromFixture } from '../conformance/fixtures.js';
import { applyH2specJUnitDurations } from '../../harness/conformance/h2spec-junit-durations.js';
import type { ConformanceRun } from '../../harness/conformance/conformance-result.js';
import { buildJUnitReport } from '../../harness/report/junit-report.js';

interface Case {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
  error?: { '@_message': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Case[];
}

function parse(xml: string): Suite[] {
  const doc = new XMLParser({ ignoreAttributes: false, parseAttributeValue: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as {
    testsuites: { testsuite: Suite[] };
  };
  return doc.testsuites.testsuite;
}

const junit = (runs: ConformanceRun[]): string => buildJUnitReport(conformanceReportOf(runs));

const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd');
applyH2specJUnitDurations(nghttpd.cases, fixture('h2spec-2.0.0-nghttpd-strict.junit.xml'));

t.test('two targets: valid XML, one suite, every case named `SECTION/N description` with its target', async (t) => {
  const xml = junit([node, nghttpd]);
  t.equal(XMLValidator.validate(xml), true, 'well-formed, NUL bytes from PING data included');
  const [suite, ...rest] = parse(xml);
  t.same(rest, [], 'one transport, one suite');
  t.equal(suite!['@_name'], 'h2spec --strict over h2c');
  t.equal(suite!.testcase.length, 292);
  t.equal(suite!['@_tests'], '292');
  const expected = [node, nghttpd].flatMap((run) => run.cases.map((c) => [`${c.id} ${c.description}`, `conformance-h2c.${run.target.name}`]));
  t.same(suite!.testcase.map((tc) => [tc['@_name'], tc['@_classname']]), expected);
});

t.test('failures and skips are JUnit elements with what h2spec expected and got', async (t) => {
  const [suite] = parse(junit([node, nghttpd]));
  const failed = suite!.testcase.filter((tc) => tc.failure);
  t.same(failed.map((tc) => `${tc['@_classname']} ${tc['@_name'].split(' ')[0]}`), [
    ...['5.1/6', '5.1/8', '5.1/9', '5.1/11', '5.1/12', '5.1.1/2', '6.7/2', '6.9.1/2'].map((id) => `conformance-h2c.node ${id}`),
    'conformance-h2c.nghttpd 5.1.1/2',
  ]);
  t.equal(suite!['@_failures'], '9');
  t.match(failed.find((tc) => tc['@_name'].startsWith('5.1/8 '))?.failure, {
    '@_message': /MUST/,
    '@_type': 'STREAM_CLOSED',
    '#text': /Expected: GOAWAY Frame \(Error Code: STREAM_CLOSED\) \| .*\nActual: Timeout/,
  });
  t.same(suite!.testcase.filter((tc) => tc.skipped !== undefined).map((tc) => tc['@_name'].split(' ')[0]), ['5.1.2/1']);
  t.equal(suite!['@_skipped'], '1');
});

t.test("every case's time is the duration h2spec's own JUnit gave it", async (t) => {
  const [suite] = parse(junit([nghttpd]));
  t.ok(nghttpd.cases.every((c) => c.durationMs !== null), 'the fixture times every case');
  t.same(
    suite!.testcase.map((tc) => tc['@_time']),
    nghttpd.cases.map((c) => (c.durationMs! / 1000).toFixed(4)),
  );
  t.ok(suite!.testcase.some((tc) => tc['@_time'] === '0.0001'), "h2spec's 0.1 ms resolution survives");
  t.ok(suite!.testcase.some((tc) => tc['@_time'] === '2.0009'), 'the case that waited for its timeout');
});

t.test('over TLS the suite and classnames name the transport', async (t) => {
  const [suite] = parse(junit([{ ...nghttpd, target: { ...nghttpd.target, tls: true } }]));
  t.equal(suite!['@_name'], 'h2spec --strict over TLS');
  t.ok(suite!.testcase.every((tc) => tc['@_classname'] === 'conformance-tls.nghttpd'));
});

t.test('an incomplete run shows up as an error case, never as zero green tests', async (t) => {
  const none = runFromFixture('h2spec-2.0.0-no-match.txt', 'node', { status: 'no-cases', problems: ['no case ran'] });
  const xml = junit([none]);
  t.equal(XMLValidator.validate(xml), true);
  const [suite] = parse(xml);
  t.equal(suite!.testcase.length, 1);
  t.match(suite!.testcase[0], { '@_name': 'stage conformance-h2c: failed', error: { '@_message': 'node: no-cases (no case ran)' } });
  t.equal(suite!['@_errors'], '1');
  // Killed after some cases: those keep their outcomes and the breakage is an error beside them.
  const killed = runFromFixture('h2spec-2.0.0-killed-mid-case.txt', 'ref', { status: 'crashed', problems: ['h2spec was killed'] });
  const [partial] = parse(junit([killed]));
  t.equal(partial!.testcase.length, killed.cases.length + 1);
  t.match(partial!.testcase.at(-1), { error: { '@_message': 'ref: crashed (h2spec was killed)' } });
});
