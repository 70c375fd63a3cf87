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
  FieldSpans,
  HDTableEntry,
  HDInflaterOptions,
  TableEntryView,
  HeaderDeflater,
  HeaderInflater,
} from './hpack/index.js';
export { HTTP2Server, BaseRequestHandler, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT } from './server/index.js';
export type { HTTP2ServerOptions, ServerAddress, HandlerContext, RequestHandlerClass, ResponseOptions, PushOptions, HeaderPairs, ResponseBody, Logger } from './server/index.js';
export {
  ServerConnection,
  CLIENT_PREFACE,
  DEFAULT_SETTINGS_TIMEOUT,
  ErrorCode,
  errorCodeName,
  ConnectionError,
  StreamError,
  Http2Error,
  Http2UsageError,
  DEFAULT_LIMITS,
  SettingId,
  DEFAULT_SETTINGS,
  CONNECTION_SPECIFIC_FIELDS,
} from './http2/index.js';
// Every type an H2Event, a ServerConnection call or a header codec mentions, so a user needs no deep import.
export type {
  H2Event,
  ConnectionLimits,
  ConnectionOptions,
  ErrorCodeName,
  Initiator,
  FieldList,
  FieldInput,
  RequestHead,
  Settings,
  PriorityFields,
  StreamState,
  HeaderCodec,
  HeaderCodecFactory,
  FieldEncoder,
  FieldDecoder,
} from './http2/index.js';
