// The one interface every HPACK implementation is driven through: ours, the
// oracles (libnghttp2, hpack.js) and a user's module given to `--impl`.
// It is the seed's API (nghttp2's Python HDDeflater/HDInflater), declared
// once in impl/hpack/types.ts (the core encodes through it too); the names
// below are the harness's words for it.
import type { DecodedField, FieldPart, HeaderDeflater, HeaderField, HeaderInflater, TableEntryView } from '../../impl/hpack/index.js';

export type { DecodedField, FieldPart };
/** A header field; the optional third element marks it sensitive (never indexed). */
export type InputField = HeaderField;
export type TableEntryLike = TableEntryView;
export type DeflaterLike = HeaderDeflater;
export type InflaterLike = HeaderInflater;

export interface HpackImplementation {
  /** Short name used in reports: `ours`, `nghttp2`, `hpackjs`, or the module path. */
  readonly name: string;
  createDeflater(maxTableSize?: number): DeflaterLike;
  createInflater(): InflaterLike;
  /** Releases native resources held by a deflater or inflater, when it has any. */
  release?(codec: DeflaterLike | InflaterLike): void;
}

const utf8 = new TextEncoder();

export function toBytes(part: FieldPart): Uint8Array {
  return typeof part === 'string' ? utf8.encode(part) : part;
}

/** A part as one character per octet: how peers that speak strings (hpack.js, node:http2, nghttp's -H) carry octets. */
export function latin1Of(part: FieldPart): string {
  const b = toBytes(part);
  // A Buffer view, not Buffer.from(b), which copies the bytes first (fields reach 66 KB in the fuzzers).
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/** The octets of a string that holds one character per octet (the inverse of latin1Of). */
export function latin1Bytes(s: string): Uint8Array {
  const b = Buffer.from(s, 'latin1');
  // A plain Uint8Array over the same memory: Buffer's slice() is a view where Uint8Array's is a copy.
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}
