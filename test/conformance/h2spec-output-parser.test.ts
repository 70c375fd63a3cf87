// The parser on captured h2spec output: every case, with its section,
// outcome and, for failures, expected vs actual — and the runs that must
// never count as passing (no match, connection refused, killed mid-case).
import t from 'tap';
import { parseH2specOutput } from '../../harness/conformance/h2spec-output-parser.js';
import { applyH2specJUnitDurations } from '../../harness/conformance/h2spec-junit-durations.js';
import { classifyRun } from '../../harness/conformance/h2spec-runner.js';
import { fixture } from './fixtures.js';

const completed = { code: 1, signal: null, timedOut: false } as const;

t.test('nghttpd --strict: all 146 cases, one failure with expected and actual', async (t) => {
  const p = parseH2specOutput(fixture('h2spec-2.0.0-nghttpd-strict.txt'));
  t.equal(p.cases.length, 146);
  t.same(p.summary, { total: 146, passed: 145, skipped: 0, failed: 1 });
  t.equal(p.finishedSeconds, 2.0346);
  t.equal(new Set(p.cases.map((c) => c.id)).size, 146, 'ids are unique');
  t.same(
    [...new Set(p.cases.map((c) => c.suite))],
    ['generic', 'http2', 'hpack'],
    'the three suites, in h2spec order',
  );
  t.ok(p.cases.every((c) => c.section !== '' && c.sectionTitle !== '' && c.description !== ''), 'every case has its section');
  const failed = p.cases.filter((c) => c.outcome === 'failed');
  t.same(failed.map((c) => c.id), ['5.1.1/2']);
  t.match(failed[0], {
    h2specId: 'http2/5.1.1/2',
    section: '5.1.1',
    sectionTitle: 'Stream Identifiers',
    description: 'Sends stream identifier that is numerically smaller than previous',
    requirement: 'The endpoint MUST respond with a connection error of type PROTOCOL_ERROR.',
    expected: ['GOAWAY Frame (Error Code: PROTOCOL_ERROR)', 'Connection closed'],
    actual: /^DATA Frame \(length:\d+, flags:0x01, stream_id:\d+\)$/,
  });
  t.match(p.cases.find((c) => c.id === 'hpack/6.1/1'), { suite: 'hpack', section: '6.1', description: /index 0/ }, 'hpack ids keep their prefix');
  t.match(p.cases.find((c) => c.id === 'generic/3.1/1'), { suite: 'generic', sectionTitle: 'DATA' });
  t.equal(classifyRun(p, completed, 60_000).status, 'completed');
});

t.test('node --strict: failures with Timeout and raw PING data, one skipped case', async (t) => {
  const p = parseH2specOutput(fixture('h2spec-2.0.0-node-strict.txt'));
  t.same(p.summary, { total: 146, passed: 137, skipped: 1, failed: 8 });
  t.same(p.cases.filter((c) => c.outcome === 'skipped').map((c) => c.id), ['5.1.2/1']);
  const failed = p.cases.filter((c) => c.outcome === 'failed');
  t.same(failed.map((c) => c.id), ['5.1/6', '5.1/8', '5.1/9', '5.1/11', '5.1/12', '5.1.1/2', '6.7/2', '6.9.1/2']);
  t.ok(failed.every((c) => c.expected && c.expected.length > 0 && c.actual), 'every failure has expected and actual');
  t.equal(failed.find((c) => c.id === '5.1/8')?.actual, 'Timeout');
  const ping = failed.find((c) => c.id === '6.7/2')!;
  t.match(ping.expected?.[0], /opaque_data:h2spec\\x00\\x00/, 'NUL bytes are escaped, not copied');
  t.equal(classifyRun(p, completed, 60_000).status, 'completed');
});

t.test("h2spec's own JUnit supplies a duration for every case", async (t) => {
  const p = parseH2specOutput(fixture('h2spec-2.0.0-nghttpd-strict.txt'));
  applyH2specJUnitDurations(p.cases, fixture('h2spec-2.0.0-nghttpd-strict.junit.xml'));
  t.ok(p.cases.every((c) => typeof c.durationMs === 'number' && c.durationMs >= 0));
});

t.test('a newer 2.x with one more case, and output whose carriage returns were lost', async (t) => {
  const original = fixture('h2spec-2.0.0-nghttpd-strict.txt');
  const extra = 'Sends a case that only newer h2spec builds have';
  const newer = original
    .replace(/(✔ 2: Sends a SETTINGS frame without ACK flag\n)/, `$1          3: ${extra}\r        ✔ 3: ${extra}\n`)
    .replace('146 tests, 145 passed', '147 tests, 146 passed');
  const p = parseH2specOutput(newer);
  t.equal(p.cases.length, 147);
  t.match(p.cases.find((c) => c.id === '6.5.3/3'), { description: extra, outcome: 'passed' });
  t.equal(classifyRun(p, completed, 60_000).status, 'completed', 'the summary still agrees');

  const flattened = parseH2specOutput(original.replaceAll('\r', '      '));
  t.same(
    flattened.cases.map((c) => [c.id, c.outcome]),
    parseH2specOutput(original).cases.map((c) => [c.id, c.outcome]),
  );
});

t.test('runs that are never a pass', async (t) => {
  const noMatch = parseH2specOutput(fixture('h2spec-2.0.0-no-match.txt'));
  t.equal(noMatch.cases.length, 0);
  t.equal(classifyRun(noMatch, { code: 0, signal: null, timedOut: false }, 60_000).status, 'no-cases', 'h2spec exits 0, we do not');

  const refused = parseH2specOutput(fixture('h2spec-2.0.0-connection-refused.txt'));
  t.match(refused.errors, [/connection refused/]);
  t.match(refused.cases, [{ id: '6.5.3/1', outcome: 'failed', error: /connection refused/ }]);
  t.equal(classifyRun(refused, completed, 60_000).status, 'crashed');

  const killed = parseH2specOutput(fixture('h2spec-2.0.0-killed-mid-case.txt'));
  t.equal(killed.cases.length, 0);
  t.match(killed.interrupted, { section: '6.5', seq: 1, description: /SETTINGS frame with ACK flag/ });
  const verdict = classifyRun(killed, { code: null, signal: 'SIGKILL', timedOut: true }, 3000);
  t.equal(verdict.status, 'timeout');
  t.match(verdict.problems[0], /after the overall timeout of 3 s during 6.5\/1/);

  const nghttpd = parseH2specOutput(fixture('h2spec-2.0.0-nghttpd-strict.txt'));
  t.equal(classifyRun(nghttpd, { code: 2, signal: null, timedOut: false }, 60_000).status, 'crashed', 'an unexpected exit code');
  nghttpd.cases.pop();
  t.match(classifyRun(nghttpd, completed, 60_000), { status: 'crashed', problems: [/the parser 144\/1\/0/] }, 'a case the parser lost');
});
