// impl/hpack public surface: RFC 7541 HPACK with the seed's API.
export { HDDeflater, DEFAULT_HEADER_TABLE_SIZE, DEFLATE_MAX_HEADER_TABLE_SIZE } from './deflater.js';
export { HDInflater, DEFAULT_MAX_HEADER_LIST_SIZE, DEFAULT_MAX_FIELD_LENGTH } from './inflater.js';
export { printHdTable } from './print-table.js';
export { HPACKError, HPACK_ERROR_CODES, type HPACKErrorCode } from './errors.js';
export type { FieldPart, FieldOptions, HeaderField, HeaderList, DecodedField, FieldSpans, HDTableEntry, HDInflaterOptions, TableEntryView, HeaderDeflater, HeaderInflater } from './types.js';
