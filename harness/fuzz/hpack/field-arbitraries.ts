// Header fields that reach HPACK's corners: names and values repeated often
// enough to hit the dynamic table (indexed and name-indexed representations),
// static-table names and pairs (RFC 7541 Appendix A), empty strings, every
// byte value, and strings over 16 KiB so string lengths need multi-byte
// integers (RFC 7541 §5.1) — a few even pass libnghttp2's 64 KiB field limit.
import fc from 'fast-check';
import type { InputField } from '../../peers/hpack-implementation.js';
import { latin1Bytes } from '../../peers/hpack-implementation.js';
import { POOL_NAMES, POOL_VALUES, STATIC_NAMES, STATIC_VALUES } from './field-pools.js';

const EMPTY = new Uint8Array(0);

/** A short pattern repeated to a length past 16 KiB: cheap to generate, and it shrinks by length. */
function longBytes(minLength: number, maxLength: number): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.integer({ min: minLength, max: maxLength }))
    .map(([pattern, length]) => {
      // One allocation, filled natively (Buffer.alloc and a copy into a plain Uint8Array made two).
      const bytes = new Uint8Array(length);
      Buffer.from(bytes.buffer).fill(pattern);
      return bytes;
    });
}

const anyBytes = fc.uint8Array({ maxLength: 24 });
/** Lower-case token characters: what HTTP allows in names, and what Huffman codes shortest. */
const tokenBytes = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 16 }).map(latin1Bytes);

// Weights are out of a few hundred so that long strings stay rare enough for
// throughput (about one field in 200 has a string over 16 KiB, one in 1000 over 64 KiB).
export const fieldName: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 120, arbitrary: fc.constantFrom(...POOL_NAMES) },
  { weight: 80, arbitrary: fc.constantFrom(...STATIC_NAMES) },
  { weight: 40, arbitrary: tokenBytes },
  { weight: 40, arbitrary: anyBytes },
  { weight: 20, arbitrary: fc.constant(EMPTY) },
  { weight: 1, arbitrary: longBytes(16_385, 20_000) },
);

export const fieldValue: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 400, arbitrary: fc.constantFrom(...POOL_VALUES) },
  { weight: 100, arbitrary: fc.constantFrom(...STATIC_VALUES) },
  { weight: 120, arbitrary: anyBytes },
  { weight: 80, arbitrary: fc.constant(EMPTY) },
  { weight: 2, arbitrary: longBytes(16_385, 40_000) },
  // Past libnghttp2's NGHTTP2_HD_MAX_NV (65536): a latitude rule, not a bug.
  { weight: 1, arbitrary: longBytes(65_537, 66_000) },
);

/** About one field in twelve is sensitive: it must travel never-indexed (RFC 7541 §6.2.3, §7.1.3). */
export const headerField: fc.Arbitrary<InputField> = fc
  .tuple(fieldName, fieldValue, fc.nat(11))
  .map(([name, value, roll]): InputField => (roll === 0 ? [name, value, { sensitive: true }] : [name, value]));

export const headerList: fc.Arbitrary<InputField[]> = fc.array(headerField, { maxLength: 10 });
