// The one interface every HPACK implementation is driven through: ours, the
// oracles (libnghttp2, hpack.js) and a user's module given to `--impl`.
// It is the seed's API (nghttp2's Python HDDeflater/HDInflater), so any
// implementation of that API plugs in without an adapter.

/** A name or value: a string is sent as UTF-8. */
export type FieldPart = string | Uint8Array;
/** A header field; the optional third element marks it sensitive (never indexed). */
export type InputField = readonly [FieldPart, FieldPart] | readonly [FieldPart, FieldPart, { sensitive?: boolean }];
export type DecodedField = [Uint8Array, Uint8Array];

export interface TableEntryLike {
  name: FieldPart;
  value: FieldPart;
}

export interface DeflaterLike {
  deflate(headers: readonly InputField[]): Uint8Array;
  changeTableSize(size: number): void;
  getHdTable(): TableEntryLike[];
}

export interface InflaterLike {
  inflate(block: Uint8Array): DecodedField[];
  changeTableSize(size: number): void;
  getHdTable(): TableEntryLike[];
}

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
