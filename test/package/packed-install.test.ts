// The npm package as a user gets it: `npm pack` of the project holds what
// the CLI needs and nothing for development only; installed from the tarball
// into an empty project, `run`, `fuzz hpack --engine jsfuzz` and `report`
// work there and write their reports into that project, not into
// node_modules. Needs the npm registry for the dependencies: without it the
// install test is skipped (a failure under CI=true).
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/cli/package-info.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import { unavailable } from '../peers/tool-guard.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs a command to its end or kills its process group after `timeoutMs`. */
function sh(command: string, args: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', (err) => (stderr += `\n${err.message}`));
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'h2harness-pack-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

// Commands run as a user's would: no CI flag forced on or off, npm's own
// environment variables from `npm test` left out so they do not point npx back here.
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));

let tarball: string | undefined;
let files: string[] = [];

t.test('npm pack: what the CLI needs, nothing for development only', async (t) => {
  const r = await sh('npm', ['pack', '--json', '--pack-destination', scratch], projectRoot, 120_000, userEnv);
  t.equal(r.code, 0, r.stderr);
  const [packed] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
  tarball = join(scratch, packed!.filename);
  files = packed!.files.map((f) => f.path);
  t.comment(`${packed!.filename}: ${(packed!.size / 1e6).toFixed(2)} MB, ${files.length} files`);
  for (const needed of [
    'LICENSE',
    'README.md',
    'package.json',
    'dist/harness/cli/main.js',
    'dist/impl/index.js',
    'dist/impl/index.d.ts',
    'dist-cjs/package.json',
    'dist-cjs/harness/fuzz/hpack/jsfuzz/jsfuzz-target.js',
    'reports/schema/report.schema.json',
    'reports/schema/baseline.schema.json',
    'reports/baseline.json',
    'scripts/tools.json',
    'third_party/hpack-test-case/LICENSE',
    'third_party/hpack-test-case/SOURCE-COMMIT',
    'third_party/hpack-test-case/raw-data/story_00.json.br',
  ]) {
    t.ok(files.includes(needed), `has ${needed}`);
  }
  t.ok(files.some((f) => f.startsWith('corpus/hpack/jsfuzz/')), 'has the jsfuzz seed corpus');
  const devOnly = files.filter((f) => /^(test|bench|dist\/test|dist\/bench|impl|harness)\/|^scripts\/(?!tools\.json$)|\.tsbuildinfo$|\.map$|^corpus\/hpack\/[^/]+\.json$/.test(f));
  t.same(devOnly, [], 'no tests, benchmarks, sources, generators, runners, build state or regression reproducers');
  t.ok(packed!.size < 3e6, `the tarball stays small (${packed!.size} bytes)`);
});

t.test('installed from the tarball into an empty project, the CLI works there', async (t) => {
  if (!tarball) return t.fail('no tarball');
  const project = join(scratch, 'user-project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }, null, 2));
  const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project, 300_000, userEnv);
  if (install.code !== 0) {
    const why = `npm install from the tarball failed (is the npm registry reachable?): ${install.stderr.trim().slice(-2000)}`;
    unavailable(t, why);
    return;
  }
  t.comment(`npm install: ${install.seconds.toFixed(0)} s`);

  // h2spec as the repository found it, so the conformance stage runs for real.
  const h2spec = await locateH2spec({ install: false });
  const env = { ...userEnv, ...(h2spec.kind === 'h2spec' ? { H2SPEC: h2spec.path } : {}) };
  const npx = (args: string[], timeoutMs: number): Promise<Ran> => sh('npx', ['--no-install', 'h2harness', ...args], project, timeoutMs, env);

  const run = await npx(['run', '--target', 'ref', '--budget', '30'], 180_000);
  t.equal(run.code, 0, `run exits 0 (${run.seconds.toFixed(0)} s)${run.code === 0 ? '' : `\n${run.stdout}\n${run.stderr}`}`);
  t.match(run.stdout.split('\n')[0], /^h2harness run: reports in \.\/reports, baseline /, 'the first line says where');
  t.match(run.stdout, /hpack-vectors\s+passed/, 'the bundled vectors ran');
  t.ok(existsSync(join(project, 'reports', 'latest', 'report.json')), "the report is in the project's ./reports");
  t.notOk(existsSync(join(project, 'node_modules', 'h2harness', 'reports', 'latest')), 'nothing is written inside node_modules');
  const written = JSON.parse(readFileSync(join(project, 'reports', 'latest', 'report.json'), 'utf8')) as { stages: Array<{ name: string; status: string; reason?: string }> };
  t.comment(written.stages.map((s) => `${s.name}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`).join('; '));
  if (h2spec.kind === 'h2spec') t.match(written.stages.find((s) => s.name === 'conformance-h2c'), { status: 'passed' }, 'h2spec ran against the installed reference server');
  t.match(written.stages.find((s) => s.name === 'hpack-fuzz'), { status: 'passed' });

  const fuzz = await npx(['fuzz', 'hpack', '--engine', 'jsfuzz', '--seconds', '5'], 120_000);
  t.equal(fuzz.code, 0, `fuzz --engine jsfuzz exits 0 (${fuzz.seconds.toFixed(0)} s)${fuzz.code === 0 ? '' : `\n${fuzz.stdout}\n${fuzz.stderr}`}`);
  t.match(fuzz.stdout, /^cases: \d+ \(\d+\/s\), failures: 0/m);

  const report = await npx(['report', 'reports/latest'], 60_000);
  t.equal(report.code, 0, report.stderr);
  t.match(report.stdout, /rebuilt junit\.xml, summary\.md, index\.html/);
  t.ok(readdirSync(join(project, 'reports')).some((d) => /^\d{4}-/.test(d)), 'a run folder in ./reports');
});
