// RFC 9113 §5.1: the stream state machine, as a table keyed by
// (state, input). A pair missing from the table is an error whose code and
// scope depend only on the state (see `illegal`), as the RFC prescribes.
//
//                              +--------+
//                      send PP |        | recv PP
//                     ,--------+  idle  +--------.
//                    /         |        |         \
//                   v          +--------+          v
//            +----------+          |           +----------+
//            |          |          | send H /  |          |
//     ,------+ reserved |          | recv H    | reserved +------.
//     |      | (local)  |          |           | (remote) |      |
//     |      +---+------+          v           +------+---+      |
//     |          |             +--------+             |          |
//     |          |     recv ES |        | send ES     |          |
//     |   send H |     ,-------+  open  +-------.     | recv H   |
//     |          |    /        |        |        \    |          |
//     |          v   v         +---+----+         v   v          |
//     |      +----------+          |           +----------+      |
//     |      |   half   |          |           |   half   |      |
//     |      |  closed  |          | send R /  |  closed  |      |
//     |      | (remote) |          | recv R    | (local)  |      |
//     |      +----+-----+          |           +-----+----+      |
//     |           |                |                 |           |
//     |           | send ES /      |       recv ES / |           |
//     |           |  send R /      v        send R / |           |
//     |           |  recv R    +--------+   recv R   |           |
//     | send R /  `----------->|        |<-----------'  send R / |
//     | recv R                 | closed |               recv R   |
//     `----------------------->|        |<-----------------------'
//                              +--------+
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';

export type StreamState = 'idle' | 'reserved_local' | 'reserved_remote' | 'open' | 'half_closed_local' | 'half_closed_remote' | 'closed';

/** What can happen to a stream. `_es` = with END_STREAM; PP = PUSH_PROMISE. */
export type StreamInput =
  | 'recv_headers'
  | 'recv_headers_es'
  | 'recv_data'
  | 'recv_data_es'
  | 'recv_rst'
  | 'recv_push_promise'
  | 'recv_priority'
  | 'recv_window_update'
  | 'send_headers'
  | 'send_headers_es'
  | 'send_data'
  | 'send_data_es'
  | 'send_rst'
  | 'send_push_promise';

const T: Record<StreamState, Partial<Record<StreamInput, StreamState>>> = {
  idle: {
    recv_headers: 'open',
    recv_headers_es: 'half_closed_remote',
    recv_priority: 'idle',
    recv_push_promise: 'reserved_remote',
    send_headers: 'open',
    send_headers_es: 'half_closed_local',
    send_push_promise: 'reserved_local',
  },
  reserved_local: {
    send_headers: 'half_closed_remote',
    send_headers_es: 'closed',
    send_rst: 'closed',
    recv_rst: 'closed',
    recv_priority: 'reserved_local',
    recv_window_update: 'reserved_local',
  },
  reserved_remote: {
    recv_headers: 'half_closed_local',
    recv_headers_es: 'closed',
    send_rst: 'closed',
    recv_rst: 'closed',
    recv_priority: 'reserved_remote',
  },
  open: {
    recv_headers: 'open', // trailers without END_STREAM: rejected later as malformed (§8.1)
    recv_headers_es: 'half_closed_remote',
    recv_data: 'open',
    recv_data_es: 'half_closed_remote',
    recv_rst: 'closed',
    recv_priority: 'open',
    recv_window_update: 'open',
    send_headers: 'open',
    send_headers_es: 'half_closed_local',
    send_data: 'open',
    send_data_es: 'half_closed_local',
    send_rst: 'closed',
    send_push_promise: 'open',
  },
  half_closed_local: {
    recv_headers: 'half_closed_local',
    recv_headers_es: 'closed',
    recv_data: 'half_closed_local',
    recv_data_es: 'closed',
    recv_rst: 'closed',
    recv_priority: 'half_closed_local',
    recv_window_update: 'half_closed_local',
    send_rst: 'closed',
  },
  half_closed_remote: {
    recv_rst: 'closed',
    recv_priority: 'half_closed_remote',
    recv_window_update: 'half_closed_remote',
    send_headers: 'half_closed_remote',
    send_headers_es: 'closed',
    send_data: 'half_closed_remote',
    send_data_es: 'closed',
    send_rst: 'closed',
    send_push_promise: 'half_closed_remote',
  },
  closed: {
    recv_priority: 'closed', // §5.1: PRIORITY may arrive on closed streams
    send_rst: 'closed',
  },
};

/** Next state, or throws the error the RFC assigns to an illegal pair. */
export function transition(streamId: number, state: StreamState, input: StreamInput): StreamState {
  const next = T[state][input];
  if (next !== undefined) return next;
  throw illegal(streamId, state, input);
}

export function isLegal(state: StreamState, input: StreamInput): boolean {
  return T[state][input] !== undefined;
}

function illegal(id: number, state: StreamState, input: StreamInput): Error {
  if (input.startsWith('send_')) {
    // Our own application tried something the state forbids: not a peer error.
    return new StreamError(id, E.INTERNAL_ERROR, '5.1', `cannot ${input} in state ${state}`, 'local');
  }
  switch (state) {
    case 'idle':
      // §5.1 idle: anything but HEADERS or PRIORITY is a connection error.
      return new ConnectionError(E.PROTOCOL_ERROR, '5.1', `${input} on idle stream ${id}`);
    case 'reserved_local':
    case 'reserved_remote':
      return new ConnectionError(E.PROTOCOL_ERROR, '5.1', `${input} on reserved stream ${id}`);
    case 'half_closed_remote':
      // §5.1 half-closed (remote): a stream error of type STREAM_CLOSED.
      return new StreamError(id, E.STREAM_CLOSED, '5.1', `${input} on half-closed (remote) stream ${id}`);
    case 'closed':
      return new StreamError(id, E.STREAM_CLOSED, '5.1', `${input} on closed stream ${id}`);
    default:
      return new StreamError(id, E.PROTOCOL_ERROR, '5.1', `${input} in state ${state} on stream ${id}`);
  }
}

/** §5.1.2: states that count toward SETTINGS_MAX_CONCURRENT_STREAMS. */
export function countsTowardConcurrency(state: StreamState): boolean {
  return state === 'open' || state === 'half_closed_local' || state === 'half_closed_remote';
}
