// Mutations for property 5. Each is data (see BlockMutation); applying them is
// in block-mutations.ts, so a reproducer names exactly what was done.
import fc from 'fast-check';
import type { BlockMutation, HpackCase } from './hpack-case.js';
import { hpackSession, tableSize } from './session-arbitraries.js';

const block = fc.nat(63);

export const blockMutation: fc.Arbitrary<BlockMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip-bit' as const), block, bit: fc.nat(4095) }),
  fc.record({ kind: fc.constant('cut' as const), block, keep: fc.nat(255) }),
  fc.record({ kind: fc.constant('splice' as const), block, from: block, start: fc.nat(255), length: fc.integer({ min: 1, max: 64 }), at: fc.nat(255) }),
  fc.record({ kind: fc.constant('size-updates' as const), block, sizes: fc.array(tableSize, { minLength: 1, maxLength: 4 }), atEnd: fc.boolean() }),
  fc.record({ kind: fc.constant('index-past-table' as const), block, beyond: fc.integer({ min: -2, max: 300 }) }),
  fc.record({ kind: fc.constant('huffman-padding' as const), block, padding: fc.constantFrom('long' as const, 'not-ones' as const, 'eos' as const) }),
  fc.record({ kind: fc.constant('oversized-integer' as const), block, continuation: fc.integer({ min: 1, max: 12 }), asLength: fc.boolean() }),
  fc.record({ kind: fc.constant('raw' as const), block, bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
);

/** Half the cases carry one or two mutations; the other half keep property 5 on valid blocks only. */
export const hpackCase: fc.Arbitrary<HpackCase> = fc.record({
  session: hpackSession,
  mutations: fc.oneof(fc.constant([] as BlockMutation[]), fc.array(blockMutation, { minLength: 1, maxLength: 2 })),
});
