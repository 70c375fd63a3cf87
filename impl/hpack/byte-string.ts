// The deflater works on "byte strings": JS strings whose char codes are the
// field's bytes (0..255). A string made only of ASCII is already one, so the
// common case needs no conversion, and a byte string is a ready Map key for
// the table lookups. Non-ASCII strings are UTF-8 encoded first.
import type { FieldPart } from './types.js';

const utf8 = new TextEncoder();

/** Whether every char of `s` is below 0x80 (for a byte string: every byte). */
export function isAscii(s: string): boolean {
  // Exactly when its UTF-8 takes one byte per char. Buffer.byteLength is one
  // fast native call: 16 ns for a typical header string where a charCodeAt
  // loop took 26 ns (encoding the raw-data stories: +3 to +8 %).
  return Buffer.byteLength(s, 'utf8') === s.length;
}

/** The bytes of `part` (UTF-8 for a string) as a byte string. */
export function toByteString(part: FieldPart): string {
  if (typeof part === 'string') return isAscii(part) ? part : bytesToByteString(utf8.encode(part));
  return bytesToByteString(part);
}

export function bytesToByteString(bytes: Uint8Array): string {
  const n = bytes.length;
  // One call with the bytes as its arguments: 20 % less than appending a
  // char at a time for 8 to 50 bytes, and one flat string.
  if (n < 64) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  // Node's latin1 decoder maps each byte to the char of that code, as the
  // loop does, in one native pass and into one flat string: 40 KB take 2 µs
  // this way and 90 µs through String.fromCharCode over 8 KiB chunks (a
  // rope that lookups then flatten again), 300 bytes 0.1 µs instead of 1.
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
}

export function byteStringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
