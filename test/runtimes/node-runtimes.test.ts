// The suite's runtimes: which ones a run picks (the machine's; Node 24 added
// under CI=true; H2HARNESS_NODE instead), how a spec is resolved, and the
// runner's lines: one per runtime, then the sum CI reads.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../harness/cli/package-info.js';
import { unavailable } from '../peers/tool-guard.js';

interface NodeRuntimes {
  defaultSpecs(env: Record<string, string | undefined>): string[];
  resolveRuntime(spec: string, log?: (m: string) => void): string;
}
const runtimes = (await import(pathToFileURL(join(projectRoot, 'scripts/node-runtimes.mjs')).href)) as NodeRuntimes;
const onNode24 = process.versions.node.startsWith('24.');

t.test('which runtimes a run picks', async (t) => {
  t.same(runtimes.defaultSpecs({}), ['current'], 'locally: the Node running it');
  t.same(runtimes.defaultSpecs({ CI: 'true' }), onNode24 ? ['current'] : ['current', '24'], 'under CI: Node 24 as well, once');
  t.same(runtimes.defaultSpecs({ CI: 'true', H2HARNESS_NODE: '24, /opt/node22/bin/node' }), ['24', '/opt/node22/bin/node'], 'H2HARNESS_NODE replaces them');
});

t.test('how a spec resolves', async (t) => {
  t.equal(runtimes.resolveRuntime('current'), process.execPath);
  t.equal(runtimes.resolveRuntime(process.execPath), process.execPath, 'a path to a node binary is itself');
  t.throws(() => runtimes.resolveRuntime('19'), /no Node 19 pinned in scripts\/tools\.json/);
  t.throws(() => runtimes.resolveRuntime('/nonexistent/bin/node'), /no such node binary/);
  t.throws(() => runtimes.resolveRuntime(join(projectRoot, 'package.json')), /does not run as `node --version`/);
});

/**
 * The runner and its scripts in a project of their own, with one small test
 * file: tap keeps its state (.tap/) per project, so this nested run cannot
 * clear the state of the suite running it. Outside this project's tree
 * (not t.testdir()), or tap would take this project for its root.
 */
function miniProject(dir: string): string {
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['run-tests.mjs', 'node-runtimes.mjs', 'tools.json']) copyFileSync(join(projectRoot, 'scripts', f), join(dir, 'scripts', f));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', tap: { 'disable-coverage': true, typecheck: false } }));
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'dist/test'), { recursive: true });
  writeFileSync(join(dir, 'dist/test/three.test.js'), "import t from 'tap';\nt.pass('one');\nt.pass('two');\nt.equal(process.execPath, process.env.EXPECTED_NODE ?? process.execPath, 'runs on the chosen node');\n");
  return dir;
}

/** The environment of a user's shell: none of the variables tap sets for its own test processes (a tap that sees them reports as a child, with no summary line). */
function userEnv(): Record<string, string> {
  const kept = Object.entries(process.env).filter(([k]) => !/^(_?TAP|_TAPJS_)/.test(k) && k !== 'NODE_OPTIONS' && k !== 'H2HARNESS_NODE');
  return Object.fromEntries(kept) as Record<string, string>;
}

function runTests(t: Test, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string }> {
  const dir = miniProject(mkdtempSync(join(tmpdir(), 'h2harness-runner-')));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(dir, 'scripts/run-tests.mjs'), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...userEnv(), ...env } });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('close', (code) => {
      clearTimeout(killer);
      done({ code, stdout });
    });
  });
}

const lastLine = (s: string): string => s.trimEnd().split('\n').pop() ?? '';

t.test('one tap run per runtime, a line for each, then their sum', async (t) => {
  const r = await runTests(t, ['--node', 'current', '--node', process.execPath]);
  t.equal(r.code, 0);
  const per = [...r.stdout.matchAll(/^# node (v[\d.]+): (\d+) passed, (\d+) failed in \d+ s$/gm)].map((m) => m.slice(1).join(' '));
  t.same(per, [`${process.version} 3 0`, `${process.version} 3 0`], 'a line per runtime');
  t.equal(lastLine(r.stdout), '6 passed, 0 failed');
});

t.test('a runtime that cannot be had is a failure, not a skip', async (t) => {
  const r = await runTests(t, ['--node', '/nonexistent/bin/node']);
  t.equal(r.code, 1);
  t.equal(lastLine(r.stdout), '0 passed, 1 failed');
});

t.test('tap and the test files run on the runtime asked for', async (t) => {
  const node24 = join(projectRoot, '.runtimes/node24/bin/node');
  if (!existsSync(node24)) {
    // setup installs it under CI=true, so there its absence is a failure.
    unavailable(t, `${node24} missing: Node 24 not installed (node scripts/node-runtimes.mjs install 24)`);
    return;
  }
  const r = await runTests(t, ['--node', node24], { EXPECTED_NODE: node24 });
  t.equal(r.code, 0, 'the test file saw process.execPath = the Node 24 binary');
  t.match(r.stdout, /^# node v24\.[\d.]+: 3 passed, 0 failed/m);
});
