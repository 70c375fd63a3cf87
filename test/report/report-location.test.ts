// Reports go where the user is: `run`, `report` and `baseline update` use
// ./reports of the current directory, and say so on their first line; the
// baseline falls back to h2harness's own only for its built-in targets.
import t from 'tap';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseBaseline, PACKAGE_BASELINE, reportsRoot } from '../../harness/report/report-location.js';
import { runCli } from '../fuzz/cli-run.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'h2harness-where-'));

t.test('chooseBaseline: given, then ./reports/baseline.json, then the package one for built-in targets only', async (t) => {
  const cwd = fresh();
  t.match(chooseBaseline('mine.json', true, cwd), { file: join(cwd, 'mine.json'), origin: 'given', writeTo: join(cwd, 'mine.json') });
  t.match(chooseBaseline(undefined, true, cwd), { file: PACKAGE_BASELINE, origin: 'package', writeTo: join(cwd, 'reports/baseline.json') });
  t.match(chooseBaseline(undefined, false, cwd), { file: join(cwd, 'reports/baseline.json'), origin: 'none' });
  mkdirSync(join(cwd, 'reports'));
  writeFileSync(join(cwd, 'reports/baseline.json'), JSON.stringify({ schemaVersion: 1, targets: {} }));
  t.match(chooseBaseline(undefined, true, cwd), { file: join(cwd, 'reports/baseline.json'), origin: 'cwd' });
  t.equal(reportsRoot(undefined, cwd), join(cwd, 'reports'));
  t.equal(reportsRoot('/elsewhere', cwd), '/elsewhere');
});

t.test('run, report and baseline update in an empty directory work on its ./reports', async (t) => {
  const cwd = fresh();
  const env = { ...process.env };
  delete env.CI;
  const run = await runCli(['run', '--target', 'ref', '--stages', 'vectors', '--budget', '30'], 90_000, env, cwd);
  t.equal(run.code, 0, run.stdout + run.stderr);
  const first = run.stdout.split('\n')[0]!;
  t.match(first, /^h2harness run: reports in \.\/reports, baseline .*reports\/baseline\.json \(h2harness's own, for its built-in targets/);
  t.ok(existsSync(join(cwd, 'reports/latest/report.json')), 'the report is in ./reports of the cwd');
  t.notOk(existsSync(join(cwd, 'reports/baseline.json')), 'run writes no baseline');

  const report = await runCli(['report', 'reports/latest'], 30_000, env, cwd);
  t.equal(report.code, 0, report.stderr);
  t.match(report.stdout.split('\n')[0], /^h2harness report: \.\/reports\/latest$/);

  const update = await runCli(['baseline', 'update'], 30_000, env, cwd);
  t.equal(update.code, 0, update.stderr);
  t.match(update.stdout.split('\n')[0], /^h2harness baseline update: from \.\/reports\/.*report\.json into \.\/reports\/baseline\.json, starting from baseline .*h2harness's own/);
  const written = JSON.parse(readFileSync(join(cwd, 'reports/baseline.json'), 'utf8')) as { targets: Record<string, unknown[]> };
  const own = JSON.parse(readFileSync(PACKAGE_BASELINE, 'utf8')) as { targets: Record<string, unknown[]> };
  t.same(written.targets.node, own.targets.node, 'entries of stages the run did not cover are kept, reasons and all');

  const again = await runCli(['run', '--target', 'ref', '--stages', 'vectors', '--budget', '30'], 90_000, env, cwd);
  t.match(again.stdout.split('\n')[0], /^h2harness run: reports in \.\/reports, baseline \.\/reports\/baseline\.json$/, 'now the local baseline is used');
});

t.test('a server of the user is gated by no baseline rather than ours', async (t) => {
  const cwd = fresh();
  const env = { ...process.env };
  delete env.CI;
  const r = await runCli(['run', '--target', '127.0.0.1:9', '--h2c', '--stages', 'vectors', '--budget', '30'], 90_000, env, cwd);
  t.match(r.stdout.split('\n')[0], /^h2harness run: reports in \.\/reports, baseline none \(no \.\/reports\/baseline\.json/);
});

t.test('report with nothing there says where reports are written', async (t) => {
  const r = await runCli(['report'], 30_000, process.env, fresh());
  t.equal(r.code, 2);
  t.match(r.stderr, /no report\.json in \.\/reports\/latest: `h2harness run` writes its reports into \.\/reports/);
});
