// `h2harness fuzz server` as a user runs it: the closing line, exit codes,
// bad usage, and a reproducer that `h2harness replay` shows side by side.
import t from 'tap';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-run.js';

const FINAL = /^scenarios: (\d+) \((\d+)\/s\), findings: (\d+), latitude: (\d+)$/m;

t.test('in process: a bounded run ends with the closing line and exit 0', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'h2harness-server-cli-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const r = await runCli(['fuzz', 'server', '--runs', '2000', '--seed', '3', '--out', out], 60_000);
  t.equal(r.code, 0, r.stdout + r.stderr);
  const m = FINAL.exec(r.stdout);
  t.ok(m, 'prints scenarios: N (R/s), findings: F, latitude: L');
  t.equal(Number(m?.[1]), 2000);
  t.equal(Number(m?.[3]), 0);
  t.match(r.stdout, /fuzz server: seed 3/);
  t.same(readdirSync(out), [], 'no reproducer for a clean run');
});

t.test('bad usage exits 2', async (t) => {
  for (const args of [
    ['fuzz', 'server', '--target', 'nowhere'],
    ['fuzz', 'server', '--runs', '-1'],
    ['fuzz', 'server', '--impl', 'x.js'],
    ['fuzz', 'hpack', '--target', 'ref'],
    ['fuzz', 'nothing'],
  ]) {
    const r = await runCli(args, 30_000);
    t.equal(r.code, 2, `${args.join(' ')}: ${r.stderr.trim().split('\n')[0]}`);
  }
});

t.test('replay of a server reproducer shows the sides and exits 0 once nothing breaks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'h2harness-server-replay-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'r.json');
  const scenario = { steps: [{ op: 'preface' }, { op: 'settings', pairs: [] }, { op: 'window-update', stream: 0, increment: 2147483647 }] };
  const finding = { target: 'in-process', rule: 'connection-window-overflow', section: '6.9.1', step: 2, expected: 'GOAWAY FLOW_CONTROL_ERROR', actual: 'GOAWAY PROTOCOL_ERROR' };
  writeFileSync(file, JSON.stringify({ format: 'h2harness/server-reproducer@1', finding, seed: 1, index: 0, targets: ['in-process'], tls: false, scenario, sides: [] }));
  const r = await runCli(['replay', file], 30_000);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /GOAWAY 0 FLOW_CONTROL_ERROR/, 'the core answers as the RFC says');
  t.match(r.stdout, /WINDOW_UPDATE 0 \+2147483647/, 'the client column');
  t.match(r.stdout, /now: no finding/);
  writeFileSync(file, JSON.stringify({ format: 'h2harness/server-reproducer@1', finding, seed: 1, index: 0, targets: ['in-process'], tls: false, scenario: { steps: [{ op: 'nope' }] }, sides: [] }));
  t.equal((await runCli(['replay', file], 30_000)).code, 2, 'a malformed scenario is bad usage');
});
