// RFC 9113 §6.5, §6.8, §6.9: SETTINGS values and acknowledgement, GOAWAY
// from the client, and flow control (window overflow, zero increments, a
// SETTINGS_INITIAL_WINDOW_SIZE change that overflows an open stream).
import type { Step } from '../../../scenario/scenario.js';
import type { SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, WAIT, get, goaway, ignored, mk, open, response, rst } from './case-kit.js';

const PE = E.PROTOCOL_ERROR;
const FCE = E.FLOW_CONTROL_ERROR;
const settings = (...pairs: Array<[number, number]>): Step => ({ op: 'settings', pairs });

const INVALID: Array<[string, number, number, number]> = [
  ['enable-push-2', 0x2, 2, PE],
  ['enable-push-max', 0x2, 0xffffffff, PE],
  ['initial-window-2-31', 0x4, 0x80000000, FCE],
  ['initial-window-max', 0x4, 0xffffffff, FCE],
  ['max-frame-size-0', 0x5, 0, PE],
  ['max-frame-size-16383', 0x5, 16383, PE],
  ['max-frame-size-2-24', 0x5, 16777216, PE],
  ['max-frame-size-max', 0x5, 0xffffffff, PE],
];

const VALID: Array<[string, number, number]> = [
  ['header-table-size-0', 0x1, 0],
  ['header-table-size-100', 0x1, 100],
  ['header-table-size-max', 0x1, 0xffffffff],
  ['enable-push-0', 0x2, 0],
  ['enable-push-1', 0x2, 1],
  ['max-concurrent-streams-100', 0x3, 100],
  ['max-concurrent-streams-max', 0x3, 0xffffffff],
  ['initial-window-1', 0x4, 1],
  ['initial-window-2-31-minus-1', 0x4, 0x7fffffff],
  ['max-frame-size-16384', 0x5, 16384],
  ['max-frame-size-2-24-minus-1', 0x5, 16777215],
  ['max-header-list-size-0', 0x6, 0],
  ['max-header-list-size-max', 0x6, 0xffffffff],
];

const UNKNOWN_IDS = [0x0, 0x7, 0xa, 0x10, 0xff, 0x4242, 0xffff];

/**
 * The handshake, then its SETTINGS acknowledged before the frame under
 * test: the ACK counted is that frame's own. Two SETTINGS back to back
 * test another rule (every one acknowledged, below), which Go's server
 * (caddy) breaks by sending one ACK for both when they arrive together.
 */
const ACKED_HANDSHAKE: Step[] = [...HANDSHAKE, WAIT];

