// String literal representation, RFC 7541 §5.2: H bit, 7-bit-prefix length,
// then raw or Huffman-coded bytes.
import { HPACKError } from './errors.js';
import type { ByteWriter } from './byte-writer.js';
import { encodeInteger, decodeInteger, type Cursor } from './integer.js';
import { huffmanEncode, huffmanEncodedLength, huffmanLengthIfShorter, huffmanDecode } from './huffman.js';
import type { BlockBytes } from './block-bytes.js';
import { isAscii } from './byte-string.js';

/**
 * From this length on, strings are measured for Huffman in chunks that may
 * stop early, and raw bytes are copied natively (one call for the whole
 * string, where the per-char loop costs about 1 ns a char); below it, the
 * plain loops are cheaper than the calls.
 */
const LONG_STRING = 256;

/**
 * Strings shorter than this are tested for ASCII as they are written (see
 * encodeStringLiteral); the deflater may hand them over before knowing
 * whether they are byte strings.
 */
export const SHORT_STRING = 0x7f;

/**
 * Writes byte string `s`, Huffman coded only when that is strictly shorter
 * than the raw bytes (as libnghttp2 decides), and returns whether every
 * char of `s` is below 0x80. A string shorter than SHORT_STRING learns that
 * from the pass that codes it, and may be any string: when this returns
 * false for one, what it wrote is to be discarded.
 */
export function encodeStringLiteral(w: ByteWriter, s: string): boolean {
  const n = s.length;
  if (n < SHORT_STRING) return encodeShortString(w, s);
  const huffLen = n < LONG_STRING ? huffmanEncodedLength(s) : huffmanLengthIfShorter(s);
  if (huffLen >= 0 && huffLen < n) {
    encodeInteger(w, huffLen, 7, 0x80);
    huffmanEncode(w, s, huffLen);
    return isAscii(s);
  }
  encodeInteger(w, n, 7, 0);
  if (n >= LONG_STRING) {
    w.writeLatin1(s);
    return isAscii(s);
  }
  w.reserve(n);
  const buf = w.buf;
  let pos = w.len;
  let chars = 0;
  for (let i = 0; i < s.length; i++) chars |= buf[pos++] = s.charCodeAt(i);
  w.len = pos;
  return chars < 0x80;
}

/** Bytes a Huffman code may take per char: the longest code is 30 bits (RFC 7541 Appendix B). */
const MAX_HUFFMAN_BYTES_PER_CHAR = 4;

/**
 * A string under 127 bytes: its length prefix is one byte whichever coding
 * wins (a 7-bit prefix, RFC 7541 §5.1, and Huffman only when shorter), so it
 * is Huffman-coded right away after that byte, and written raw over it only
 * when that was not shorter. One pass over the chars where measuring first
 * took two: encoding the raw-data stories +13 to +18 % (CPU time, same run).
 * The same pass tells whether the chars are ASCII (huffmanEncode).
 */
function encodeShortString(w: ByteWriter, s: string): boolean {
  const n = s.length;
  // The room huffmanEncode makes is made here first, so that it moves
  // nothing (reserve() may move the bytes to a new slab) once `start` is taken.
  const room = MAX_HUFFMAN_BYTES_PER_CHAR * n;
  w.reserve(1 + room + 1);
  const start = ++w.len;
  const chars = huffmanEncode(w, s, room);
  const huffLen = w.len - start;
  const buf = w.buf;
  if (huffLen < n) {
    buf[start - 1] = 0x80 | huffLen;
    return chars < 0x80;
  }
  buf[start - 1] = n;
  let pos = start;
  for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
  w.len = pos;
  return chars < 0x80;
}

/**
 * Reads a string literal at `cur.pos`, appends its bytes to `out` and
 * returns their number. The announced length is checked against the
 * remaining input and against `maxLength` before any room is made, so a few
 * wire bytes can never make the decoder allocate more than the limits allow.
 */
export function decodeStringLiteral(src: Uint8Array, end: number, cur: Cursor, maxLength: number, out: BlockBytes): number {
  const start = cur.pos;
  if (start >= end) throw new HPACKError('HPACK_TRUNCATED', start, 'header block ends before a string literal');
  const first = src[start]!;
  // A length below 127 fits the 7-bit prefix (RFC 7541 §5.1): read it inline.
  let len = first & 0x7f;
  if (len === 0x7f) len = decodeInteger(src, end, 7, cur);
  else cur.pos = start + 1;
  const body = cur.pos;
  if (len > end - body) throw new HPACKError('HPACK_TRUNCATED', start, `string literal announces ${len} bytes, ${end - body} remain`);
  if ((first & 0x80) === 0) {
    if (len > maxLength) throw new HPACKError('HPACK_FIELD_TOO_LONG', start, `string literal of ${len} bytes exceeds maxFieldLength ${maxLength}`);
    out.reserve(len);
    if (len >= LONG_STRING) {
      out.buf.set(src.subarray(body, body + len), out.len);
      out.len += len;
    } else {
      const buf = out.buf;
      let pos = out.len;
      for (let i = body; i < body + len; i++) buf[pos++] = src[i]!;
      out.len = pos;
    }
    cur.pos = body + len;
    return len;
  }
  // Each symbol takes at most 30 bits and padding at most 7 (RFC 7541 §5.2),
  // so this many bytes decode to at least ceil((8 * len - 7) / 30) bytes.
  if (Math.ceil((8 * len - 7) / 30) > maxLength) {
    throw new HPACKError('HPACK_FIELD_TOO_LONG', start, `Huffman string of ${len} bytes decodes to more than maxFieldLength ${maxLength}`);
  }
  // Each Huffman code is at least 5 bits: len bytes decode to at most 8*len/5 symbols (and huffmanDecode may write one byte past them).
  out.reserve(Math.min(maxLength, Math.floor((len * 8) / 5)) + 1);
  const n = huffmanDecode(src, body, body + len, out.buf, maxLength, 0, out.len);
  out.len += n;
  cur.pos = body + len;
  return n;
}
