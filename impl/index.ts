// The package's public entry (`import … from 'h2harness'`): re-exports only.
export {
  HDDeflater,
  HDInflater,
  printHdTable,
  DEFAULT_HEADER_TABLE_SIZE,
  DEFLATE_MAX_HEADER_TABLE_SIZE,
  DEFAULT_MAX_HEADER_LIST_SIZE,
  DEFAULT_MAX_FIELD_LENGTH,
  HPACKError,
  HPACK_ERROR_CODES,
} from './hpack/index.js';
export type {
  HPACKErrorCode,
  FieldPart,
  FieldOptions,
  HeaderField,
  HeaderList,
  DecodedField,
  HDTableEntry,
  HDInflaterOptions,
} from './hpack/index.js';
export { HTTP2Server, BaseRequestHandler } from './server/index.js';
export type { HTTP2ServerOptions, ServerAddress, HandlerContext, RequestHandlerClass, ResponseOptions, PushOptions, HeaderPairs, ResponseBody, Logger } from './server/index.js';
export { ServerConnection, ErrorCode, errorCodeName, ConnectionError, StreamError, Http2Error, Http2UsageError, DEFAULT_LIMITS } from './http2/index.js';
export type { H2Event, ConnectionLimits, ConnectionOptions } from './http2/index.js';
