// The RFC 9113 protocol core, sans-I/O. See connection.ts for the entry point.
export { ServerConnection, CLIENT_PREFACE, DEFAULT_SETTINGS_TIMEOUT, type ConnectionOptions } from './connection.js';
export type { H2Event } from './events.js';
export { ErrorCode, errorCodeName, type ErrorCodeName } from './error-codes.js';
export { ConnectionError, StreamError, Http2Error, Http2UsageError, type Initiator } from './errors.js';
export { FrameType, Flag, type Frame, type FrameHeader, type PriorityFields, type SettingPair } from './frame-types.js';
export { FrameSplitter, decodeFrameHeader, parseFrame } from './frame-decoder.js';
export * from './frame-encoder.js';
export { SettingId, DEFAULT_SETTINGS, type Settings } from './settings.js';
export { DEFAULT_LIMITS, type ConnectionLimits } from './limits.js';
export type { HeaderCodec, HeaderCodecFactory, FieldEncoder, FieldDecoder } from './header-codec.js';
export type { FieldList, FieldInput } from './fields.js';
export { CONNECTION_SPECIFIC_FIELDS } from './fields.js';
export type { RequestHead } from './request-validation.js';
export type { StreamState } from './stream-state.js';
