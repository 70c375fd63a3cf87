// The frame-level rules of RFC 9113 a scenario can break, each with the
// exact outcomes a server is allowed: the error codes, whether it is a
// stream or connection error, and which latitude (if any) widens it. The
// judge (rfc-judge.ts) decides which rule a step breaks; the verdict
// (verdict.ts) checks a target's outcome against the rule.
import { ErrorCode as E } from '../../../impl/http2/error-codes.js';
import type { LatitudeRuleId } from './latitude-rules.js';

export interface RfcRule {
  readonly id: string;
  readonly section: string;
  readonly scope: 'connection' | 'stream';
  /** The error codes allowed (in RST_STREAM for a stream error, GOAWAY for a connection error). */
  readonly codes: readonly number[];
  /** Further outcomes the RFC allows, each as the latitude rule that allows it. */
  readonly also?: readonly LatitudeRuleId[];
  readonly what: string;
}

const rule = (id: string, section: string, scope: RfcRule['scope'], codes: number[], what: string, also: LatitudeRuleId[] = []): RfcRule => ({ id, section, scope, codes, what, also });

export const RFC_RULES = {
  'invalid-preface': rule('invalid-preface', '3.4', 'connection', [E.PROTOCOL_ERROR], 'the connection preface is damaged, or its first frame is not SETTINGS', ['bare-close']),
  'settings-enable-push-range': rule('settings-enable-push-range', '6.5.2', 'connection', [E.PROTOCOL_ERROR], 'SETTINGS_ENABLE_PUSH other than 0 or 1'),
  'settings-initial-window-range': rule('settings-initial-window-range', '6.5.2', 'connection', [E.FLOW_CONTROL_ERROR], 'SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1'),
  'settings-max-frame-size-range': rule('settings-max-frame-size-range', '6.5.2', 'connection', [E.PROTOCOL_ERROR], 'SETTINGS_MAX_FRAME_SIZE outside 16384..16777215'),
  'settings-window-change-overflow': rule('settings-window-change-overflow', '6.9.2', 'connection', [E.FLOW_CONTROL_ERROR], 'a SETTINGS_INITIAL_WINDOW_SIZE change makes an open stream\'s window exceed 2^31-1'),
  'frame-size': rule('frame-size', '4.2, 6.4, 6.5, 6.7, 6.9', 'connection', [E.FRAME_SIZE_ERROR], 'a frame of the wrong length for its type'),
  'priority-frame-size': rule('priority-frame-size', '6.3', 'stream', [E.FRAME_SIZE_ERROR], 'a PRIORITY frame not 5 octets long'),
  'stream-zero': rule('stream-zero', '6.1, 6.2, 6.3, 6.4, 6.10', 'connection', [E.PROTOCOL_ERROR], 'a stream frame on stream 0'),
  'connection-frame-on-stream': rule('connection-frame-on-stream', '6.5, 6.7, 6.8', 'connection', [E.PROTOCOL_ERROR], 'SETTINGS, PING or GOAWAY on a stream other than 0'),
  'field-block-interrupted': rule('field-block-interrupted', '4.3, 6.10', 'connection', [E.PROTOCOL_ERROR], 'another frame inside a field block (HEADERS without END_HEADERS not followed by its CONTINUATION)'),
  'continuation-other-stream': rule('continuation-other-stream', '6.10', 'connection', [E.PROTOCOL_ERROR], 'CONTINUATION on another stream than its HEADERS'),
  'continuation-without-headers': rule('continuation-without-headers', '6.10', 'connection', [E.PROTOCOL_ERROR], 'CONTINUATION with no field block open'),
  'even-stream-from-client': rule('even-stream-from-client', '5.1.1', 'connection', [E.PROTOCOL_ERROR], 'a client opened an even-numbered stream'),
  'stream-id-decreased': rule('stream-id-decreased', '5.1.1', 'connection', [E.PROTOCOL_ERROR], 'a new stream id not greater than every id used before'),
  'frame-on-idle-stream': rule('frame-on-idle-stream', '5.1, 6.4, 6.9', 'connection', [E.PROTOCOL_ERROR], 'DATA, RST_STREAM or WINDOW_UPDATE on an idle stream'),
  'frame-on-closed-stream': rule('frame-on-closed-stream', '5.1, 6.1', 'stream', [E.STREAM_CLOSED], 'DATA or HEADERS on a stream the client has ended or closed'),
  'padding-too-long': rule('padding-too-long', '6.1, 6.2', 'connection', [E.PROTOCOL_ERROR], 'a Pad Length not less than the frame payload'),
  'self-dependency': rule('self-dependency', '5.3.1', 'stream', [E.PROTOCOL_ERROR], 'a stream that depends on itself'),
  'too-many-streams': rule('too-many-streams', '5.1.2', 'stream', [E.PROTOCOL_ERROR, E.REFUSED_STREAM], 'a stream beyond the acknowledged SETTINGS_MAX_CONCURRENT_STREAMS'),
  'malformed-request': rule('malformed-request', '8.1.1, 8.2, 8.3.1', 'stream', [E.PROTOCOL_ERROR], 'a malformed request (pseudo-header fields, field names or values, connection-specific fields, content-length)', ['malformed-answered']),
  'trailers-without-end-stream': rule('trailers-without-end-stream', '8.1', 'stream', [E.PROTOCOL_ERROR], 'a second HEADERS on a stream without END_STREAM', ['malformed-answered']),
  'window-update-zero': rule('window-update-zero', '6.9', 'stream', [E.PROTOCOL_ERROR], 'WINDOW_UPDATE with an increment of 0 on a stream'),
  'window-update-zero-connection': rule('window-update-zero-connection', '6.9', 'connection', [E.PROTOCOL_ERROR], 'WINDOW_UPDATE with an increment of 0 on the connection'),
  'stream-window-overflow': rule('stream-window-overflow', '6.9.1', 'stream', [E.FLOW_CONTROL_ERROR], 'WINDOW_UPDATE makes a stream window exceed 2^31-1'),
  'connection-window-overflow': rule('connection-window-overflow', '6.9.1', 'connection', [E.FLOW_CONTROL_ERROR], 'WINDOW_UPDATE makes the connection window exceed 2^31-1'),
  'flow-control-exceeded': rule('flow-control-exceeded', '6.9.1', 'stream', [E.FLOW_CONTROL_ERROR], 'DATA beyond the window the server granted'),
  'push-promise-from-client': rule('push-promise-from-client', '8.4', 'connection', [E.PROTOCOL_ERROR], 'PUSH_PROMISE sent by a client'),
} as const satisfies Record<string, RfcRule>;

export type RfcRuleId = keyof typeof RFC_RULES;

/** Rules for what a conforming server must do on a valid exchange (no error code: an action). */
export const DUTIES = {
  'ping-acknowledged': { id: 'ping-acknowledged', section: '6.7', what: 'a PING must be answered with a PING ACK carrying the same opaque data' },
  'settings-acknowledged': { id: 'settings-acknowledged', section: '6.5.3', what: 'a valid SETTINGS must be acknowledged' },
  'request-answered': { id: 'request-answered', section: '8.1', what: 'a complete, valid request within the limits must get a response' },
  'no-error-without-cause': { id: 'no-error-without-cause', section: '5.4', what: 'no RST_STREAM or GOAWAY with an error when the client broke no rule' },
  'connection-error-closes': { id: 'connection-error-closes', section: '5.4.1', what: 'after a connection error the server sends GOAWAY and closes the connection' },
} as const;

export type DutyId = keyof typeof DUTIES;
