// The whole suite over loopback against the reference server, h2c and TLS:
// every case passes on the wire as it does in process. A failure prints the
// case with its transcript, as `conformance --case ID` does.
import t from 'tap';
import { SUITE_CASES } from '../../../harness/conformance/suite/catalogue.js';
import { caseRunText, runSuiteTarget } from '../../../harness/conformance/suite/suite-session.js';

for (const tls of [false, true]) {
  t.test(`the reference server passes every case over ${tls ? 'TLS' : 'h2c'}`, async (t) => {
    const { run, results } = await runSuiteTarget({ kind: 'peer', name: 'ref' }, { tls });
    t.equal(run.status, 'completed');
    t.equal(run.cases.length, SUITE_CASES.length);
    const failed = results.filter((r) => r.verdict !== null && !r.verdict.passed);
    // A case that loses a race once (a socket reset eating a GOAWAY) gets one more try, as the CLI's re-run does.
    const again = failed.length === 0 ? [] : (await runSuiteTarget({ kind: 'peer', name: 'ref' }, { tls, ids: failed.map((r) => r.case.id) })).results.filter((r) => r.verdict !== null && !r.verdict.passed);
    for (const r of again) t.comment(caseRunText(r, 'ref'));
    t.same(
      again.map((r) => r.case.id),
      [],
    );
  });
}

t.test('one case alone: its transcript and verdict as text', async (t) => {
  const id = 'rfc9113/6.9.1/connection-window-overflow';
  const { run, results } = await runSuiteTarget({ kind: 'peer', name: 'ref' }, { tls: false, ids: [id] });
  t.equal(run.cases.length, 1);
  const text = caseRunText(results[0]!, 'ref');
  t.match(text, /^rfc9113\/6\.9\.1\/connection-window-overflow \(RFC 9113 §6\.9\.1\)/);
  t.match(text, /passed: observed GOAWAY FLOW_CONTROL_ERROR/);
  t.match(text, /WINDOW_UPDATE 0 \+2147483647/);
});

t.test('conformance --case ID runs that case alone with its transcript; an unknown id is a usage error', async (t) => {
  const { execFile } = await import('node:child_process');
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((ok) =>
      execFile(process.execPath, ['dist/harness/cli/main.js', 'conformance', ...args], { timeout: 60_000 }, (err, stdout) => ok({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout })),
    );
  const one = await cli(['--target', 'ref', '--case', 'rfc9113/5.1.1/even-stream-2']);
  t.equal(one.code, 0);
  t.match(one.stdout, /^rfc9113\/5\.1\.1\/even-stream-2 \(RFC 9113 §5\.1\.1\)/m);
  t.match(one.stdout, /passed: observed GOAWAY PROTOCOL_ERROR/);
  t.match(one.stdout, /^h2harness ref: 1 passed, 0 failed, 0 skipped/m);
  t.notMatch(one.stdout, /^h2spec /m, 'h2spec is not run for --case');
  const bad = await cli(['--target', 'ref', '--case', 'rfc9113/9.9/no-such-case']);
  t.equal(bad.code, 2);
});
