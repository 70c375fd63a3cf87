// RFC 9113 §6.1-§6.4, §6.7, §6.10: each frame type's own rules — stream 0
// where a stream is needed and the reverse, padding, priority, PING, field
// blocks split over CONTINUATION and interrupted — plus RFC 7541's decoding
// errors, which §4.3 makes a connection error of type COMPRESSION_ERROR.
import { FrameType as T, Flag } from '../../../../impl/http2/frame-types.js';
import type { Step } from '../../../scenario/scenario.js';
import type { SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, STATIC_GET_BLOCK, WAIT, get, goaway, ignored, mk, open, raw, requestFields, response, rst } from './case-kit.js';

const PE = E.PROTOCOL_ERROR;

const streamZero: SuiteCase[] = [
  ['data', raw(T.DATA, Flag.END_STREAM, 0, '0000'), '6.1', 'DATA'],
  ['headers', raw(T.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 0, STATIC_GET_BLOCK), '6.2', 'HEADERS'],
  ['priority', raw(T.PRIORITY, 0, 0, '0000000010'), '6.3', 'PRIORITY'],
  ['rst-stream', raw(T.RST_STREAM, 0, 0, '00000008'), '6.4', 'RST_STREAM'],
  ['continuation', raw(T.CONTINUATION, Flag.END_HEADERS, 0, STATIC_GET_BLOCK), '6.10', 'CONTINUATION'],
  ['push-promise', raw(T.PUSH_PROMISE, Flag.END_HEADERS, 0, `00000002${STATIC_GET_BLOCK}`), '6.6', 'PUSH_PROMISE'],
].map(([name, step, section, type]) =>
  mk({ id: `rfc9113/${section as string}/${name as string}-on-stream-0`, section: `RFC 9113 §${section as string}`, requirement: `${type as string} frames MUST be associated with a stream: one on stream 0 is a connection error of type PROTOCOL_ERROR.`, steps: [...HANDSHAKE, step as Step], allowed: [goaway(PE)] }),
);

const onStream: SuiteCase[] = [
  ['settings', raw(T.SETTINGS, 0, 1, ''), '6.5', 'SETTINGS'],
  ['settings-ack', raw(T.SETTINGS, Flag.ACK, 1, ''), '6.5', 'SETTINGS ACK'],
  ['ping', raw(T.PING, 0, 1, '0000000000000000'), '6.7', 'PING'],
  ['goaway', raw(T.GOAWAY, 0, 1, '0000000000000000'), '6.8', 'GOAWAY'],
].flatMap(([name, step, section, type]) =>
  [1, 3].map((stream) =>
    mk({
      id: `rfc9113/${section as string}/${name as string}-on-stream-${stream === 1 ? 'open' : 'idle'}`,
      section: `RFC 9113 §${section as string}`,
      requirement: `${type as string} applies to the connection: one on a stream (${stream === 1 ? 'open' : 'idle'}) MUST be a connection error of type PROTOCOL_ERROR.`,
      steps: [...HANDSHAKE, open(1), { ...(step as Extract<Step, { op: 'raw' }>), stream }],
      allowed: [goaway(PE)],
    }),
  ),
);

