// Public types of the HPACK API: the one nghttp2 offered to Python
// (HDDeflater, HDInflater), kept so code written for it ports unchanged.

/** A header name or value: a string is sent as its UTF-8 bytes. */
export type FieldPart = string | Uint8Array;

/** Per-field options. `sensitive: true` sends the field as "never indexed" (RFC 7541 §6.2.3). */
export interface FieldOptions {
  sensitive?: boolean;
}

/** One header field to deflate: `[name, value]` or `[name, value, { sensitive: true }]`. */
export type HeaderField = readonly [FieldPart, FieldPart] | readonly [FieldPart, FieldPart, FieldOptions | undefined];

/** A header list as given to `deflate`. */
export type HeaderList = readonly HeaderField[];

/** A decoded field: `inflate` returns bytes, as the seed returned Python bytes. */
export type DecodedField = [Uint8Array, Uint8Array];

/**
 * A decoded block's fields in place (HDInflater.inflateSpans): the first
 * field's name starts at `bytes[start]`; field k's name is the `lengths[2k]`
 * bytes after the fields before it, its value the `lengths[2k+1]` bytes
 * after that. Borrowed: valid until the next block is decoded, by any
 * inflater (the object too is reused).
 */
export interface FieldSpans {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly lengths: Int32Array;
  readonly count: number;
}

/** A dynamic table entry as returned by getHdTable(); index 1 is the newest. */
export interface HDTableEntry {
  readonly name: Uint8Array;
  readonly value: Uint8Array;
  /** Size the entry occupies in the table: name + value + 32 (RFC 7541 §4.1). */
  space(): number;
}

/** Limits of an HDInflater; all optional. */
export interface HDInflaterOptions {
  /**
   * Maximum dynamic table size the decoder allows (SETTINGS_HEADER_TABLE_SIZE,
   * RFC 7541 §4.2). Default DEFAULT_HEADER_TABLE_SIZE (4096).
   */
  maxTableSize?: number;
  /** Maximum sum of name + value + 32 over one block's fields. Default 65536; Infinity allowed. */
  maxHeaderListSize?: number;
  /** Maximum length of one decoded name or value. Default 65536; Infinity allowed. */
  maxFieldLength?: number;
}

/** A dynamic table entry as any implementation shows it: bytes, or a string for those that speak strings. */
export interface TableEntryView {
  readonly name: FieldPart;
  readonly value: FieldPart;
}

/**
 * The deflater side of the seed's API: what the HTTP/2 core encodes with,
 * and what the fuzzers drive in every implementation (ours, the oracles, an
 * `--impl` module). HDDeflater is one.
 */
export interface HeaderDeflater {
  deflate(headers: HeaderList): Uint8Array;
  changeTableSize(size: number): void;
  getHdTable(): TableEntryView[];
  /** The table's size (RFC 7541 §4.1) without copying it out; optional beyond the seed's API (ours and libnghttp2 have it). */
  dynamicTableSize?(): number;
}

/** The inflater side of the seed's API; HDInflater is one. */
export interface HeaderInflater {
  inflate(block: Uint8Array): DecodedField[];
  changeTableSize(size: number): void;
  getHdTable(): TableEntryView[];
  /** The table's size (RFC 7541 §4.1) without copying it out; optional beyond the seed's API (ours and libnghttp2 have it). */
  dynamicTableSize?(): number;
}
