// junit.xml parses back with fast-xml-parser, one suite per stage, every
// case named by its id (h2spec: section/N and description), failures with
// message and expected vs actual, and markup in names escaped.
import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildJUnitReport } from '../../harness/report/junit-report.js';
import type { Report } from '../../harness/report/report-model.js';
import { ranStage } from '../../harness/report/report-builder.js';
import { HOSTILE, sampleReport } from './sample-report.js';

interface TestCase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '#text': string };
  error?: { '@_message': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  '@_errors': string;
  testcase: TestCase[];
}

function parse(xml: string): { suites: TestSuite[]; root: Record<string, string> } {
  const doc = new XMLParser({ ignoreAttributes: false, parseAttributeValue: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as {
    testsuites: Record<string, string> & { testsuite: TestSuite[] };
  };
  return { suites: doc.testsuites.testsuite, root: doc.testsuites };
}

const report = sampleReport();
const xml = buildJUnitReport(report);
const { suites, root } = parse(xml);

t.test('valid XML, one testsuite per stage, totals add up', async (t) => {
  t.equal(XMLValidator.validate(xml), true);
  t.equal(suites.length, report.stages.length);
  t.same(suites.map((s) => s.testcase.length), [4, 24, 24, 2, 1]);
  t.equal(root['@_tests'], '55');
  t.equal(root['@_failures'], '4');
  t.equal(suites[1]!['@_failures'], '2');
  t.equal(suites[1]!['@_skipped'], '1');
});

t.test('every testcase is named by its id; h2spec cases by section/N and description', async (t) => {
  for (const [i, suite] of suites.entries()) {
    const stage = report.stages[i]!;
    for (const c of suite.testcase) t.ok(stage.cases.some((sc) => c['@_name'].startsWith(`${sc.id} `)) || c['@_name'].startsWith('stage '), c['@_name']);
  }
  const h2c = suites[1]!.testcase;
  t.ok(h2c.some((c) => c['@_name'] === '6.5.3/1 Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE' && c['@_classname'] === 'conformance-h2c.node'));
  t.ok(h2c.every((c) => /^\d+(\.\d+)*\/\d+ \S/.test(c['@_name'])), 'section/N then the description');
});

t.test('failures carry the message, expected vs actual, scope, code and initiator', async (t) => {
  const failed = suites[1]!.testcase.filter((c) => c.failure);
  t.same(failed.map((c) => `${c['@_classname']} ${c['@_name'].split(' ')[0]}`), ['conformance-h2c.node 6.5.3/1', 'conformance-h2c.nghttpd 5.1/1']);
  const f = failed[0]!.failure!;
  t.match(f['@_message'], /MUST respond with a connection error of type PROTOCOL_ERROR/);
  t.match(f['#text'], /Expected: GOAWAY Frame \(Error Code: PROTOCOL_ERROR\) \| Connection closed/);
  t.match(f['#text'], /Actual: DATA Frame/);
  t.match(f['#text'], /Scope: connection, code: PROTOCOL_ERROR, initiator: target/);
});

t.test('flaky cases pass with their first failure in system-out; a not-run stage is one skipped case', async (t) => {
  const flaky = suites[1]!.testcase.find((c) => c['@_classname'] === 'conformance-h2c.ref' && c['@_name'].startsWith('6.9.1/1'))!;
  t.notOk(flaky.failure);
  t.match(flaky['system-out'], /^flaky: failed, then passed on re-run \(2 attempts\)/);
  const interop = suites[4]!.testcase[0]!;
  t.equal(interop['@_name'], 'stage interop: not-run');
  t.match(interop.skipped!['@_message'], /curl is not installed\nfix: apt-get install curl/);
});

t.test('markup in a description is escaped and parses back intact', async (t) => {
  t.notMatch(xml, /<script>/);
  t.ok(suites[1]!.testcase.some((c) => c['@_name'] === `5.1/2 ${HOSTILE}`));
});

t.test('a stage that broke after some cases adds an error case, even when cases failed too', async (t) => {
  const h2c = report.stages[1]!;
  const broken = ranStage({ ...h2c, cases: h2c.cases.filter((c) => c.target === 'node') }, 'nghttpd: crashed (h2spec was killed)');
  const [suite] = parse(buildJUnitReport(sampleReport([broken]))).suites;
  const error = suite!.testcase.find((c) => c.error);
  t.match(error, { '@_name': 'stage conformance-h2c: failed', error: { '@_message': 'nghttpd: crashed (h2spec was killed)' } });
  t.equal(suite!['@_errors'], '1');
  t.equal(suite!['@_failures'], '1', 'the failed case is still a failure of its own');
});

t.test('a run with no seed (h2spec alone) names none, and a seeded one does', async (t) => {
  const seedProps = (r: Report): string[] =>
    [...buildJUnitReport(r).matchAll(/<property name="seed" value="([^"]*)"/g)].map((m) => m[1]!);
  const { seed: _seed, ...unseeded } = report.run;
  t.same(seedProps({ ...report, run: unseeded }), []);
  t.same(new Set(seedProps(report)), new Set(['0x5eed']));
});
