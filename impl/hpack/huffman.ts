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

// Each symbol's code and length in one integer, code << 5 | length, for
// codes of up to 24 bits: one table load per char where a length table and
// a code table took two. Codes longer than 24 bits (bytes that are rare in
// headers) have only their length here and are pushed in two parts, so the
// accumulator (< 8 pending bits + at most 24 new ones) always fits in 31 bits.
const LENGTH_BITS = 5;
const LENGTH_MASK = (1 << LENGTH_BITS) - 1;
const HIGH_SHIFT = 16;
const CODE_AND_LENGTH = new Int32Array(256);
const CODE_HIGH = new Int32Array(256);
const CODE_LOW = new Int32Array(256);
for (let sym = 0; sym < 256; sym++) {
  const len = HUFFMAN_LENGTHS[sym]!;
  const code = HUFFMAN_CODES[sym]!;
  if (len > 24) {
    CODE_AND_LENGTH[sym] = len;
    CODE_HIGH[sym] = Math.floor(code / 2 ** HIGH_SHIFT);
    CODE_LOW[sym] = code % 2 ** HIGH_SHIFT;
  } else {
    CODE_AND_LENGTH[sym] = (code << LENGTH_BITS) | len;
  }
}

/**
 * Writes the Huffman encoding of byte string `s`, padded with the most
 * significant bits of EOS, i.e. ones (RFC 7541 §5.2). The caller has
 * written the length prefix: `encodedLength` is the room to make, at least
 * huffmanEncodedLength(s), which it has computed to decide on Huffman (a
 * second pass over every string cost about 5 % of encoding a header list),
 * or a bound when it decides after encoding.
 *
 * The accumulator keeps the bits already written above the pending ones:
 * shifts push them out of its 32 bits, and a byte store keeps only the low
 * 8 bits of what it is given, so they never reach the output, and masking
 * them off after every char is not needed. With the one table load: 5.9
 * -> 4.7 ns a char, Huffman-coding the raw-data stories' values.
 *
 * Returns the bitwise OR of the chars: below 0x80 when all are ASCII. That
 * test costs one OR per char here, where a pass of its own took about 18 ns
 * a value (Buffer.byteLength, the fastest way found). A char above 0xff
 * reads past the table's end (undefined: a length and code of 0, so nothing
 * is written for it), and its string is discarded by the caller.
 *
 * The byte after the encoding may be written too (past `w.len`: later
 * writes overwrite it), so this makes room for `encodedLength` + 1 bytes.
 */
export function huffmanEncode(w: ByteWriter, s: string, encodedLength = huffmanEncodedLength(s)): number {
  w.reserve(encodedLength + 1);
  const buf = w.buf;
  let pos = w.len;
  let acc = 0;
  let bits = 0;
  let chars = 0;
  for (let i = 0; i < s.length; i++) {
    const sym = s.charCodeAt(i);
    chars |= sym;
    const entry = CODE_AND_LENGTH[sym]!;
    const len = entry & LENGTH_MASK;
    if (len <= 16) {
      // Fewer than 8 bits pending, so at most 23 now: the two bytes that
      // may be whole are stored, whole or not, and the position moves past
      // those that are (a store past them is overwritten by the next one,
      // or lies past the end). No test on the count of whole bytes, which
      // the processor guessed wrong often: encoding the raw-data stories
      // +0 to +12 % (CPU time, same run).
      acc = (acc << len) | (entry >>> LENGTH_BITS);
      bits += len;
      buf[pos] = acc >>> (bits - 8);
      buf[pos + 1] = acc >>> (bits - 16);
      pos += bits >>> 3;
      bits &= 7;
      continue;
    }
    if (len > 24) {
      acc = (acc << (len - HIGH_SHIFT)) | CODE_HIGH[sym]!;
      bits += len - HIGH_SHIFT;
      while (bits >= 8) {
        bits -= 8;
        buf[pos++] = acc >>> bits;
      }
      acc = (acc << HIGH_SHIFT) | CODE_LOW[sym]!;
      bits += HIGH_SHIFT;
    } else {
      acc = (acc << len) | (entry >>> LENGTH_BITS);
      bits += len;
    }
    while (bits >= 8) {
      bits -= 8;
      buf[pos++] = acc >>> bits;
    }
  }
  if (bits > 0) buf[pos++] = (acc << (8 - bits)) | (0xff >>> bits);
  w.len = pos;
  return chars;
}

/**
 * Decodes the Huffman string `src[start, end)` into `out` from index
 * `outStart` (default 0) and returns the decoded length. Throws HPACK_FIELD_TOO_LONG when the result
 * would exceed `maxLength` (out must hold at least min(maxLength, 2 * (end -
 * start)) bytes: codes are at least 5 bits, so each input byte yields at most
 * 1.6 symbols) from `outStart`), HPACK_HUFFMAN_EOS and HPACK_HUFFMAN_PADDING per RFC 7541 §5.2.
 * `blockOffset` is added to error offsets. `out` may be written one byte
 * past the decoded length.
 *
 * When the limit cannot be reached (valid codes are at least 5 bits, so at
 * most 8/5 symbols a byte), the loop has no branch but its own: each byte
 * stores both of its entry's symbol slots and counts only the symbols it
 * has, and a failure is looked for once at the end, then found where it is
 * by the checking loop. The two tests per byte on the symbol count, which
 * the processor guesses wrong often, were dropped so: decoding the nghttp2
 * stories +5 to +14 % (CPU time, same run).
 */
