// Header fields that reach HPACK's corners: names and values repeated often
// enough to hit the dynamic table (indexed and name-indexed representations),
// static-table names and pairs (RFC 7541 Appendix A), empty strings, every
// byte value, and strings over 16 KiB so string lengths need multi-byte
// integers (RFC 7541 §5.1) — a few even pass libnghttp2's 64 KiB field limit.
import type { InputField } from '../../peers/hpack-implementation.js';
import { POOL_NAMES, POOL_VALUES, STATIC_NAMES, STATIC_VALUES } from './field-pools.js';
import type { Draw } from './random-draws.js';
import { arrayOf, bytes, pick, weighted } from './random-draws.js';

const EMPTY = new Uint8Array(0);
const empty: Draw<Uint8Array> = () => EMPTY;

/** A short pattern repeated to a length past 16 KiB: cheap to generate, and it shrinks by length. */
function longBytes(minLength: number, maxLength: number): Draw<Uint8Array> {
  const pattern = bytes(1, 4);
  return (r) => {
    const p = pattern(r);
    // One allocation, filled natively.
    const out = new Uint8Array(r.nextInt(minLength, maxLength));
    Buffer.from(out.buffer).fill(p);
    return out;
  };
}

const anyBytes = bytes(0, 24);
/** Lower-case token characters: what HTTP allows in names, and what Huffman codes shortest. */
const TOKEN = Uint8Array.from('abcdefghijklmnopqrstuvwxyz0123456789-', (c) => c.charCodeAt(0));
const tokenBytes: Draw<Uint8Array> = (r) => {
  const out = new Uint8Array(r.nextInt(1, 16));
  for (let i = 0; i < out.length; i++) out[i] = TOKEN[r.nextInt(0, TOKEN.length - 1)]!;
  return out;
};

// Weights are out of a few hundred so that long strings stay rare enough for
// throughput (about one field in 200 has a string over 16 KiB, one in 1000 over 64 KiB).
export const fieldName: Draw<Uint8Array> = weighted([
  [120, pick(POOL_NAMES)],
  [80, pick(STATIC_NAMES)],
  [40, tokenBytes],
  [40, anyBytes],
  [20, empty],
  [1, longBytes(16_385, 20_000)],
]);

export const fieldValue: Draw<Uint8Array> = weighted([
  [400, pick(POOL_VALUES)],
  [100, pick(STATIC_VALUES)],
  [120, anyBytes],
  [80, empty],
  [2, longBytes(16_385, 40_000)],
  // Past libnghttp2's NGHTTP2_HD_MAX_NV (65536): a latitude rule, not a bug.
  [1, longBytes(65_537, 66_000)],
]);

/** About one field in twelve is sensitive: it must travel never-indexed (RFC 7541 §6.2.3, §7.1.3). */
export const headerField: Draw<InputField> = (r) => {
  const name = fieldName(r);
  const value = fieldValue(r);
  return r.nextInt(0, 11) === 0 ? [name, value, { sensitive: true }] : [name, value];
};

export const headerList: Draw<InputField[]> = arrayOf(headerField, 0, 10);
