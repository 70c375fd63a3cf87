// `h2harness fuzz hpack` on ours: a bounded run with zero failures and the
// final line it documents; same seed, same cases; exit 2 on bad usage.
import t from 'tap';
import { tempDir } from './broken-implementations.js';
import { finalLine, runCli } from './cli-run.js';

const OURS_SECONDS = 15;

t.test(`ours fuzzed for ${OURS_SECONDS} s against nghttp2 and hpack.js: zero failures`, async (t) => {
  const r = await runCli(['fuzz', 'hpack', '--seconds', String(OURS_SECONDS), '--out', tempDir(t, 'fuzz-cli')], 90_000);
  const last = finalLine(r.stdout);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stdout);
  t.equal(last?.failures, 0);
  t.match(r.stdout, /^fuzz hpack: ours against nghttp2, hpackjs \(engine fast-check, seed -?\d+\)$/m, 'prints the seed');
  // With no peer named, all of --seconds goes to the in-process cases (not the half a run with peers gives them).
  t.ok(r.seconds >= OURS_SECONDS - 1, `ran ${r.seconds.toFixed(1)} s of ${OURS_SECONDS}`);
  t.comment(`throughput: ${last?.cases} cases (${last?.rate}/s), latitude ${last?.latitude}`);
});

t.test('same seed, same cases', async (t) => {
  const args = ['fuzz', 'hpack', '--runs', '300', '--seed', '42', '--oracles', 'nghttp2', '--out', tempDir(t, 'fuzz-cli')];
  const [a, b] = [await runCli(args, 60_000), await runCli(args, 60_000)];
  // Everything but the rates and the CPU time, which move with the machine.
  const strip = (s: string): string => s.replace(/\(\d+\/s\)/g, '').replace(/ in [\d.]+ s of CPU \(\d+ per CPU second\)/g, '');
  t.equal(a.code, 0);
  t.equal(strip(a.stdout), strip(b.stdout));
  t.equal(finalLine(a.stdout)?.cases, finalLine(b.stdout)?.cases);
});

t.test('bad usage exits 2', async (t) => {
  for (const args of [
    ['fuzz', 'hpack', '--seconds', 'x'],
    ['fuzz', 'hpack', '--runs', '0'],
    ['fuzz', 'hpack', '--oracles', 'nope'],
    ['fuzz', 'hpack', '--engine', 'afl'],
    ['fuzz', 'hpack', '--impl', './no-such-module.js', '--runs', '1'],
    ['fuzz', 'http2'],
    ['replay', 'no-such-file.json'],
  ]) {
    const r = await runCli(args, 30_000);
    t.equal(r.code, 2, `${args.join(' ')}: ${r.stderr.trim()}`);
  }
});
