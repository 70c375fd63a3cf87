// The verbs, run as a user would: `h2harness report DIR` rebuilds the three
// files from report.json (exit 2 on a report that breaks the schema), and
// `h2harness baseline update` writes the baseline from the latest run.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../harness/cli/package-info.js';
import { writeReport } from '../../harness/report/write-report.js';
import { readBaseline } from '../../harness/report/baseline-file.js';
import { sampleReport } from './sample-report.js';

const MAIN = join(projectRoot, 'dist/harness/cli/main.js');

function h2harness(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', cwd: projectRoot, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

t.test('report DIR rebuilds junit.xml, summary.md and index.html from report.json', async (t) => {
  const { dir, files } = writeReport(sampleReport(), t.testdir());
  const before = { junit: readFileSync(files.junit, 'utf8'), summary: readFileSync(files.summary, 'utf8'), html: readFileSync(files.html, 'utf8') };
  for (const f of [files.junit, files.summary, files.html]) rmSync(f);
  const r = h2harness('report', dir);
  t.equal(r.code, 0, r.err);
  t.match(r.out, /rebuilt junit\.xml, summary\.md, index\.html/);
  t.equal(readFileSync(files.junit, 'utf8'), before.junit);
  t.equal(readFileSync(files.summary, 'utf8'), before.summary);
  t.equal(readFileSync(files.html, 'utf8'), before.html);
});

t.test('report DIR: a report.json that breaks the schema, or none, is exit 2 with the reason', async (t) => {
  const { dir, files } = writeReport(sampleReport(), t.testdir());
  const broken = JSON.parse(readFileSync(files.json, 'utf8')) as { stages: Array<{ cases: Array<{ outcome: string }> }> };
  broken.stages[0]!.cases[0]!.outcome = 'great';
  writeFileSync(files.json, JSON.stringify(broken));
  const r = h2harness('report', dir);
  t.equal(r.code, 2);
  t.match(r.err, /does not match report\.schema\.json: \/stages\/0\/cases\/0\/outcome must be equal to one of the allowed values/);
  t.equal(h2harness('report', join(dir, 'nowhere')).code, 2);
});

t.test('baseline update --from reports/latest writes the accepted failures, keeping reasons', async (t) => {
  const root = t.testdir({ 'baseline.json': JSON.stringify({ schemaVersion: 1, targets: { node: [{ stage: 'conformance-h2c', case: '6.5.3/1', reason: 'written by hand' }] } }) });
  writeReport(sampleReport(), root);
  const file = join(root, 'baseline.json');
  const r = h2harness('baseline', 'update', '--from', join(root, 'latest'), '--baseline', file);
  t.equal(r.code, 0, r.err);
  t.match(r.out, /\+ nghttpd conformance-h2c 5\.1\/1/);
  t.match(r.out, /: 3 added, 0 removed, from /);
  const written = readBaseline(file);
  t.same(written.targets.node![0], { stage: 'conformance-h2c', case: '6.5.3/1', reason: 'written by hand' });
  t.equal(written.targets.nghttpd!.length, 2);
});

t.test('baseline update refuses an interrupted run and a missing one (exit 2)', async (t) => {
  const root = t.testdir();
  t.equal(h2harness('baseline', 'update', '--from', join(root, 'latest'), '--baseline', join(root, 'b.json')).code, 2);
  writeReport(sampleReport(undefined, { interruption: 'SIGINT' }), root);
  const r = h2harness('baseline', 'update', '--from', join(root, 'latest'), '--baseline', join(root, 'b.json'));
  t.equal(r.code, 2);
  t.match(r.err, /interrupted run/);
  t.notOk(existsSync(join(root, 'b.json')));
});
