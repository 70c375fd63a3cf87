// RFC 9113 §4: frame format and size. Unknown types and flags are ignored,
// the reserved bit is ignored, and a frame of the wrong length for its type
// is a FRAME_SIZE_ERROR: a connection error when the frame could change the
// whole connection (field blocks, SETTINGS, stream 0), a stream error or a
// connection error for DATA on a stream (§4.2).
import { FrameType as T, Flag } from '../../../../impl/http2/frame-types.js';
import type { Allowed, SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, STATIC_GET_BLOCK, bigGetBlock, WAIT, get, goaway, ignored, mk, open, raw, response, rst } from './case-kit.js';

const UNKNOWN_TYPES = [0x0b, 0x0e, 0x0f, 0x20, 0x7f, 0xfe, 0xff];

/** A large field block within the frame size limit: served, or refused with 431 (RFC 9113 §10.5.1). */
const bigBlockServed: Allowed[] = [response(1), { outcome: 'response', stream: 1, min: 431, max: 431 }];

/**
 * The frames over 16384 octets are too large only for a server that kept
 * the initial SETTINGS_MAX_FRAME_SIZE; one that advertised a larger one
 * (nginx: 2^24-1, the most a frame can be) has to take them (§4.2, §6.5.2).
 */
const abovePlainLimit = (allowed: Allowed[]) => ({ setting: SETTINGS_MAX_FRAME_SIZE, value: 16385, atLeast: true, expect: { allowed } });
const SETTINGS_MAX_FRAME_SIZE = 0x5;

