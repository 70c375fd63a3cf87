#!/usr/bin/env node
// Writes the jsfuzz engine's seed inputs (corpus/hpack/jsfuzz/): the byte
// form (harness/fuzz/hpack/jsfuzz/case-bytes.ts) of the committed
// regression reproducers' cases and of a fixed sample of the fast-check
// engine's cases, so coverage-guided runs start from every corner the
// structured generator reaches instead of from empty input.
// Run after a build: `node scripts/gen-jsfuzz-seeds.mjs [count]`.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { hpackCase } from '../dist/harness/fuzz/hpack/mutation-arbitraries.js';
import { caseToBytes } from '../dist/harness/fuzz/hpack/jsfuzz/case-bytes.js';
import { readReproducer } from '../dist/harness/fuzz/hpack/reproducer.js';

const SAMPLE_SEED = 20261201;
/** jsfuzz mutates inputs of up to 4096 octets; larger seeds would only be replayed, never varied. */
const MAX_SEED_BYTES = 4096;
const count = Number(process.argv[2] ?? 80);
const dir = 'corpus/hpack/jsfuzz';

// Named by origin: a test of how fast jsfuzz finds the broken implementations leaves out the regression seeds.
const regressions = readdirSync('corpus/hpack')
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ kind: 'regression', c: readReproducer(join('corpus/hpack', f)).case }))
  .filter((s) => s.c);
const samples = fc.sample(hpackCase, { seed: SAMPLE_SEED, numRuns: count * 3 }).map((c) => ({ kind: 'sample', c }));

mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.startsWith('seed-')) rmSync(join(dir, f));
let written = 0;
for (const { kind, c } of [...regressions, ...samples]) {
  if (written >= count) break;
  let bytes;
  try {
    bytes = caseToBytes(c);
  } catch {
    continue; // a long string with no short pattern: no byte form
  }
  if (bytes.length > MAX_SEED_BYTES) continue;
  writeFileSync(join(dir, `seed-${kind}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`), bytes);
  written++;
}
console.log(`${written} seeds in ${dir}`);