export function huffmanDecode(src: Uint8Array, start: number, end: number, out: Uint8Array, maxLength: number, blockOffset: number, outStart = 0): number {
  if (Math.floor(((end - start) * 8) / 5) > maxLength) return huffmanDecodeChecked(src, start, end, out, maxLength, blockOffset, outStart);
  let state = 0;
  let entry = BYTE_ACCEPT;
  let seen = 0;
  let n = outStart;
  for (let i = start; i < end; i++) {
    entry = BYTE_DECODE[(state << 8) | src[i]!]!;
    // A byte store keeps the low 8 bits: the symbol slots need no mask.
    out[n] = entry >>> 8;
    out[n + 1] = entry >>> 16;
    n += (entry >>> BYTE_COUNT_SHIFT) & 3;
    seen |= entry;
    state = entry & 0xff;
  }
  if (seen & BYTE_FAIL) return huffmanDecodeChecked(src, start, end, out, maxLength, blockOffset, outStart);
  if (!(entry & BYTE_ACCEPT)) throw paddingError(blockOffset + end - 1);
  return n - outStart;
}

/** huffmanDecode, checking the limit and for EOS at every byte, so that each error is raised where it is. */
function huffmanDecodeChecked(src: Uint8Array, start: number, end: number, out: Uint8Array, maxLength: number, blockOffset: number, outStart: number): number {
  let state = 0;
  let entry = BYTE_ACCEPT;
  let n = outStart;
  const limit = outStart + maxLength;
  for (let i = start; i < end; i++) {
    entry = BYTE_DECODE[(state << 8) | src[i]!]!;
    const count = (entry >>> BYTE_COUNT_SHIFT) & 3;
    if (count !== 0) {
      // The symbols come before a failure in the same byte: too long is reported first, as symbol by symbol.
      if (n + count > limit) throw tooLong(blockOffset + i, maxLength);
      out[n++] = (entry >>> 8) & 0xff;
      if (count === 2) out[n++] = (entry >>> 16) & 0xff;
    }
    if (entry & BYTE_FAIL) throw new HPACKError('HPACK_HUFFMAN_EOS', blockOffset + i, 'Huffman string contains EOS');
    state = entry & 0xff;
  }
  if (!(entry & BYTE_ACCEPT)) throw paddingError(blockOffset + end - 1);
  return n - outStart;
}

function paddingError(offset: number): HPACKError {
  return new HPACKError('HPACK_HUFFMAN_PADDING', offset, 'Huffman padding is longer than 7 bits or not all ones');
}

/*
 * The decoder's table by whole bytes, composed at load from the generated
 * 4-bit one (two transitions per byte): [state * 256 + byte] = next state |
 * first symbol << 8 | second symbol << 16 | symbols emitted << 24 | FAIL |
 * ACCEPT (of the state after the byte). Codes are at least 5 bits, so a byte
 * completes at most two; on EOS the byte's count holds what came before it.
 * One lookup and one branch per byte instead of two of each: decoding the
 * nghttp2 stories +8 to +10 % (CPU time, same run). 256 states: 256 KiB.
 */
const BYTE_COUNT_SHIFT = 24;
const BYTE_FAIL = 1 << 26;
const BYTE_ACCEPT = 1 << 27;
const STATES = HUFFMAN_DECODE.length / 16;
const BYTE_DECODE = new Uint32Array(STATES * 256);
for (let from = 0; from < STATES; from++) {
  for (let b = 0; b < 256; b++) {
    let state = from;
    let count = 0;
    let symbols = 0;
    let flags = 0;
    for (const nibble of [b >>> 4, b & 15]) {
      const e = HUFFMAN_DECODE[(state << 4) | nibble]!;
      if (e & HUFFMAN_DECODE_FAIL) {
        flags = BYTE_FAIL;
        break;
      }
      if (e & HUFFMAN_DECODE_EMIT) symbols |= ((e >>> 8) & 0xff) << (8 * count++);
      state = e & 0xff;
      flags = e & HUFFMAN_DECODE_ACCEPT ? BYTE_ACCEPT : 0;
    }
    BYTE_DECODE[(from << 8) | b] = (state | (symbols << 8) | (count << BYTE_COUNT_SHIFT) | flags) >>> 0;
  }
}

function tooLong(offset: number, max: number): HPACKError {
  return new HPACKError('HPACK_FIELD_TOO_LONG', offset, `decoded string longer than maxFieldLength ${max}`);
}
