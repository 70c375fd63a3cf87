// RFC 9113 §5.1, §5.1.1: stream states and identifiers, as a table: every
// frame type a client can send × every state a stream can be in, each with
// what §5.1 and the frame's own section require.
import { FrameType as T, Flag } from '../../../../impl/http2/frame-types.js';
import type { Step } from '../../../scenario/scenario.js';
import type { Allowed, SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, STATIC_GET_BLOCK, WAIT, get, goaway, ignored, mk, open, raw, requestFields, response, rst } from './case-kit.js';

/** How stream 1 gets into a state (nothing: it stays idle). */
const STATES: Record<string, { setup: Step[]; what: string }> = {
  idle: { setup: [], what: 'an idle stream (never opened)' },
  open: { setup: [open(1)], what: 'an open stream' },
  'half-closed-remote': { setup: [get(1), WAIT], what: 'a stream the client ended with END_STREAM (half-closed (remote), or closed once answered)' },
  'reset-by-client': { setup: [open(1), { op: 'rst', stream: 1, code: E.CANCEL }, WAIT], what: 'a stream the client reset (closed)' },
  'implicitly-closed': { setup: [get(3), WAIT], what: 'an idle stream closed implicitly by a higher stream id (§5.1.1)' },
};

/** The frames under test, each on stream 1. */
const FRAMES: Record<string, Step> = {
  data: { op: 'data', stream: 1, length: 4, endStream: true },
  headers: { op: 'headers', stream: 1, fields: requestFields(), endStream: true },
  priority: { op: 'priority', stream: 1, dependsOn: 0, weight: 16, exclusive: false },
  'rst-stream': { op: 'rst', stream: 1, code: E.CANCEL },
  'window-update': { op: 'window-update', stream: 1, increment: 1024 },
  continuation: raw(T.CONTINUATION, Flag.END_HEADERS, 1, STATIC_GET_BLOCK),
  'push-promise': { op: 'push-promise', stream: 1, promised: 2, fields: requestFields() },
  unknown: raw(0xfa, 0, 1, '00'),
};

/** On an open stream a HEADERS with END_STREAM is trailers: no pseudo-header fields (§8.1). */
const TRAILERS: Step = { op: 'headers', stream: 1, fields: [['x-trailer', 'done']], endStream: true };

const SC = E.STREAM_CLOSED;
const PE = E.PROTOCOL_ERROR;
/** §5.1 closed: "MAY treat receipt of any other type of frame on a closed stream as a connection error of type STREAM_CLOSED". */
const closedDataOrHeaders: Allowed[] = [rst(1, SC), goaway(SC)];

