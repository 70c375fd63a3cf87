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
