// Typed HPACK decoding errors. An HTTP/2 endpoint maps every one of them to a
// connection error of type COMPRESSION_ERROR (RFC 9113 §4.3), so the inflater
// raises nothing else for bad input. Wrong arguments are API misuse and stay
// TypeError / RangeError.

/** Every code an HPACKError can carry. The strings are stable: match on them. */
export const HPACK_ERROR_CODES = [
  /** Indexed field or name reference beyond the static + dynamic table (RFC 7541 §2.3.3). */
  'HPACK_INDEX_OUT_OF_RANGE',
  /** Indexed field with index 0 (RFC 7541 §6.1). */
  'HPACK_INDEX_ZERO',
  /** Integer above 2^32 - 1, the bound this implementation accepts (RFC 7541 §5.1). */
  'HPACK_INTEGER_OVERFLOW',
  /** Integer with redundant zero continuation bytes (RFC 7541 §5.1). */
  'HPACK_INTEGER_OVERLONG',
  /** The block ends inside an integer, a string or a representation. */
  'HPACK_TRUNCATED',
  /** A Huffman string contains the EOS symbol (RFC 7541 §5.2). */
  'HPACK_HUFFMAN_EOS',
  /** Huffman padding longer than 7 bits or not a prefix of EOS (RFC 7541 §5.2). */
  'HPACK_HUFFMAN_PADDING',
  /** Dynamic table size update above the limit set by changeTableSize (RFC 7541 §6.3). */
  'HPACK_SIZE_UPDATE_TOO_LARGE',
  /** Dynamic table size update after a field in the same block (RFC 7541 §4.2). */
  'HPACK_SIZE_UPDATE_NOT_AT_START',
  /** The limit was lowered but the block does not start with a size update at or below it (RFC 7541 §4.2). */
  'HPACK_SIZE_UPDATE_MISSING',
  /** Sum of name + value + 32 over the block's fields exceeds maxHeaderListSize. */
  'HPACK_HEADER_LIST_TOO_LARGE',
  /** A name or value longer than maxFieldLength. */
  'HPACK_FIELD_TOO_LONG',
  /** An earlier block failed: the dynamic table can no longer be trusted. */
  'HPACK_INFLATER_UNUSABLE',
  /** A bug in this implementation, reported as a decoding error rather than a crash. */
  'HPACK_INTERNAL',
] as const;

export type HPACKErrorCode = (typeof HPACK_ERROR_CODES)[number];

export class HPACKError extends Error {
  override name = 'HPACKError';
  /** Stable machine-readable reason, one of HPACK_ERROR_CODES. */
  readonly code: HPACKErrorCode;
  /** Byte offset in the header block where the problem was found. */
  readonly offset: number;

  constructor(code: HPACKErrorCode, offset: number, message: string, options?: { cause?: unknown }) {
    super(`${message} (${code} at byte ${offset})`, options);
    this.code = code;
    this.offset = offset;
  }
}