/** state → frame → [requirement, allowed]. */
const TABLE: Record<string, Record<string, [string, Allowed[]]>> = {
  idle: {
    data: ['DATA on an idle stream MUST be a connection error of type PROTOCOL_ERROR (§5.1, §6.1).', [goaway(PE)]],
    headers: ['HEADERS opens an idle stream (§5.1): the request is served.', [response(1)]],
    priority: ['PRIORITY on an idle stream is allowed and does not open it (§5.1, §6.3).', [ignored]],
    'rst-stream': ['RST_STREAM on an idle stream MUST be a connection error of type PROTOCOL_ERROR (§6.4).', [goaway(PE)]],
    'window-update': ['WINDOW_UPDATE on an idle stream MUST be a connection error of type PROTOCOL_ERROR (§5.1).', [goaway(PE)]],
    continuation: ['CONTINUATION without a HEADERS before it MUST be a connection error of type PROTOCOL_ERROR (§6.10).', [goaway(PE)]],
    'push-promise': ['A client MUST NOT send PUSH_PROMISE: a connection error of type PROTOCOL_ERROR (§8.4).', [goaway(PE)]],
    unknown: ['A frame of an unknown type MUST be ignored in any state (§4.1, §5.1).', [ignored]],
  },
  open: {
    data: ['DATA on an open stream is accepted; with END_STREAM the request is served (§5.1).', [response(1)]],
    headers: ['A second HEADERS that ends the stream carries trailers and is allowed (§8.1).', [response(1)]],
    priority: ['PRIORITY on an open stream is allowed (§6.3).', [ignored]],
    'rst-stream': ['RST_STREAM closes an open stream and nothing else (§6.4).', [ignored]],
    'window-update': ['WINDOW_UPDATE on an open stream is allowed (§6.9).', [ignored]],
    continuation: ['CONTINUATION after a complete field block MUST be a connection error of type PROTOCOL_ERROR (§6.10).', [goaway(PE)]],
    'push-promise': ['A client MUST NOT send PUSH_PROMISE: a connection error of type PROTOCOL_ERROR (§8.4).', [goaway(PE)]],
    unknown: ['A frame of an unknown type MUST be ignored in any state (§4.1).', [ignored]],
  },
  'half-closed-remote': {
    data: ['DATA on a stream the client ended MUST be a stream error of type STREAM_CLOSED (§5.1 half-closed (remote), §6.1), or on a closed stream MAY be a connection error of that type.', closedDataOrHeaders],
    headers: ['HEADERS on a stream the client ended MUST be a stream error of type STREAM_CLOSED (§5.1), or on a closed stream MAY be a connection error of that type.', [...closedDataOrHeaders, goaway(PE)]],
    priority: ['PRIORITY MAY be sent on a stream in any state and MUST be accepted (§5.1).', [ignored]],
    'rst-stream': ['RST_STREAM on a half-closed (remote) or just closed stream MUST be ignored (§5.1).', [ignored]],
    'window-update': ['WINDOW_UPDATE on a half-closed (remote) or just closed stream MUST be ignored or used (§5.1).', [ignored]],
    continuation: ['CONTINUATION with no open field block MUST be a connection error of type PROTOCOL_ERROR (§6.10).', [goaway(PE)]],
    'push-promise': ['A client MUST NOT send PUSH_PROMISE: a connection error of type PROTOCOL_ERROR (§8.4).', [goaway(PE)]],
    unknown: ['A frame of an unknown type MUST be ignored in any state (§4.1).', [ignored]],
  },
  'reset-by-client': {
    data: ['DATA on a stream the client reset is on a closed stream: a stream error of type STREAM_CLOSED (§6.1), or a connection error of that type (§5.1).', closedDataOrHeaders],
    headers: ['HEADERS on a stream the client reset reuses a closed stream: STREAM_CLOSED (§5.1) or, as a stream id not greater than used before, PROTOCOL_ERROR (§5.1.1).', [...closedDataOrHeaders, goaway(PE)]],
    priority: ['PRIORITY on a closed stream MUST be accepted (§5.1).', [ignored]],
    'rst-stream': ['A second RST_STREAM on a closed stream is ignored, or a STREAM_CLOSED error (§5.1: only PRIORITY is always fine after RST_STREAM).', [ignored, rst(1, SC), goaway(SC)]],
    'window-update': ['WINDOW_UPDATE on a stream the client reset is ignored, or a STREAM_CLOSED error (§5.1).', [ignored, rst(1, SC), goaway(SC)]],
    continuation: ['CONTINUATION with no open field block MUST be a connection error of type PROTOCOL_ERROR (§6.10).', [goaway(PE)]],
    'push-promise': ['A client MUST NOT send PUSH_PROMISE: a connection error of type PROTOCOL_ERROR (§8.4).', [goaway(PE)]],
    unknown: ['A frame of an unknown type MUST be ignored in any state (§4.1).', [ignored]],
  },
  'implicitly-closed': {
    data: ['DATA on a stream closed implicitly by a higher id is not open: a stream error of type STREAM_CLOSED (§6.1), or a connection error STREAM_CLOSED or PROTOCOL_ERROR (§5.1, §5.1.1).', [rst(1, SC), goaway(SC, PE)]],
    headers: ['HEADERS with a stream id lower than one already used MUST be a connection error of type PROTOCOL_ERROR (§5.1.1).', [goaway(PE)]],
    priority: ['PRIORITY on a closed stream MUST be accepted (§5.1).', [ignored]],
    'rst-stream': ['RST_STREAM on a stream closed implicitly is on a closed stream: ignored, or a STREAM_CLOSED or PROTOCOL_ERROR error (§5.1).', [ignored, rst(1, SC), goaway(SC, PE)]],
    'window-update': ['WINDOW_UPDATE on a stream closed implicitly: ignored, or a STREAM_CLOSED or PROTOCOL_ERROR error (§5.1).', [ignored, rst(1, SC), goaway(SC, PE)]],
    continuation: ['CONTINUATION with no open field block MUST be a connection error of type PROTOCOL_ERROR (§6.10).', [goaway(PE)]],
    'push-promise': ['A client MUST NOT send PUSH_PROMISE: a connection error of type PROTOCOL_ERROR (§8.4).', [goaway(PE)]],
    unknown: ['A frame of an unknown type MUST be ignored in any state (§4.1).', [ignored]],
  },
};

