// `h2harness conformance` end to end, as a user runs it: the summary line,
// the exit code, the JUnit and JSON files, the matrix of `--target all`.
import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { projectRoot } from '../../harness/cli/package-info.js';
import { h2specMissing, toolsMissing } from '../peers/tool-guard.js';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, [join(projectRoot, 'dist/harness/cli/main.js'), 'conformance', ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      resolveRun({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

t.test('nghttpd, one section: summary line, exit 1, JUnit and JSON written', async (t) => {
  if (await h2specMissing(t)) return;
  if (toolsMissing(t, ['nghttpd'])) return;
  const dir = await mkdtemp(join(tmpdir(), 'h2harness-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const r = await cli(['--target', 'nghttpd', '--strict', '--spec', '5.1.1', '--junit', join(dir, 'j.xml'), '--json', join(dir, 'r.json')]);
  t.equal(r.code, 1, 'a failure with no baseline exits 1');
  t.match(r.stdout, /^h2spec \S+ \(/m, 'prints the h2spec version');
  t.match(r.stdout, /^h2spec nghttpd: 1 passed, 1 failed, 0 skipped/m);
  t.match(r.stdout, /× 5\.1\.1\/2 Sends stream identifier that is numerically smaller than previous/);
  const xml = await readFile(join(dir, 'j.xml'), 'utf8');
  t.equal(XMLValidator.validate(xml), true);
  t.match(xml, /<testcase name="5\.1\.1\/2 Sends stream identifier/);
  const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
  t.match(json, { format: 'h2harness.conformance/1', runs: [{ status: 'completed', counts: { passed: 1, failed: 1 } }], verdict: { ok: false } });
});

t.test('ref passes; no match fails; a bad target is a usage error', async (t) => {
  if (await h2specMissing(t)) return;
  const ok = await cli(['--target', 'ref', '--spec', '6.5', 'generic/3.5']);
  t.equal(ok.code, 0, 'exit 0');
  if (ok.code !== 0) t.comment(ok.stdout + ok.stderr);
  t.match(ok.stdout, /^h2spec ref: \d+ passed, 0 failed, 0 skipped/m);
  const none = await cli(['--target', 'ref', '--spec', '9.9']);
  t.equal(none.code, 1);
  t.match(none.stdout, /no-cases/);
  const bad = await cli(['--target', 'bogus']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /--target must be/);
});

t.test('--target all prints the matrix and marks the differences', async (t) => {
  if (await h2specMissing(t)) return;
  if (toolsMissing(t, ['nghttpd'])) return;
  const r = await cli(['--target', 'all', '--strict', '--spec', '5.1.1', '6.9.1']);
  t.equal(r.code, 1);
  t.match(r.stdout, /case +ref +node +nghttpd/);
  t.match(r.stdout, /^\* 5\.1\.1\/2 +pass +FAIL +FAIL/m);
  t.match(r.stdout, /^\* 6\.9\.1\/2 +pass +FAIL +pass/m);
  t.match(r.stdout, /2 of 5 cases differ/);
});
