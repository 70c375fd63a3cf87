// `h2harness conformance` end to end, as a user runs it: the summary line,
// the exit code against the committed baseline or `--baseline FILE`, the
// JUnit and JSON files, the matrix of `--target all`.
import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { projectRoot } from '../../harness/cli/package-info.js';
import { h2specMissing, toolsMissing } from '../peers/tool-guard.js';
import { nodeHttp2Failures, runtimeMajor, unrecordedMajor } from './node-http2-failures.js';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, [join(projectRoot, 'dist/harness/cli/main.js'), 'conformance', ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      resolveRun({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

t.test('nghttpd, one section: the committed baseline accepts 5.1.1/2 (exit 0), no baseline does not (exit 1)', async (t) => {
  if (await h2specMissing(t)) return;
  if (toolsMissing(t, ['nghttpd'])) return;
  const dir = await mkdtemp(join(tmpdir(), 'h2harness-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const args = ['--target', 'nghttpd', '--strict', '--spec', '5.1.1'];

  const accepted = await cli([...args, '--junit', join(dir, 'j.xml'), '--json', join(dir, 'r.json')]);
  t.equal(accepted.code, 0, 'gated like `run`: reports/baseline.json accepts it');
  t.match(accepted.stdout, /^h2spec \S+ \(/m, 'prints the h2spec version');
  t.match(accepted.stdout, /^h2spec nghttpd: 1 passed, 1 failed, 0 skipped/m);
  t.match(accepted.stdout, /× 5\.1\.1\/2 Sends stream identifier that is numerically smaller than previous/);
  t.match(accepted.stdout, /^result: clean \(1 failures accepted by .*reports\/baseline\.json\)$/m);
  const xml = await readFile(join(dir, 'j.xml'), 'utf8');
  t.equal(XMLValidator.validate(xml), true);
  t.match(xml, /<testcase name="5\.1\.1\/2 Sends stream identifier[^"]*" classname="conformance-h2c\.nghttpd" time="\d+\.\d{4}">\s*<failure /);
  const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
  t.match(json, {
    format: 'h2harness.conformance/2',
    runs: [{ status: 'completed', counts: { passed: 1, failed: 1 } }],
    verdict: { exitCode: 0, regressions: [], stillFailing: [{ target: 'nghttpd', stage: 'conformance-h2c', case: '5.1.1#120bed5a', description: 'Sends stream identifier that is numerically smaller than previous' }] },
  });

  const none = await cli([...args, '--baseline', join(dir, 'no-such-baseline.json'), '--json', join(dir, 'r.json')]);
  t.equal(none.code, 1, 'a missing baseline file accepts nothing, as in `run`');
  t.match(none.stdout, /^re-ran 1 failed: 0 passed the second time \(flaky\)$/m, 'a failed case is re-run once, as in `run`');
  t.match(none.stdout, /^regression: nghttpd conformance-h2c 5\.1\.1#120bed5a Sends stream identifier/m);
  t.match(none.stdout, /^result: 1 regressions, 0 broken stages$/m);
  t.match(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')), { verdict: { exitCode: 1, regressions: [{ case: '5.1.1#120bed5a' }] } });
});

t.test("h2spec's strict cases run by default; --no-strict leaves them out", async (t) => {
  if (await h2specMissing(t)) return;
  // 5.4.1/2 (an invalid PING must get GOAWAY) is one of h2spec's strict cases.
  const strict = await cli(['--target', 'ref', '--spec', '5.4.1']);
  t.equal(strict.code, 0, strict.stdout + strict.stderr);
  t.match(strict.stdout, /^h2spec ref: 2 passed, 0 failed, 0 skipped/m);
  const loose = await cli(['--target', 'ref', '--spec', '5.4.1', '--no-strict']);
  t.equal(loose.code, 0, loose.stdout + loose.stderr);
  t.match(loose.stdout, /^h2spec ref: 1 passed, 0 failed, 0 skipped/m);
});

t.test('a baseline that breaks its schema is a usage error before h2spec runs', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'h2harness-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, targets: { node: [{ case: '5.1/8' }] } }));
  const r = await cli(['--target', 'ref', '--no-install', '--baseline', join(dir, 'bad.json')]);
  t.equal(r.code, 2);
  t.match(r.stderr, /bad\.json does not match baseline\.schema\.json: .*required property 'stage'/);
  t.notMatch(r.stdout, /^h2spec /m, 'h2spec was not run');
});

t.test('ref passes; no match fails; a bad target is a usage error', async (t) => {
  if (await h2specMissing(t)) return;
  const ok = await cli(['--target', 'ref', '--spec', '6.5', 'generic/3.5']);
  t.equal(ok.code, 0, 'exit 0');
  if (ok.code !== 0) t.comment(ok.stdout + ok.stderr);
  t.match(ok.stdout, /^h2spec ref: \d+ passed, 0 failed, 0 skipped/m);
  t.match(ok.stdout, /^result: clean$/m);
  const none = await cli(['--target', 'ref', '--spec', '9.9']);
  t.equal(none.code, 1);
  t.match(none.stdout, /no-cases/);
  t.match(none.stdout, /^stage conformance-h2c failed: ref: no-cases/m, 'a run of nothing breaks the stage');
  const bad = await cli(['--target', 'bogus']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /unknown target "bogus"; use ref, node, nghttpd, nginx/);
  const bare = await cli(['--target', '127.0.0.1:8443']);
  t.equal(bare.code, 2, 'a bare HOST:PORT without --tls or --h2c is refused');
  t.match(bare.stderr, /does not say its transport: write http:\/\/127\.0\.0\.1:8443 \(h2c\) or https:\/\/127\.0\.0\.1:8443 \(TLS\)/);
});

t.test('a list of targets prints the matrix and marks the differences', { skip: nodeHttp2Failures ? false : unrecordedMajor }, async (t) => {
  if (await h2specMissing(t)) return;
  if (toolsMissing(t, ['nghttpd'])) return;
  const r = await cli(['--target', 'ref,node,nghttpd', '--strict', '--spec', '5.1.1', '6.9.1']);
  t.equal(r.code, 0, `node's and nghttpd's failures on Node ${runtimeMajor} are all in reports/baseline.json`);
  t.match(r.stdout, /case +ref +node +nghttpd/);
  t.match(r.stdout, /^\* 5\.1\.1\/2 +pass +FAIL +FAIL/m);
  // Which WINDOW_UPDATE case node:http2 fails depends on the nghttp2 its Node bundles.
  const windowCase = nodeHttp2Failures!.windowUpdateCase.replace(/[./]/g, '\\$&');
  t.match(r.stdout, new RegExp(`^\\* ${windowCase} +pass +FAIL +pass`, 'm'));
  t.match(r.stdout, /2 of 5 cases differ/);
  t.match(r.stdout, /^result: clean \(3 failures accepted by /m);
});
