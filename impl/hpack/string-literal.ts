// String literal representation, RFC 7541 §5.2: H bit, 7-bit-prefix length,
// then raw or Huffman-coded bytes.
import { HPACKError } from './errors.js';
import type { ByteWriter } from './byte-writer.js';
import { encodeInteger, decodeInteger, type Cursor } from './integer.js';
import { huffmanEncode, huffmanEncodedLength, huffmanDecode } from './huffman.js';

/**
 * Writes byte string `s`, Huffman coded only when that is strictly shorter
 * than the raw bytes (as libnghttp2 decides).
 */
export function encodeStringLiteral(w: ByteWriter, s: string): void {
  const huffLen = huffmanEncodedLength(s);
  if (huffLen < s.length) {
    encodeInteger(w, huffLen, 7, 0x80);
    huffmanEncode(w, s);
    return;
  }
  encodeInteger(w, s.length, 7, 0);
  w.reserve(s.length);
  const buf = w.buf;
  let pos = w.len;
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  w.len = pos;
}

/** Reused output space for Huffman decoding (grows up to the field limit). */
export class DecodeScratch {
  buf = new Uint8Array(1024);
}

/**
 * Reads a string literal at `cur.pos` and returns a fresh copy of its bytes.
 * The announced length is checked against the remaining input and against
 * `maxLength` before anything is allocated, so a few wire bytes can never
 * make the decoder allocate more than the limits allow.
 */
export function decodeStringLiteral(src: Uint8Array, end: number, cur: Cursor, maxLength: number, scratch: DecodeScratch): Uint8Array {
  const start = cur.pos;
  if (start >= end) throw new HPACKError('HPACK_TRUNCATED', start, 'header block ends before a string literal');
  const huffman = (src[start]! & 0x80) !== 0;
  const len = decodeInteger(src, end, 7, cur);
  const body = cur.pos;
  if (len > end - body) throw new HPACKError('HPACK_TRUNCATED', start, `string literal announces ${len} bytes, ${end - body} remain`);
  if (!huffman) {
    if (len > maxLength) throw new HPACKError('HPACK_FIELD_TOO_LONG', start, `string literal of ${len} bytes exceeds maxFieldLength ${maxLength}`);
    cur.pos = body + len;
    return src.slice(body, body + len);
  }
  // Each symbol takes at most 30 bits and padding at most 7 (RFC 7541 §5.2),
  // so this many bytes decode to at least ceil((8 * len - 7) / 30) bytes.
  if (Math.ceil((8 * len - 7) / 30) > maxLength) {
    throw new HPACKError('HPACK_FIELD_TOO_LONG', start, `Huffman string of ${len} bytes decodes to more than maxFieldLength ${maxLength}`);
  }
  // Each Huffman code is at least 5 bits: len bytes decode to at most 8*len/5 symbols.
  const bound = Math.min(maxLength, Math.floor((len * 8) / 5));
  if (scratch.buf.length < bound) scratch.buf = new Uint8Array(Math.max(bound, scratch.buf.length * 2));
  const n = huffmanDecode(src, body, body + len, scratch.buf, maxLength, 0);
  cur.pos = body + len;
  return scratch.buf.slice(0, n);
}
