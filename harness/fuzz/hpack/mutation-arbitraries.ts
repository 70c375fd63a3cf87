// Mutations for property 5, and the whole case. Each mutation is data (see
// BlockMutation); applying them is in block-mutations.ts, so a reproducer
// names exactly what was done. `hpackCase` is the one fast-check arbitrary:
// it draws a case in one go (random-draws.ts says why) and shrinks it with
// the same simplifications the jsfuzz engine's shrinker tries.
import fc from 'fast-check';
import type { BlockMutation, HpackCase } from './hpack-case.js';
import { simplerCases } from './case-shrinker.js';
import { hpackSession, tableSize } from './session-arbitraries.js';
import type { Draw, Random } from './random-draws.js';
import { arrayOf, bytes, int, weighted } from './random-draws.js';

const block = (r: Random): number => int(r, 0, 63);
const PADDINGS = ['long', 'not-ones', 'eos'] as const;
const rawBytes = bytes(1, 32);
const sizes = arrayOf(tableSize, 1, 4);

export const blockMutation: Draw<BlockMutation> = weighted<BlockMutation>([
  [1, (r) => ({ kind: 'flip-bit', block: block(r), bit: int(r, 0, 4095) })],
  [1, (r) => ({ kind: 'cut', block: block(r), keep: int(r, 0, 255) })],
  [1, (r) => ({ kind: 'splice', block: block(r), from: block(r), start: int(r, 0, 255), length: int(r, 1, 64), at: int(r, 0, 255) })],
  [1, (r) => ({ kind: 'size-updates', block: block(r), sizes: sizes(r), atEnd: r.nextInt(0, 1) === 1 })],
  [1, (r) => ({ kind: 'index-past-table', block: block(r), beyond: int(r, -2, 300) })],
  [1, (r) => ({ kind: 'huffman-padding', block: block(r), padding: PADDINGS[r.nextInt(0, 2)]! })],
  [1, (r) => ({ kind: 'oversized-integer', block: block(r), continuation: int(r, 1, 12), asLength: r.nextInt(0, 1) === 1 })],
  [1, (r) => ({ kind: 'raw', block: block(r), bytes: rawBytes(r) })],
]);

/** Half the cases carry one or two mutations; the other half keep property 5 on valid blocks only. */
const mutations: Draw<BlockMutation[]> = (r) => (r.nextInt(0, 1) === 0 ? [] : arrayOf(blockMutation, 1, 2)(r));

export const drawCase: Draw<HpackCase> = (r) => {
  const session = hpackSession(r);
  return { session, mutations: mutations(r) };
};

class HpackCaseArbitrary extends fc.Arbitrary<HpackCase> {
  generate(r: Random): fc.Value<HpackCase> {
    return new fc.Value(drawCase(r), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is HpackCase {
    return typeof value === 'object' && value !== null && 'session' in value && 'mutations' in value;
  }

  shrink(value: HpackCase): fc.Stream<fc.Value<HpackCase>> {
    return new fc.Stream(simplerCases(value)).map((c) => new fc.Value(c, undefined));
  }
}

export const hpackCase: fc.Arbitrary<HpackCase> = new HpackCaseArbitrary();
