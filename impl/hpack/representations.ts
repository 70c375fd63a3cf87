// One encoder per field representation of RFC 7541 §6, each writing into a
// ByteWriter. Names and values are byte strings (see byte-string.ts).
import type { ByteWriter } from './byte-writer.js';
import { encodeInteger } from './integer.js';
import { encodeStringLiteral } from './string-literal.js';

/** How a literal field is sent (RFC 7541 §6.2). */
export enum Indexing {
  /** §6.2.1 Literal Header Field with Incremental Indexing. */
  With = 0,
  /** §6.2.2 Literal Header Field without Indexing. */
  Without = 1,
  /** §6.2.3 Literal Header Field Never Indexed. */
  Never = 2,
}

/** §6.1 Indexed Header Field: pattern 1, 7-bit index. */
export function encodeIndexedField(w: ByteWriter, index: number): void {
  encodeInteger(w, index, 7, 0x80);
}

/**
 * §6.2.1-§6.2.3 literal field; `nameIndex` 0 sends the name as a literal.
 * Patterns: 01 + 6-bit index (with indexing), 0000 + 4-bit (without),
 * 0001 + 4-bit (never indexed). Returns whether the strings written (the
 * value, and the name when literal) are ASCII, as encodeStringLiteral does.
 */
export function encodeLiteralField(w: ByteWriter, indexing: Indexing, nameIndex: number, name: string, value: string): boolean {
  if (indexing === Indexing.With) encodeInteger(w, nameIndex, 6, 0x40);
  else encodeInteger(w, nameIndex, 4, indexing === Indexing.Never ? 0x10 : 0x00);
  const nameAscii = nameIndex !== 0 || encodeStringLiteral(w, name);
  return encodeStringLiteral(w, value) && nameAscii;
}

/** §6.3 Dynamic Table Size Update: pattern 001, 5-bit size. */
export function encodeSizeUpdate(w: ByteWriter, size: number): void {
  encodeInteger(w, size, 5, 0x20);
}