export const frameCases: SuiteCase[] = [
  ...UNKNOWN_TYPES.flatMap((type) => [
    mk({
      id: `rfc9113/4.1/unknown-type-0x${type.toString(16)}-stream-0-ignored`,
      section: 'RFC 9113 §4.1, §5.5',
      requirement: `Implementations MUST ignore and discard frames of unknown types (0x${type.toString(16)} on stream 0).`,
      steps: [...HANDSHAKE, raw(type, 0, 0, '0011223344')],
      allowed: [ignored],
    }),
    mk({
      id: `rfc9113/4.1/unknown-type-0x${type.toString(16)}-idle-stream-ignored`,
      section: 'RFC 9113 §4.1, §5.5',
      requirement: `Frames of an unknown type (0x${type.toString(16)}) MUST be ignored, also on an idle stream, which they do not open.`,
      steps: [...HANDSHAKE, raw(type, 0xff, 1, 'aabb')],
      allowed: [ignored],
    }),
  ]),
  mk({ id: 'rfc9113/4.1/unknown-flags-ping-ignored', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (PING with every flag but ACK set).', steps: [...HANDSHAKE, raw(T.PING, 0xfe, 0, '0102030405060708')], allowed: [ignored], extras: { pingAck: '0102030405060708' } }),
  mk({ id: 'rfc9113/4.1/unknown-flags-settings-ignored', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (SETTINGS with every flag but ACK set).', steps: [...HANDSHAKE, WAIT, raw(T.SETTINGS, 0xfe, 0, '')], allowed: [ignored], extras: { settingsAcks: 2 } }),
  mk({ id: 'rfc9113/4.1/unknown-flags-headers-served', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (HEADERS with 0x02, 0x10, 0x40, 0x80 set).', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.END_STREAM | Flag.END_HEADERS | 0xd2, 1, STATIC_GET_BLOCK)], allowed: [response(1)] }),
  mk({ id: 'rfc9113/4.1/unknown-flags-data-served', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (DATA with 0x02, 0x04, 0x10 … set).', steps: [...HANDSHAKE, open(1), raw(T.DATA, Flag.END_STREAM | 0xf6, 1, '00')], allowed: [response(1)] }),
  mk({ id: 'rfc9113/4.1/unknown-flags-window-update-ignored', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (WINDOW_UPDATE with every flag set).', steps: [...HANDSHAKE, raw(T.WINDOW_UPDATE, 0xff, 0, '00000001')], allowed: [ignored] }),
  mk({ id: 'rfc9113/4.1/unknown-flags-priority-ignored', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (PRIORITY with every flag set).', steps: [...HANDSHAKE, raw(T.PRIORITY, 0xff, 3, '0000000010')], allowed: [ignored] }),
  mk({ id: 'rfc9113/4.1/unknown-flags-rst-stream-served', section: 'RFC 9113 §4.1', requirement: 'Unknown flags MUST be ignored (RST_STREAM with every flag set).', steps: [...HANDSHAKE, open(1), raw(T.RST_STREAM, 0xff, 1, '00000008')], allowed: [ignored] }),
  mk({ id: 'rfc9113/4.1/reserved-bit-ping-ignored', section: 'RFC 9113 §4.1', requirement: 'The reserved bit of the stream identifier MUST be ignored when receiving (PING).', steps: [...HANDSHAKE, raw(T.PING, 0, 0, '1112131415161718', { reservedBit: true })], allowed: [ignored], extras: { pingAck: '1112131415161718' } }),
  mk({ id: 'rfc9113/4.1/reserved-bit-headers-served', section: 'RFC 9113 §4.1', requirement: 'The reserved bit of the stream identifier MUST be ignored when receiving (HEADERS).', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, STATIC_GET_BLOCK, { reservedBit: true })], allowed: [response(1)] }),
  mk({ id: 'rfc9113/4.1/reserved-bit-window-update-ignored', section: 'RFC 9113 §4.1', requirement: 'The reserved bit of the stream identifier MUST be ignored when receiving (WINDOW_UPDATE).', steps: [...HANDSHAKE, raw(T.WINDOW_UPDATE, 0, 0, '00000400', { reservedBit: true })], allowed: [ignored] }),
  mk({ id: 'rfc9113/6.9/reserved-bit-window-increment-ignored', section: 'RFC 9113 §6.9', requirement: 'The reserved bit in front of the Window Size Increment MUST be ignored.', steps: [...HANDSHAKE, raw(T.WINDOW_UPDATE, 0, 0, '80000400')], allowed: [ignored] }),
  mk({ id: 'rfc9113/4.2/data-exceeds-max-frame-size', section: 'RFC 9113 §4.2', requirement: 'An endpoint MUST send FRAME_SIZE_ERROR for a frame that exceeds SETTINGS_MAX_FRAME_SIZE; for DATA on a stream, a stream or a connection error (a server that advertised a larger SETTINGS_MAX_FRAME_SIZE serves the request).', steps: [...HANDSHAKE, open(1), { op: 'data', stream: 1, length: 16385, endStream: true }], allowed: [rst(1, E.FRAME_SIZE_ERROR), goaway(E.FRAME_SIZE_ERROR)], ifAdvertised: abovePlainLimit([response(1)]) }),
  mk({ id: 'rfc9113/4.2/headers-exceeds-max-frame-size', section: 'RFC 9113 §4.2', requirement: 'A frame carrying a field block that exceeds SETTINGS_MAX_FRAME_SIZE MUST be a connection error of type FRAME_SIZE_ERROR (a server that advertised a larger SETTINGS_MAX_FRAME_SIZE serves it, or answers 431).', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, bigGetBlock(16400))], allowed: [goaway(E.FRAME_SIZE_ERROR)], ifAdvertised: abovePlainLimit(bigBlockServed) }),
  mk({ id: 'rfc9113/4.2/ping-exceeds-max-frame-size', section: 'RFC 9113 §4.2', requirement: 'A frame on stream 0 that exceeds SETTINGS_MAX_FRAME_SIZE MUST be a connection error of type FRAME_SIZE_ERROR.', steps: [...HANDSHAKE, raw(T.PING, 0, 0, '00'.repeat(16385))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  mk({ id: 'rfc9113/4.2/data-at-max-frame-size-served', section: 'RFC 9113 §4.2', requirement: 'An endpoint MUST be capable of receiving frames up to 2^14 octets (DATA of exactly 16384 octets).', steps: [...HANDSHAKE, open(1), { op: 'data', stream: 1, length: 16384, endStream: true }], allowed: [response(1)] }),
  mk({ id: 'rfc9113/4.2/field-block-at-max-frame-size-served', section: 'RFC 9113 §4.2', requirement: 'An endpoint MUST be capable of receiving frames up to 2^14 octets (a HEADERS frame of about 16000 octets).', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, bigGetBlock(16300))], allowed: bigBlockServed }),
  ...[0, 7, 9, 16].map((len) =>
    mk({ id: `rfc9113/6.7/ping-length-${len}`, section: 'RFC 9113 §6.7', requirement: `A PING frame with a length other than 8 (here ${len}) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, raw(T.PING, 0, 0, '00'.repeat(len))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ),
  ...[1, 3, 5, 7, 11].map((len) =>
    mk({ id: `rfc9113/6.5/settings-length-${len}`, section: 'RFC 9113 §6.5', requirement: `A SETTINGS frame whose length (${len}) is not a multiple of 6 MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, raw(T.SETTINGS, 0, 0, '00'.repeat(len))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ),
  ...[1, 6].map((len) =>
    mk({ id: `rfc9113/6.5/settings-ack-with-payload-${len}`, section: 'RFC 9113 §6.5', requirement: `Receipt of a SETTINGS frame with ACK set and a non-zero length (${len}) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, raw(T.SETTINGS, Flag.ACK, 0, '00'.repeat(len))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ),
  ...[0, 3, 5, 8].flatMap((len) => [
    mk({ id: `rfc9113/6.9/window-update-length-${len}-connection`, section: 'RFC 9113 §6.9', requirement: `A WINDOW_UPDATE frame with a length other than 4 octets (${len}) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, raw(T.WINDOW_UPDATE, 0, 0, '00'.repeat(Math.max(0, len - 1)) + (len > 0 ? '01' : ''))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
    mk({ id: `rfc9113/6.9/window-update-length-${len}-stream`, section: 'RFC 9113 §6.9', requirement: `A WINDOW_UPDATE frame on a stream with a length other than 4 octets (${len}) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, open(1), raw(T.WINDOW_UPDATE, 0, 1, '00'.repeat(Math.max(0, len - 1)) + (len > 0 ? '01' : ''))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ]),
  ...[0, 3, 5, 8].map((len) =>
    mk({ id: `rfc9113/6.4/rst-stream-length-${len}`, section: 'RFC 9113 §6.4', requirement: `A RST_STREAM frame with a length other than 4 octets (${len}) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, open(1), raw(T.RST_STREAM, 0, 1, '00'.repeat(len))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ),
  ...[0, 4, 6].map((len) =>
    mk({ id: `rfc9113/6.3/priority-length-${len}`, section: 'RFC 9113 §6.3', requirement: `A PRIORITY frame with a length other than 5 octets (${len}) MUST be a stream error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, open(1), raw(T.PRIORITY, 0, 1, '00'.repeat(len))], allowed: [rst(1, E.FRAME_SIZE_ERROR)] }),
  ),
  ...[0, 4, 7].map((len) =>
    mk({ id: `rfc9113/6.8/goaway-length-${len}`, section: 'RFC 9113 §4.2, §6.8', requirement: `A GOAWAY frame too short for its mandatory fields (${len} octets) MUST be a connection error of type FRAME_SIZE_ERROR.`, steps: [...HANDSHAKE, raw(T.GOAWAY, 0, 0, '00'.repeat(len))], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  ),
  mk({ id: 'rfc9113/6.2/headers-padded-too-short', section: 'RFC 9113 §4.2, §6.2', requirement: 'A padded HEADERS frame too short to hold its Pad Length MUST be a connection error (FRAME_SIZE_ERROR, or PROTOCOL_ERROR for the padding).', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.PADDED | Flag.END_HEADERS | Flag.END_STREAM, 1, '')], allowed: [goaway(E.FRAME_SIZE_ERROR, E.PROTOCOL_ERROR)] }),
  mk({ id: 'rfc9113/6.2/headers-priority-too-short', section: 'RFC 9113 §4.2, §6.2', requirement: 'A HEADERS frame with PRIORITY set but shorter than its 5 priority octets MUST be a connection error of type FRAME_SIZE_ERROR.', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.PRIORITY | Flag.END_HEADERS | Flag.END_STREAM, 1, '000000')], allowed: [goaway(E.FRAME_SIZE_ERROR)] }),
  mk({ id: 'rfc9113/6.1/data-padded-too-short', section: 'RFC 9113 §4.2, §6.1', requirement: 'A padded DATA frame with no room for its Pad Length is too small for its mandatory data: FRAME_SIZE_ERROR (or PROTOCOL_ERROR for the padding), on the stream or the connection.', steps: [...HANDSHAKE, open(1), raw(T.DATA, Flag.PADDED | Flag.END_STREAM, 1, '')], allowed: [rst(1, E.FRAME_SIZE_ERROR), goaway(E.FRAME_SIZE_ERROR, E.PROTOCOL_ERROR)] }),
];
