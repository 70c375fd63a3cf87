// One bounded end-to-end run against two real servers, as a user runs it:
// `run --target h2o,haproxy --stages conformance,interop` (about 30 s: the
// two real servers whose full h2spec runs are quick; nginx alone takes
// ~55 s per transport). Against the committed baseline it must be green,
// with both servers' versions in the report and the matrix holding every
// case for both over both transports; against an empty baseline the same
// report must be red, naming the servers' real failures.
// Why these two and not all five in npm test: nginx alone leaves h2spec
// waiting ~55 s per transport (plus its re-runs), apache and caddy 10-20 s;
// each server's start/answer/stop over both transports is real-servers.test.ts.
import t from 'tap';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../harness/cli/package-info.js';
import { SUITE_CASES } from '../../harness/conformance/suite/catalogue.js';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import { emptyBaseline } from '../../harness/report/baseline-file.js';
import type { Report } from '../../harness/report/report-model.js';
import { validateReport } from '../../harness/report/report-schema.js';
import { REAL_SERVERS, isInstalled } from '../../harness/peers/servers/index.js';
import { h2specMissing, toolsMissing, unavailable } from '../peers/tool-guard.js';

const cli = resolve(projectRoot, 'dist/harness/cli/main.js');
const TARGETS = ['h2o', 'haproxy'];

t.test('run --target h2o,haproxy: green against the baseline, red without it', async (t) => {
  if ((await h2specMissing(t)) || toolsMissing(t, ['nghttp', 'curl'])) return;
  const missing = REAL_SERVERS.filter((s) => TARGETS.includes(s.name) && !isInstalled(s)).map((s) => s.name);
  if (missing.length > 0) {
    const message = `${missing.join(', ')} not installed (npx h2harness setup --targets ${TARGETS.join(',')})`;
    unavailable(t, message);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'h2harness-servers-run-'));
  const baseline = join(out, 'baseline.json');
  copyFileSync(resolve(projectRoot, 'reports/baseline.json'), baseline);
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'run', '--target', TARGETS.join(','), '--stages', 'conformance,interop', '--budget', '120', '--out', out, '--baseline', baseline], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stdout += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  const code = await new Promise<number | null>((done) => child.once('close', done));
  clearTimeout(killer);
  if (code !== 0) t.comment(stdout);
  t.equal(code, 0, 'exit 0: every failure is one the baseline accepts');
  t.match(stdout, /result: clean \(\d+ failures accepted by /);

  const folder = readdirSync(out, { withFileTypes: true }).find((d) => d.isDirectory() && d.name !== 'latest')!.name;
  const report = JSON.parse(readFileSync(join(out, folder, 'report.json'), 'utf8')) as Report;
  t.doesNotThrow(() => validateReport(report));
  t.same(report.targets.map((x) => x.name), TARGETS);
  for (const target of report.targets) t.match(target.version, /^\d+\.\d+/, `${target.name} version ${target.version}`);
  for (const name of ['conformance-h2c', 'conformance-tls']) {
    const stage = report.stages.find((s) => s.name === name)!;
    for (const target of TARGETS) {
      const mine = stage.cases.filter((c) => c.target === target);
      t.equal(mine.filter((c) => !c.id.startsWith('rfc')).length, 146, `${name}: every h2spec case for ${target}`);
      t.equal(mine.filter((c) => c.id.startsWith('rfc')).length, SUITE_CASES.length, `${name}: every h2harness suite case for ${target}`);
    }
  }
  const interop = report.stages.find((s) => s.name === 'interop')!;
  for (const target of TARGETS) {
    const ids = interop.cases.filter((c) => c.target === target).map((c) => c.id);
    for (const id of ['interop/curl/get', 'interop/curl-tls/echo', 'interop/undici/echo', 'interop/node-http2-tls/concurrent']) t.ok(ids.includes(id), `${target}: ${id}`);
  }
  t.ok(interop.cases.some((c) => c.target === 'h2o' && c.id === 'interop/node-http2/push' && c.outcome === 'passed'), 'h2o pushes /style.css');

  const red = compareWithBaseline(report, emptyBaseline(), 'none');
  t.equal(red.exitCode, 1, 'without the baseline the same report is red');
  // h2o 2.2 answers a request with an empty :path (RFC 9113 §8.1.2.3 requires a stream error) in every run seen.
  // Named by its key (section and digest of its description), as every h2spec case is in a comparison.
  t.ok(
    red.regressions.some((r) => r.target === 'h2o' && r.stage === 'conformance-tls' && r.case.startsWith('8.1.2.3#') && /empty ":path"/.test(r.description ?? '')),
    "h2o's 8.1.2.3 empty :path case (answered) is among them",
  );
  t.ok((Date.now() - started) / 1000 < 120, `took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
