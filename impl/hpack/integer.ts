// Integer representation, RFC 7541 §5.1: an N-bit prefix, then 7-bit groups
// least significant first, the high bit saying "more follows".
import { HPACKError } from './errors.js';
import type { ByteWriter } from './byte-writer.js';

/**
 * Largest value the decoder accepts: 2^32 - 1. Every quantity HPACK carries
 * (index, string length, table size) fits; RFC 7541 §5.1 lets a decoder
 * treat larger integers as a decoding error.
 */
export const MAX_INTEGER = 0xffffffff;

/** Cursor shared by the decoders: they read from `pos` and advance it. */
export interface Cursor {
  pos: number;
}

/**
 * Writes `value` with a `prefixBits`-bit prefix (1..8); `firstByteFlags` are
 * the representation's pattern bits above the prefix (RFC 7541 §5.1).
 */
export function encodeInteger(w: ByteWriter, value: number, prefixBits: number, firstByteFlags: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    w.push(firstByteFlags | value);
    return;
  }
  w.push(firstByteFlags | max);
  let rest = value - max;
  while (rest >= 128) {
    w.push((rest % 128) | 128);
    rest = Math.floor(rest / 128);
  }
  w.push(rest);
}

/** Bytes encodeInteger would write. */
export function integerLength(value: number, prefixBits: number): number {
  const max = (1 << prefixBits) - 1;
  if (value < max) return 1;
  let n = 2;
  for (let rest = value - max; rest >= 128; rest = Math.floor(rest / 128)) n++;
  return n;
}

/**
 * Reads an integer whose prefix is the low `prefixBits` bits of
 * `src[cur.pos]`, advancing `cur.pos` past it. Rejects values above
 * MAX_INTEGER (HPACK_INTEGER_OVERFLOW), redundant trailing zero groups
 * (HPACK_INTEGER_OVERLONG: a value has one shortest encoding) and input
 * that ends early (HPACK_TRUNCATED).
 */
export function decodeInteger(src: Uint8Array, end: number, prefixBits: number, cur: Cursor): number {
  const start = cur.pos;
  if (start >= end) throw new HPACKError('HPACK_TRUNCATED', start, 'header block ends before an integer');
  const max = (1 << prefixBits) - 1;
  let value = src[start]! & max;
  let pos = start + 1;
  if (value < max) {
    cur.pos = pos;
    return value;
  }
  let shift = 1; // 128^k as a float: exact up to 2^53
  for (let groups = 0; ; groups++) {
    if (pos >= end) throw new HPACKError('HPACK_TRUNCATED', start, 'header block ends inside an integer');
    const b = src[pos++]!;
    // 5 groups hold 35 bits, more than MAX_INTEGER needs: a 6th is overflow.
    if (groups === 5) throw new HPACKError('HPACK_INTEGER_OVERFLOW', start, 'integer longer than 5 continuation bytes');
    value += (b & 127) * shift;
    if (value > MAX_INTEGER) throw new HPACKError('HPACK_INTEGER_OVERFLOW', start, `integer above ${MAX_INTEGER}`);
    if (b < 128) {
      if (b === 0 && groups > 0) throw new HPACKError('HPACK_INTEGER_OVERLONG', start, 'integer has a redundant zero continuation byte');
      cur.pos = pos;
      return value;
    }
    shift *= 128;
  }
}