const padding: SuiteCase[] = [
  ...[
    [0, 0, 1],
    [0, 3, 4],
    [4, 0, 5],
    [4, 2, 255],
  ].map(([length, pad, claim]) =>
    mk({ id: `rfc9113/6.1/data-pad-length-${claim}-of-${length! + pad! + 1}`, section: 'RFC 9113 §6.1', requirement: `A DATA Pad Length (${claim}) not less than the payload after it (${length! + pad!} octets) MUST be a connection error of type PROTOCOL_ERROR.`, steps: [...HANDSHAKE, open(1), { op: 'data', stream: 1, length: length!, endStream: true, padLength: pad!, padClaim: claim! }], allowed: [goaway(PE)] }),
  ),
  ...[0, 1, 255].map((pad) =>
    mk({ id: `rfc9113/6.1/data-padded-${pad}-served`, section: 'RFC 9113 §6.1', requirement: `Padded DATA (Pad Length ${pad}) is a valid frame: padding is removed and the request served.`, steps: [...HANDSHAKE, open(1), { op: 'data', stream: 1, length: 10, endStream: true, padLength: pad }], allowed: [response(1)] }),
  ),
  ...[0, 7, 200].map((pad) =>
    mk({ id: `rfc9113/6.2/headers-padded-${pad}-served`, section: 'RFC 9113 §6.2', requirement: `Padded HEADERS (Pad Length ${pad}) is a valid frame: the request is served.`, steps: [...HANDSHAKE, { ...(get(1) as Extract<Step, { op: 'headers' }>), padLength: pad }], allowed: [response(1)] }),
  ),
  mk({ id: 'rfc9113/6.2/headers-pad-length-too-long', section: 'RFC 9113 §6.2', requirement: 'A HEADERS Pad Length not less than the rest of the payload MUST be a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.PADDED | Flag.END_HEADERS | Flag.END_STREAM, 1, `ff${STATIC_GET_BLOCK}`)], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/6.2/headers-pad-length-equal-payload', section: 'RFC 9113 §6.2', requirement: 'A HEADERS Pad Length equal to the rest of the payload leaves no field block … and no room: a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, raw(T.HEADERS, Flag.PADDED | Flag.END_HEADERS | Flag.END_STREAM, 1, `04000000`)], allowed: [goaway(PE)] }),
];

const prio = (stream: number, dependsOn: number, exclusive = false, weight = 16): Step => ({ op: 'priority', stream, dependsOn, weight, exclusive });
const priority: SuiteCase[] = [
  mk({ id: 'rfc9113/5.3.1/priority-self-dependency-open', section: 'RFC 9113 §5.3.1, §6.3', requirement: 'A stream cannot depend on itself: PRIORITY making an open stream depend on itself MUST be a stream error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, open(1), prio(1, 1)], allowed: [rst(1, PE)] }),
  mk({ id: 'rfc9113/5.3.1/priority-self-dependency-idle', section: 'RFC 9113 §5.3.1, §6.3', requirement: 'A stream cannot depend on itself: PRIORITY making an idle stream depend on itself MUST be a stream error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, prio(3, 3)], allowed: [rst(3, PE)] }),
  mk({ id: 'rfc9113/5.3.1/headers-self-dependency', section: 'RFC 9113 §5.3.1, §6.2', requirement: 'A stream cannot depend on itself: HEADERS with a priority on its own stream MUST be a stream error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, { op: 'headers', stream: 1, fields: requestFields(), endStream: true, priority: { dependsOn: 1, weight: 16, exclusive: false } }], allowed: [rst(1, PE)] }),
  ...([
    ['exclusive', prio(3, 1, true, 255)],
    ['on-idle-parent', prio(3, 99)],
    ['weight-1', prio(3, 0, false, 1)],
    ['weight-256', prio(3, 0, false, 256)],
  ] as Array<[string, Step]>).map(([name, step]) =>
    mk({ id: `rfc9113/6.3/priority-${name}-accepted`, section: 'RFC 9113 §5.3.2, §6.3', requirement: `A valid PRIORITY frame (${name}) is accepted: RFC 9113 deprecates the scheme, the frame is still parsed and never an error.`, steps: [...HANDSHAKE, open(1), step], allowed: [ignored] }),
  ),
  mk({ id: 'rfc9113/6.2/headers-with-priority-served', section: 'RFC 9113 §6.2', requirement: 'HEADERS with the PRIORITY flag and valid fields is served.', steps: [...HANDSHAKE, { op: 'headers', stream: 1, fields: requestFields(), endStream: true, priority: { dependsOn: 0, weight: 200, exclusive: true } }], allowed: [response(1)] }),
];

const rstStream: SuiteCase[] = [
  mk({ id: 'rfc9113/6.4/rst-stream-unknown-code-accepted', section: 'RFC 9113 §6.4, §7', requirement: 'Unknown error codes MUST NOT trigger any special behaviour: RST_STREAM 0xff closes the stream and nothing else.', steps: [...HANDSHAKE, open(1), { op: 'rst', stream: 1, code: 0xff }], allowed: [ignored] }),
  mk({ id: 'rfc9113/6.4/rst-stream-no-reply', section: 'RFC 9113 §5.4.2, §6.4', requirement: 'An endpoint MUST NOT send a RST_STREAM in response to a RST_STREAM frame.', steps: [...HANDSHAKE, open(1), { op: 'rst', stream: 1, code: E.CANCEL }], allowed: [ignored] }),
  mk({ id: 'rfc9113/6.4/rst-stream-other-streams-unharmed', section: 'RFC 9113 §6.4', requirement: 'RST_STREAM ends only its own stream: a stream opened before it is still answered.', steps: [...HANDSHAKE, open(1), open(3), { op: 'rst', stream: 1, code: E.CANCEL }, { op: 'data', stream: 3, length: 1, endStream: true }], allowed: [response(3)] }),
];

const ping: SuiteCase[] = [
  ...['0000000000000000', 'ffffffffffffffff', '0123456789abcdef'].map((opaque) =>
    mk({ id: `rfc9113/6.7/ping-acknowledged-${opaque}`, section: 'RFC 9113 §6.7', requirement: 'A PING without ACK MUST be answered with a PING with ACK and an identical payload.', steps: [...HANDSHAKE, { op: 'ping', opaque }], allowed: [ignored], extras: { pingAck: opaque } }),
  ),
  mk({ id: 'rfc9113/6.7/ping-ack-not-answered', section: 'RFC 9113 §6.7', requirement: 'An endpoint MUST NOT respond to PING frames containing the ACK flag.', steps: [...HANDSHAKE, { op: 'ping', opaque: '4242424242424242', ack: true }], allowed: [ignored], extras: { noPingAck: '4242424242424242' } }),
  mk({ id: 'rfc9113/6.7/ping-during-request', section: 'RFC 9113 §6.7', requirement: 'PING on an open connection with a request in progress is answered, the request served.', steps: [...HANDSHAKE, open(1), { op: 'ping', opaque: '1010101010101010' }, { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)], extras: { pingAck: '1010101010101010' } }),
];

/** Frames that may not come between HEADERS without END_HEADERS and its CONTINUATION (§6.10). */
const INTERRUPTIONS: Array<[string, Step]> = [
  ['ping', { op: 'ping', opaque: '0000000000000001' }],
  ['data', { op: 'data', stream: 1, length: 1, endStream: false }],
  ['headers-other-stream', get(3)],
  ['priority', { op: 'priority', stream: 1, dependsOn: 0, weight: 16, exclusive: false }],
  ['settings', { op: 'settings', pairs: [] }],
  ['window-update', { op: 'window-update', stream: 0, increment: 1 }],
  ['rst-stream', { op: 'rst', stream: 1, code: E.CANCEL }],
  ['unknown-type', raw(0xfa, 0, 0, '')],
];

const unterminated: Step = { op: 'headers', stream: 1, fields: requestFields(), endStream: true, unterminated: true };

const continuation: SuiteCase[] = [
  ...[2, 3, 8].map((parts) =>
    mk({ id: `rfc9113/6.10/field-block-in-${parts}-frames-served`, section: 'RFC 9113 §6.10', requirement: `A field block split over HEADERS and CONTINUATION frames (${parts} in all) is one block: the request is served.`, steps: [...HANDSHAKE, { op: 'headers', stream: 1, fields: requestFields('/', 'GET', [['x-pad', 'p'.repeat(40)]]), endStream: true, parts }], allowed: [response(1)] }),
  ),
  mk({ id: 'rfc9113/6.10/empty-continuation-served', section: 'RFC 9113 §6.10', requirement: 'A CONTINUATION with an empty fragment is valid: the request is served.', steps: [...HANDSHAKE, unterminated, raw(T.CONTINUATION, Flag.END_HEADERS, 1, '')], allowed: [response(1)] }),
  ...INTERRUPTIONS.map(([name, step]) =>
    mk({ id: `rfc9113/6.10/field-block-interrupted-by-${name}`, section: 'RFC 9113 §4.3, §6.10', requirement: `A field block MUST be followed by its CONTINUATION and no other frame: ${name} in between is a connection error of type PROTOCOL_ERROR.`, steps: [...HANDSHAKE, unterminated, step], allowed: [goaway(PE)] }),
  ),
  mk({ id: 'rfc9113/6.10/continuation-on-other-stream', section: 'RFC 9113 §6.10', requirement: 'A CONTINUATION on another stream than its HEADERS MUST be a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, { op: 'headers', stream: 1, fields: requestFields(), endStream: true, parts: 2, continuationStream: 3 }], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/6.10/continuation-after-end-headers', section: 'RFC 9113 §6.10', requirement: 'A CONTINUATION after a frame with END_HEADERS MUST be a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, open(1), raw(T.CONTINUATION, Flag.END_HEADERS, 1, '')], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/6.10/continuation-after-data', section: 'RFC 9113 §6.10', requirement: 'A CONTINUATION after DATA (no field block open) MUST be a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'data', stream: 1, length: 1, endStream: false }, raw(T.CONTINUATION, 0, 1, '')], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/6.6/push-promise-on-open-stream', section: 'RFC 9113 §6.6, §8.4', requirement: 'A server MUST treat receipt of PUSH_PROMISE as a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, open(1), { op: 'push-promise', stream: 1, promised: 2, fields: requestFields() }], allowed: [goaway(PE)] }),
];

/** RFC 7541 decoding errors: each a field block of raw HPACK octets. */
const HPACK_ERRORS: Array<[string, string, string]> = [
  ['index-zero', '80', 'an indexed field with index 0 (RFC 7541 §6.1)'],
  ['index-beyond-table', 'ff3f', 'an index beyond the static and dynamic table (RFC 7541 §2.3.3)'],
  ['name-index-beyond-table', '7f3f0161', 'a literal whose name index is beyond the table (RFC 7541 §2.3.3)'],
  ['table-size-above-limit', '3fe21f', 'a dynamic table size update above SETTINGS_HEADER_TABLE_SIZE (RFC 7541 §6.3)'],
  ['table-size-update-after-field', `82${'3f01'}`, 'a dynamic table size update after a field (RFC 7541 §4.2)'],
  ['truncated-integer', '7fff', 'an integer that never ends (RFC 7541 §5.1)'],
  ['string-beyond-block', '000a61', 'a string longer than the block (RFC 7541 §5.2)'],
  ['huffman-eos', '0081ff', 'a Huffman string containing EOS (RFC 7541 §5.2)'],
  ['huffman-bad-padding', '008100', 'Huffman padding that is not the most significant bits of EOS (RFC 7541 §5.2)'],
  ['integer-overflow', '7fffffffffffffffff7f', 'an integer beyond any implementation limit (RFC 7541 §5.1)'],
];

const hpack: SuiteCase[] = HPACK_ERRORS.map(([name, block, what]) =>
  mk({ id: `rfc9113/4.3/hpack-${name}`, section: 'RFC 9113 §4.3; RFC 7541', requirement: `A field block that cannot be decompressed MUST be a connection error of type COMPRESSION_ERROR: ${what}.`, steps: [...HANDSHAKE, raw(T.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, 1, `${STATIC_GET_BLOCK}${block}`)], allowed: [goaway(E.COMPRESSION_ERROR)] }),
);

export const frameRuleCases: SuiteCase[] = [...streamZero, ...onStream, ...padding, ...priority, ...rstStream, ...ping, ...continuation, ...hpack, mk({ id: 'rfc9113/6.7/ping-after-field-block-served', section: 'RFC 9113 §6.7', requirement: 'A PING right after a complete request is answered and the request served.', steps: [...HANDSHAKE, get(1), { op: 'ping', opaque: 'abababababababab' }, WAIT], allowed: [response(1)], extras: { pingAck: 'abababababababab' } })];
