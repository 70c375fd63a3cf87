// Huffman coding of string literals, RFC 7541 §5.2 with the code of
// Appendix B (tables generated into huffman-table.ts).
import { HPACKError } from './errors.js';
import type { ByteWriter } from './byte-writer.js';
import {
  HUFFMAN_CODES,
  HUFFMAN_LENGTHS,
  HUFFMAN_DECODE,
  HUFFMAN_DECODE_EMIT,
  HUFFMAN_DECODE_FAIL,
  HUFFMAN_DECODE_ACCEPT,
} from './huffman-table.js';

/** Bytes the Huffman encoding of byte string `s` takes (padding included). */
export function huffmanEncodedLength(s: string): number {
  let bits = 0;
  for (let i = 0; i < s.length; i++) bits += HUFFMAN_LENGTHS[s.charCodeAt(i)]!;
  return (bits + 7) >>> 3;
}

/** Strings at least this long are measured in chunks that may stop early (see huffmanLengthIfShorter). */
const CHUNK = 64;
/** The shortest code of RFC 7541 Appendix B, in bits. */
const SHORTEST_CODE = 5;

/**
 * huffmanEncodedLength(s) when that is strictly less than s.length (Huffman
 * pays), else -1. Long strings are measured in chunks, and the count stops
 * as soon as even the shortest code for every remaining char could not make
 * Huffman pay: binary junk (the fuzzers' 16 to 66 KB fields) is given up on
 * after a few chunks instead of a pass over every char (that pass took 9 %
 * of a fuzz run against libnghttp2).
 */
export function huffmanLengthIfShorter(s: string): number {
  const n = s.length;
  // Huffman pays when ceil(bits / 8) < n, i.e. bits <= 8 * (n - 1).
  const budget = 8 * (n - 1);
  let bits = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    for (let i = from; i < to; i++) bits += HUFFMAN_LENGTHS[s.charCodeAt(i)]!;
    if (bits + SHORTEST_CODE * (n - to) > budget) return -1;
  }
  return (bits + 7) >>> 3;
}

// Codes longer than 24 bits are pushed in two parts so the accumulator
// (< 8 pending bits + at most 24 new ones) always fits in 31 bits.
const HIGH_SHIFT = 16;
const CODE_HIGH = new Int32Array(256);
const CODE_LOW = new Int32Array(256);
for (let sym = 0; sym < 256; sym++) {
  const len = HUFFMAN_LENGTHS[sym]!;
  const code = HUFFMAN_CODES[sym]!;
  if (len > 24) {
    CODE_HIGH[sym] = Math.floor(code / 2 ** HIGH_SHIFT);
    CODE_LOW[sym] = code % 2 ** HIGH_SHIFT;
  } else {
    CODE_LOW[sym] = code;
  }
}

/**
 * Writes the Huffman encoding of byte string `s`, padded with the most
 * significant bits of EOS, i.e. ones (RFC 7541 §5.2). The caller has
 * written the length prefix: `encodedLength` is the room to make, at least
 * huffmanEncodedLength(s), which it has computed to decide on Huffman (a
 * second pass over every string cost about 5 % of encoding a header list),
 * or a bound when it decides after encoding.
 */
export function huffmanEncode(w: ByteWriter, s: string, encodedLength = huffmanEncodedLength(s)): void {
  w.reserve(encodedLength);
  const buf = w.buf;
  let pos = w.len;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const sym = s.charCodeAt(i);
    let len = HUFFMAN_LENGTHS[sym]!;
    if (len > 24) {
      acc = (acc << (len - HIGH_SHIFT)) | CODE_HIGH[sym]!;
      bits += len - HIGH_SHIFT;
      len = HIGH_SHIFT;
      while (bits >= 8) {
        bits -= 8;
        buf[pos++] = acc >>> bits;
      }
      acc &= (1 << bits) - 1;
    }
    acc = (acc << len) | CODE_LOW[sym]!;
    bits += len;
    while (bits >= 8) {
      bits -= 8;
      buf[pos++] = acc >>> bits;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) buf[pos++] = (acc << (8 - bits)) | (0xff >>> bits);
  w.len = pos;
}

/**
 * Decodes the Huffman string `src[start, end)` into `out` from index
 * `outStart` (default 0) and returns the decoded length. Throws HPACK_FIELD_TOO_LONG when the result
 * would exceed `maxLength` (out must hold at least min(maxLength, 2 * (end -
 * start)) bytes: codes are at least 5 bits, so each input byte yields at most
 * 1.6 symbols) from `outStart`), HPACK_HUFFMAN_EOS and HPACK_HUFFMAN_PADDING per RFC 7541 §5.2.
 * `blockOffset` is added to error offsets.
 */
export function huffmanDecode(src: Uint8Array, start: number, end: number, out: Uint8Array, maxLength: number, blockOffset: number, outStart = 0): number {
  let state = 0;
  let entry = HUFFMAN_DECODE_ACCEPT;
  let n = outStart;
  const limit = outStart + maxLength;
  for (let i = start; i < end; i++) {
    const b = src[i]!;
    entry = HUFFMAN_DECODE[(state << 4) | (b >>> 4)]!;
    if (entry & HUFFMAN_DECODE_FAIL) throw new HPACKError('HPACK_HUFFMAN_EOS', blockOffset + i, 'Huffman string contains EOS');
    if (entry & HUFFMAN_DECODE_EMIT) {
      if (n >= limit) throw tooLong(blockOffset + i, maxLength);
      out[n++] = (entry >>> 8) & 0xff;
    }
    state = entry & 0xff;
    entry = HUFFMAN_DECODE[(state << 4) | (b & 15)]!;
    if (entry & HUFFMAN_DECODE_FAIL) throw new HPACKError('HPACK_HUFFMAN_EOS', blockOffset + i, 'Huffman string contains EOS');
    if (entry & HUFFMAN_DECODE_EMIT) {
      if (n >= limit) throw tooLong(blockOffset + i, maxLength);
      out[n++] = (entry >>> 8) & 0xff;
    }
    state = entry & 0xff;
  }
  if (!(entry & HUFFMAN_DECODE_ACCEPT)) {
    throw new HPACKError('HPACK_HUFFMAN_PADDING', blockOffset + end - 1, 'Huffman padding is longer than 7 bits or not all ones');
  }
  return n - outStart;
}

function tooLong(offset: number, max: number): HPACKError {
  return new HPACKError('HPACK_FIELD_TOO_LONG', offset, `decoded string longer than maxFieldLength ${max}`);
}