export const settingsCases: SuiteCase[] = [
  ...INVALID.map(([name, id, value, code]) =>
    mk({ id: `rfc9113/6.5.2/settings-${name}`, section: 'RFC 9113 §6.5.2', requirement: `SETTINGS with id 0x${id.toString(16)} = ${value} is outside the allowed range: a connection error of type ${code === PE ? 'PROTOCOL_ERROR' : 'FLOW_CONTROL_ERROR'}.`, steps: [...HANDSHAKE, settings([id, value])], allowed: [goaway(code)] }),
  ),
  ...VALID.map(([name, id, value]) =>
    mk({ id: `rfc9113/6.5.2/settings-${name}-accepted`, section: 'RFC 9113 §6.5.2, §6.5.3', requirement: `SETTINGS with id 0x${id.toString(16)} = ${value} is in range: it MUST be acknowledged and the connection serve on.`, steps: [...ACKED_HANDSHAKE, settings([id, value])], allowed: [ignored], extras: { settingsAcks: 2 }, followUp: !(id === 0x4 && value < 100) }),
  ),
  ...UNKNOWN_IDS.map((id) =>
    mk({ id: `rfc9113/6.5.2/settings-unknown-id-0x${id.toString(16)}-ignored`, section: 'RFC 9113 §6.5.2', requirement: `An endpoint that receives a SETTINGS parameter with an unknown or unsupported identifier (0x${id.toString(16)}) MUST ignore it, and still acknowledge the frame.`, steps: [...ACKED_HANDSHAKE, settings([id, 12345])], allowed: [ignored], extras: { settingsAcks: 2 } }),
  ),
  mk({ id: 'rfc9113/6.5.3/settings-acknowledged', section: 'RFC 9113 §6.5.3', requirement: 'Upon receiving a SETTINGS frame without ACK the recipient MUST immediately emit a SETTINGS frame with ACK.', steps: [...HANDSHAKE], allowed: [ignored], extras: { settingsAcks: 1 } }),
  mk({ id: 'rfc9113/6.5.3/settings-ack-before-response', section: 'RFC 9113 §6.5.3', requirement: 'The SETTINGS ACK is due immediately: it comes before the response to a request sent after the SETTINGS.', steps: [{ op: 'preface' }, settings([0x4, 100000]), get(1)], allowed: [response(1)], extras: { settingsAckFirst: true }, followUp: false }),
  mk({ id: 'rfc9113/6.5.3/every-settings-acknowledged', section: 'RFC 9113 §6.5.3', requirement: 'Each SETTINGS frame without ACK MUST be acknowledged (four SETTINGS, four ACKs).', steps: [...HANDSHAKE, settings([0x1, 4096]), settings([0x4, 65535]), settings()], allowed: [ignored], extras: { settingsAcks: 4 } }),
  mk({ id: 'rfc9113/6.5.3/same-id-twice-last-wins', section: 'RFC 9113 §6.5.3', requirement: 'The values in a SETTINGS frame MUST be processed in order: the same id twice (MAX_FRAME_SIZE 2^24 then 16384) is valid.', steps: [...ACKED_HANDSHAKE, settings([0x5, 16777215], [0x5, 16384])], allowed: [ignored], extras: { settingsAcks: 2 } }),
  mk({ id: 'rfc9113/6.5.3/invalid-after-valid-in-one-frame', section: 'RFC 9113 §6.5.3', requirement: 'Values are processed in order and an invalid one is a connection error even after valid ones (ENABLE_PUSH 0 then 2).', steps: [...HANDSHAKE, settings([0x2, 0], [0x2, 2])], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/3.4/preface-damaged', section: 'RFC 9113 §3.4', requirement: 'An invalid connection preface MUST be treated as a connection error of type PROTOCOL_ERROR; a GOAWAY MAY be omitted.', steps: [{ op: 'preface', damaged: true }, settings()], allowed: [goaway(PE), { outcome: 'close' }] }),
  mk({ id: 'rfc9113/3.4/preface-not-followed-by-settings', section: 'RFC 9113 §3.4', requirement: 'The client preface MUST be followed by SETTINGS: a PING first is a connection error of type PROTOCOL_ERROR; a GOAWAY MAY be omitted.', steps: [{ op: 'preface' }, { op: 'ping', opaque: '0000000000000000' }], allowed: [goaway(PE), { outcome: 'close' }] }),
  mk({ id: 'rfc9113/3.4/preface-headers-first', section: 'RFC 9113 §3.4', requirement: 'The client preface MUST be followed by SETTINGS: HEADERS first is a connection error of type PROTOCOL_ERROR; a GOAWAY MAY be omitted.', steps: [{ op: 'preface' }, get(1)], allowed: [goaway(PE), { outcome: 'close' }] }),
  mk({ id: 'rfc9113/3.4/settings-ack-not-required-before-request', section: 'RFC 9113 §3.4', requirement: 'A client may send requests before it acknowledges the server\'s SETTINGS: the request is served.', steps: [{ op: 'preface' }, settings(), get(1)], allowed: [response(1)], followUp: false }),
  // §6.8 GOAWAY from the client.
  mk({ id: 'rfc9113/6.8/client-goaway-open-request-completes', section: 'RFC 9113 §6.8', requirement: 'A GOAWAY from the client does not end the streams it already opened: a request opened before it and ended after it is still answered.', steps: [...HANDSHAKE, open(1), WAIT, { op: 'goaway', lastStreamId: 0, code: E.NO_ERROR }, { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)], followUp: false, extras: { mayClose: true } }),
  mk({ id: 'rfc9113/6.8/client-goaway-unknown-code', section: 'RFC 9113 §6.8, §7', requirement: 'Unknown error codes MUST NOT trigger special behaviour: a GOAWAY with code 0xdead does not make the server fail the streams it has.', steps: [...HANDSHAKE, open(1), WAIT, { op: 'goaway', lastStreamId: 0, code: 0xdead }, { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)], followUp: false, extras: { mayClose: true } }),
  // §6.8 GOAWAY from the server, gracefully: only a core in process can be told to start it.
  mk({
    id: 'rfc9113/6.8/server-graceful-shutdown',
    section: 'RFC 9113 §6.8',
    requirement: 'A server that is attempting to gracefully shut down a connection SHOULD send an initial GOAWAY with last-stream-id 2^31-1 and NO_ERROR, then, after at least one round trip, another with the last stream it processed: a request the client sent in between is still served.',
    steps: [...HANDSHAKE, open(1), { op: 'server-shutdown' }, get(3), { op: 'data', stream: 1, length: 1, endStream: true }, { op: 'wait', ms: 1500 }, { op: 'ping', opaque: '5a5a5a5a5a5a5a5a' }],
    allowed: [response(3)],
    followUp: false,
    extras: { goAways: [0x7fffffff, 3], mayClose: true },
  }),
  mk({ id: 'rfc9113/6.8/goaway-last-stream-id-on-error', section: 'RFC 9113 §6.8', requirement: 'A GOAWAY for a connection error MUST carry the highest stream id processed (3).', steps: [...HANDSHAKE, get(1), get(3), WAIT, { op: 'ping', opaque: '00', ack: false }, { op: 'raw', type: 0x6, flags: 0, stream: 0, payload: '00' }], allowed: [{ outcome: 'goaway', codes: [E.FRAME_SIZE_ERROR], lastStreamId: 3 }] }),
  mk({ id: 'rfc9113/6.8/goaway-last-stream-id-zero', section: 'RFC 9113 §6.8', requirement: 'A GOAWAY for a connection error before any stream MUST carry last-stream-id 0.', steps: [...HANDSHAKE, settings([0x2, 7])], allowed: [{ outcome: 'goaway', codes: [PE], lastStreamId: 0 }] }),
  // §6.9 WINDOW_UPDATE and flow control.
  mk({ id: 'rfc9113/6.9/window-update-zero-on-stream', section: 'RFC 9113 §6.9', requirement: 'A WINDOW_UPDATE with an increment of 0 on a stream MUST be a stream error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'window-update', stream: 1, increment: 0 }], allowed: [rst(1, PE)] }),
  mk({ id: 'rfc9113/6.9/window-update-zero-on-connection', section: 'RFC 9113 §6.9', requirement: 'A WINDOW_UPDATE with an increment of 0 on the connection MUST be a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, { op: 'window-update', stream: 0, increment: 0 }], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/6.9.1/connection-window-overflow', section: 'RFC 9113 §6.9.1', requirement: 'A WINDOW_UPDATE that makes the connection window exceed 2^31-1 MUST be a connection error of type FLOW_CONTROL_ERROR.', steps: [...HANDSHAKE, { op: 'window-update', stream: 0, increment: 0x7fffffff }], allowed: [goaway(FCE)] }),
  mk({ id: 'rfc9113/6.9.1/connection-window-overflow-two-steps', section: 'RFC 9113 §6.9.1', requirement: 'Two WINDOW_UPDATEs that together make the connection window exceed 2^31-1 MUST be a connection error of type FLOW_CONTROL_ERROR.', steps: [...HANDSHAKE, { op: 'window-update', stream: 0, increment: 0x40000000 }, { op: 'window-update', stream: 0, increment: 0x40000000 }], allowed: [goaway(FCE)] }),
  mk({ id: 'rfc9113/6.9.1/stream-window-overflow', section: 'RFC 9113 §6.9.1', requirement: 'A WINDOW_UPDATE that makes a stream window exceed 2^31-1 MUST be a stream error of type FLOW_CONTROL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'window-update', stream: 1, increment: 0x7fffffff }], allowed: [rst(1, FCE)] }),
  mk({ id: 'rfc9113/6.9.1/stream-window-overflow-two-steps', section: 'RFC 9113 §6.9.1', requirement: 'Two WINDOW_UPDATEs that together make a stream window exceed 2^31-1 MUST be a stream error of type FLOW_CONTROL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'window-update', stream: 1, increment: 0x40000000 }, { op: 'window-update', stream: 1, increment: 0x40000000 }], allowed: [rst(1, FCE)] }),
  mk({ id: 'rfc9113/6.9.1/connection-window-to-max-accepted', section: 'RFC 9113 §6.9.1', requirement: 'A WINDOW_UPDATE that brings the connection window to exactly 2^31-1 is valid.', steps: [...HANDSHAKE, { op: 'window-update', stream: 0, increment: 0x7fffffff - 65535 }], allowed: [ignored] }),
  mk({ id: 'rfc9113/6.9.1/stream-window-to-max-accepted', section: 'RFC 9113 §6.9.1', requirement: 'A WINDOW_UPDATE that brings a stream window to exactly 2^31-1 is valid: the request is served.', steps: [...HANDSHAKE, open(1), { op: 'window-update', stream: 1, increment: 0x7fffffff - 65535 }, { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)] }),
  mk({ id: 'rfc9113/6.9.2/initial-window-change-overflows-stream', section: 'RFC 9113 §6.9.2', requirement: 'A SETTINGS_INITIAL_WINDOW_SIZE change that makes an open stream\'s window exceed 2^31-1 MUST be a connection error of type FLOW_CONTROL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'window-update', stream: 1, increment: 0x7fffffff - 65535 }, WAIT, settings([0x4, 65536])], allowed: [goaway(FCE)] }),
  mk({ id: 'rfc9113/6.9.2/initial-window-negative-allowed', section: 'RFC 9113 §6.9.2', requirement: 'A SETTINGS_INITIAL_WINDOW_SIZE change can make a stream window negative; that is no error, and a WINDOW_UPDATE brings it back: the request is served.', steps: [...HANDSHAKE, settings([0x4, 0]), open(1), WAIT, settings([0x4, 65535])], allowed: [ignored], extras: { settingsAcks: 3 } }),
  mk({ id: 'rfc9113/6.9.2/zero-window-then-update-served', section: 'RFC 9113 §6.9.2', requirement: 'With SETTINGS_INITIAL_WINDOW_SIZE 0 the server waits for a WINDOW_UPDATE, then sends the response body.', steps: [...HANDSHAKE, settings([0x4, 0]), WAIT, get(1), WAIT, { op: 'window-update', stream: 1, increment: 65535 }], allowed: [response(1)], followUp: false }),
  mk({ id: 'rfc9113/6.9/window-update-on-half-closed-remote-accepted', section: 'RFC 9113 §5.1, §6.9', requirement: 'WINDOW_UPDATE on a stream the client ended (half-closed (remote)) is valid: the response still comes.', steps: [...HANDSHAKE, settings([0x4, 1]), WAIT, get(1), { op: 'window-update', stream: 1, increment: 100000 }], allowed: [response(1)], followUp: false }),
];
