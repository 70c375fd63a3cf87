// The jsfuzz engine, bounded: ours runs clean, each deliberately broken copy
// of ours (CommonJS, as jsfuzz needs) is caught within 30 s from the sampled
// seeds alone (the regression seeds would hand it the answer), its shrunk
// reproducer replays, and the engine's usage errors exit 2.
import t from 'tap';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUGS, derivedFor, tempDir } from './broken-implementations.js';
import { finalLine, runCli } from './cli-run.js';
import { DEFAULT_SEED_CORPUS, runJsfuzz } from '../../harness/fuzz/hpack/jsfuzz/run-jsfuzz.js';
import { readReproducer } from '../../harness/fuzz/hpack/reproducer.js';
import { replayReproducer } from '../../harness/fuzz/hpack/replay-reproducer.js';

const DETECTION_LIMIT_S = 30;
const CLEAN_S = 10;

function sampledSeeds(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t, 'jsfuzz-seeds');
  for (const f of readdirSync(DEFAULT_SEED_CORPUS).filter((f) => f.startsWith('seed-sample-'))) copyFileSync(join(DEFAULT_SEED_CORPUS, f), join(dir, f));
  return dir;
}

t.test(`ours runs ${CLEAN_S} s clean under jsfuzz, and its corpus grows`, async (t) => {
  const corpus = tempDir(t, 'jsfuzz-corpus');
  const r = await runCli(['fuzz', 'hpack', '--engine', 'jsfuzz', '--seconds', String(CLEAN_S), '--corpus', corpus, '--out', tempDir(t, 'jsfuzz-out')], 120_000);
  const last = finalLine(r.stdout);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stdout + r.stderr);
  t.equal(last?.failures, 0);
  t.ok((last?.cases ?? 0) > 100, `cases: ${last?.cases} (${last?.rate}/s)`);
  const cov = /^jsfuzz: (\d+) executions, coverage (\d+)/m.exec(r.stdout);
  t.ok(cov && Number(cov[2]) > 1000, `coverage measured: ${cov?.[0] ?? 'no jsfuzz line'}`);
  t.ok(readdirSync(corpus).length > 0, `${readdirSync(corpus).length} inputs kept in --corpus`);
});

t.test('--runs ends a jsfuzz run by itself', async (t) => {
  const r = await runCli(['fuzz', 'hpack', '--engine', 'jsfuzz', '--runs', '200', '--out', tempDir(t, 'jsfuzz-runs')], 120_000);
  t.equal(r.code, 0, r.stdout + r.stderr);
  const sessions = Number(/^sessions: (\d+)/m.exec(r.stdout)?.[1] ?? 0);
  t.ok(sessions >= 200 && sessions < 400, `${sessions} sessions for --runs 200`);
  t.ok(r.seconds < 60, `done in ${r.seconds.toFixed(1)} s`);
});

for (const bug of BUGS) {
  t.test(`jsfuzz catches ${bug.name} within ${DETECTION_LIMIT_S} s`, async (t) => {
    const impl = derivedFor(t, bug, 'cjs');
    const out = tempDir(t, `jsfuzz-repro-${bug.name}`);
    const lines: string[] = [];
    const r = await runJsfuzz({ seconds: DETECTION_LIMIT_S, oracles: [], impl, out, seedCorpus: sampledSeeds(t), log: (l) => lines.push(l) });
    t.ok(r.failure, `caught: ${lines.find((l) => l.startsWith('FAIL')) ?? lines.join('\n')}`);
    if (!r.failure || !r.reproducerFile) return;
    t.ok(r.failure.foundAfterSeconds < DETECTION_LIMIT_S);
    t.comment(`time to detection under jsfuzz, ${bug.name}: ${r.failure.foundAfterSeconds.toFixed(2)} s (${r.failure.finding.property})`);
    const repro = readReproducer(r.reproducerFile);
    t.equal(repro.engine, 'jsfuzz');
    t.match(repro.input, /^[0-9a-f]*$/, "jsfuzz's input kept in hex");
    const again = await replayReproducer(r.reproducerFile, { log: () => undefined });
    t.ok(again.failures > 0, 'the shrunk reproducer still fails against the broken copy');
    const ours = await replayReproducer(r.reproducerFile, { impl: derivedFor(t, undefined, 'cjs'), log: () => undefined });
    t.equal(ours.failures, 0, 'and passes against an unmodified copy');
  });
}

t.test('jsfuzz usage errors exit 2', async (t) => {
  for (const [args, why] of [
    [['--engine', 'jsfuzz', '--oracles', 'node'], /runs in process/],
    [['--engine', 'jsfuzz', '--impl', derivedFor(t)], /needs a CommonJS --impl/],
    [['--corpus', '/tmp'], /--corpus is for --engine jsfuzz/],
  ] as const) {
    const r = await runCli(['fuzz', 'hpack', ...args, '--seconds', '1'], 60_000);
    t.equal(r.code, 2, `${args.join(' ')}: ${r.stderr.trim()}`);
    t.match(r.stderr, why);
  }
});
