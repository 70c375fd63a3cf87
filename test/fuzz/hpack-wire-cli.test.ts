// `h2harness fuzz hpack --oracles …` with the peers: ours is clean, a broken
// copy caught through node:http2 alone leaves a wire reproducer that replay
// runs against node:http2 again.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUGS, derivedFor, tempDir } from './broken-implementations.js';
import { finalLine, runCli } from './cli-run.js';
import { toolsMissing } from '../peers/tool-guard.js';

t.test('ours against libnghttp2, node:http2 and nghttp: clean, both peers reported', async (t) => {
  if (toolsMissing(t, ['nghttp'])) return;
  const r = await runCli(['fuzz', 'hpack', '--oracles', 'nghttp2,node,nghttp', '--seconds', '8', '--seed', '11', '--out', tempDir(t, 'wire-clean')], 60_000);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stdout + r.stderr);
  t.match(r.stdout, /^wire oracle node: [1-9]\d* sessions over loopback/m);
  t.match(r.stdout, /^wire oracle nghttp: [1-9]\d* sessions over loopback/m);
  t.equal(finalLine(r.stdout)?.failures, 0);
});

t.test('a bug caught through node:http2 alone: wire reproducer, replayed against node:http2', async (t) => {
  const bug = BUGS.find((b) => b.name === 'wrong-huffman-code')!;
  const impl = derivedFor(t, bug);
  const out = tempDir(t, 'wire-repro');
  const r = await runCli(['fuzz', 'hpack', '--oracles', 'node', '--impl', impl, '--seconds', '20', '--seed', '5', '--out', out], 60_000);
  t.equal(r.code, 1, 'exit 1');
  t.match(r.stdout, /FAIL property 1 .* with node: node decodes/);
  const files = readdirSync(out).filter((f) => f.endsWith('.json'));
  t.equal(files.length, 1);
  const file = join(out, files[0]!);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { wire?: { oracle: string }; case?: unknown };
  t.equal(json.wire?.oracle, 'node');
  t.equal(json.case, undefined);
  const again = await runCli(['replay', file], 60_000);
  t.equal(again.code, 1, 'fails again against the broken copy');
  t.match(again.stdout, /now, .*: failure/);
  const ours = await runCli(['replay', file, '--impl', derivedFor(t)], 60_000);
  t.equal(ours.code, 0, 'passes against an unmodified copy');
});

t.test('with peers beside the in-process cases, an in-process failure ends the run at once, the peers with it', async (t) => {
  const bug = BUGS.find((b) => b.name === 'wrong-huffman-code')!;
  const out = tempDir(t, 'wire-beside');
  const started = Date.now();
  // 60 s given: a wire phase left running would hold the run for all of them.
  const r = await runCli(['fuzz', 'hpack', '--oracles', 'nghttp2,node', '--impl', derivedFor(t, bug), '--seconds', '60', '--seed', '5', '--out', out], 90_000);
  const seconds = (Date.now() - started) / 1000;
  t.equal(r.code, 1, 'exit 1');
  t.ok(seconds < 40, `ended after ${seconds.toFixed(1)} s of 60`);
  const files = readdirSync(out).filter((f) => f.endsWith('.json'));
  t.equal(files.length, 1, 'one reproducer');
  const json = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as { wire?: unknown; case?: unknown };
  t.ok(json.case !== undefined && json.wire === undefined, 'the in-process case is the reproducer');
});

t.test('peers and in-process oracles in one run: the cases of both are counted', async (t) => {
  const r = await runCli(['fuzz', 'hpack', '--oracles', 'nghttp2,node', '--seconds', '6', '--seed', '11', '--out', tempDir(t, 'wire-both')], 60_000);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stdout + r.stderr);
  const inProcess = Number(/^in process: (\d+) cases/m.exec(r.stdout)?.[1] ?? NaN);
  const total = finalLine(r.stdout)?.cases ?? 0;
  t.match(r.stdout, /^wire oracle node: [1-9]\d* sessions over loopback/m);
  t.ok(inProcess > 0 && total > inProcess, `${inProcess} cases in process of ${total}`);
});
