// Our JUnit file is valid XML that a CI system can read, and every test case
// is named by its section and description (h2spec's own has no names).
import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildJUnitXml } from '../../harness/conformance/junit-report.js';
import { runFromFixture } from './fixtures.js';

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '#text': string };
  skipped?: unknown;
  error?: { '@_message': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: Case[];
}

function parse(xml: string): Suite[] {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as {
    testsuites: { testsuite: Suite[] };
  };
  return doc.testsuites.testsuite;
}

t.test('two runs: valid XML, one suite each, every case named `SECTION/N description`', async (t) => {
  const node = runFromFixture('h2spec-2.0.0-node-strict.txt', 'node');
  const nghttpd = runFromFixture('h2spec-2.0.0-nghttpd-strict.txt', 'nghttpd', { target: { name: 'nghttpd', host: '127.0.0.1', port: 1, tls: true } });
  const xml = buildJUnitXml([node, nghttpd]);
  t.equal(XMLValidator.validate(xml), true, 'well-formed, NUL bytes from PING data included');
  const suites = parse(xml);
  t.same(suites.map((s) => s['@_name']), ['h2spec node h2c strict', 'h2spec nghttpd tls strict']);
  t.same(suites.map((s) => s.testcase.length), [146, 146]);
  for (const [suite, run] of [[suites[0]!, node], [suites[1]!, nghttpd]] as const) {
    suite.testcase.forEach((tc, i) => {
      const c = run.cases[i]!;
      if (tc['@_name'] !== `${c.id} ${c.description}` || !tc['@_name'].includes(`${c.section}/`)) t.fail(`bad name ${tc['@_name']}`);
    });
  }
  const failures = suites[0]!.testcase.filter((tc) => tc.failure);
  t.equal(failures.length, 8);
  t.equal(suites[0]!['@_failures'], '8');
  t.match(failures.find((tc) => tc['@_name'].startsWith('5.1/8 '))?.failure, {
    '@_message': /MUST/,
    '#text': /Expected: GOAWAY Frame \(Error Code: STREAM_CLOSED\) \| .*\nActual: Timeout/,
  });
  t.equal(suites[0]!.testcase.filter((tc) => tc.skipped !== undefined).length, 1);
});

t.test('an incomplete run shows up as an error case, never as zero green tests', async (t) => {
  const run = runFromFixture('h2spec-2.0.0-no-match.txt', 'node', { status: 'no-cases', problems: ['no case ran'] });
  const xml = buildJUnitXml([run]);
  t.equal(XMLValidator.validate(xml), true);
  const [suite] = parse(xml);
  t.equal(suite!.testcase.length, 1);
  t.match(suite!.testcase[0], { '@_name': 'h2spec run: no-cases', error: { '@_message': 'no case ran' } });
});