const stateCases: SuiteCase[] = Object.entries(TABLE).flatMap(([state, row]) =>
  Object.entries(row).map(([frame, [requirement, allowed]]) =>
    mk({
      id: `rfc9113/5.1/${state}/${frame}`,
      section: frame === 'push-promise' ? 'RFC 9113 §5.1, §8.4' : frame === 'continuation' ? 'RFC 9113 §5.1, §6.10' : 'RFC 9113 §5.1',
      requirement: `On ${STATES[state]!.what}: ${requirement}`,
      steps: [...HANDSHAKE, ...STATES[state]!.setup, state === 'open' && frame === 'headers' ? TRAILERS : FRAMES[frame]!],
      allowed,
    }),
  ),
);

/** §5.1 closed, "a significant time" later: still to be ignored, or (RFC's choice) a connection error PROTOCOL_ERROR. */
const lateCases: SuiteCase[] = (['rst-stream', 'window-update'] as const).flatMap((frame) => [
  mk({
    id: `rfc9113/5.1/closed/${frame}-soon-after-end-stream`,
    section: 'RFC 9113 §5.1',
    requirement: `Endpoints MUST ignore ${frame === 'rst-stream' ? 'RST_STREAM' : 'WINDOW_UPDATE'} frames received on a closed stream right after the stream ended.`,
    steps: [...HANDSHAKE, get(1), WAIT, FRAMES[frame]!],
    allowed: [ignored],
  }),
  mk({
    id: `rfc9113/5.1/closed/${frame}-long-after-end-stream`,
    section: 'RFC 9113 §5.1',
    requirement: `${frame === 'rst-stream' ? 'RST_STREAM' : 'WINDOW_UPDATE'} a significant time (1.5 s) after the stream closed: ignored, or (the RFC's MAY) a connection error of type PROTOCOL_ERROR.`,
    steps: [...HANDSHAKE, get(1), WAIT, { op: 'wait', ms: 1500 }, FRAMES[frame]!],
    allowed: [ignored, goaway(PE)],
  }),
]);

const EVEN = [2, 4, 0x7ffffffe];

const idCases: SuiteCase[] = [
  ...EVEN.map((id) =>
    mk({ id: `rfc9113/5.1.1/even-stream-${id}`, section: 'RFC 9113 §5.1.1', requirement: `Streams initiated by a client MUST use odd-numbered identifiers: HEADERS on stream ${id} is a connection error of type PROTOCOL_ERROR.`, steps: [...HANDSHAKE, get(id)], allowed: [goaway(PE)] }),
  ),
  mk({ id: 'rfc9113/5.1.1/stream-id-decrease', section: 'RFC 9113 §5.1.1', requirement: 'A new stream identifier MUST be greater than all the client opened before: HEADERS on 3 after 5 is a connection error of type PROTOCOL_ERROR.', steps: [...HANDSHAKE, get(5), WAIT, get(3)], allowed: [goaway(PE)] }),
  mk({ id: 'rfc9113/5.1.1/stream-id-decrease-last-stream-id', section: 'RFC 9113 §5.1.1, §6.8', requirement: 'The GOAWAY for a decreasing stream id MUST carry the last stream processed (5) as its last-stream-id.', steps: [...HANDSHAKE, get(5), WAIT, get(3)], allowed: [{ outcome: 'goaway', codes: [PE], lastStreamId: 5 }] }),
  mk({ id: 'rfc9113/5.1.1/stream-id-reuse', section: 'RFC 9113 §5.1.1', requirement: 'A stream identifier cannot be reused: HEADERS on a stream already answered is a connection error of type PROTOCOL_ERROR, or STREAM_CLOSED on the closed stream (§5.1).', steps: [...HANDSHAKE, get(1), WAIT, get(1)], allowed: [goaway(PE, SC), rst(1, SC)] }),
  mk({ id: 'rfc9113/5.1.1/max-stream-id-served', section: 'RFC 9113 §5.1.1', requirement: 'Stream 2^31-1 is a valid client stream id: the request is served.', steps: [...HANDSHAKE, get(0x7fffffff)], allowed: [response(0x7fffffff)], followUp: false }),
  mk({ id: 'rfc9113/5.1.1/skipped-ids-served', section: 'RFC 9113 §5.1.1', requirement: 'Stream ids need not be consecutive: stream 101 after stream 1 is served.', steps: [...HANDSHAKE, get(1), WAIT, get(101)], allowed: [response(101)] }),
  mk({ id: 'rfc9113/5.1.1/priority-on-lower-idle-id-allowed', section: 'RFC 9113 §5.1.1, §6.3', requirement: 'PRIORITY on a lower, never-used stream id does not open it and is not an id decrease.', steps: [...HANDSHAKE, get(5), WAIT, { op: 'priority', stream: 3, dependsOn: 0, weight: 1, exclusive: false }], allowed: [ignored] }),
];

export const streamCases: SuiteCase[] = [...stateCases, ...lateCases, ...idCases];
