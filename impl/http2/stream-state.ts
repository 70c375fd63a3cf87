// RFC 9113 §5.1: the stream state machine, as one table keyed by (role,
// condition, input). Every frame received and every send for every stream id
// is decided here: the next state, "ignore", or the exact error (scope, code,
// RFC section). The connection's handlers only act on the decision; the
// stream table (stream-table.ts) is the one place that changes `state`.
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
//
// "closed" is not one condition: §5.1 treats a late frame by how the stream
// closed and how long ago, so the table has one row per kind of closed
// (see ClosedCondition).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, Http2UsageError, StreamError } from './errors.js';

/** The seven states of §5.1, as the connection reports them (streamState()). */
export type StreamState = 'idle' | 'reserved_local' | 'reserved_remote' | 'open' | 'half_closed_local' | 'half_closed_remote' | 'closed';

/**
 * How a closed stream got there, which decides late frames (§5.1 "closed"):
 * - `closed_end_stream`: both sides sent END_STREAM;
 * - `closed_rst_sent`: we sent RST_STREAM, and recently (frames the peer had
 *   in flight must be ignored);
 * - `closed_rst_sent_expired`: we sent RST_STREAM longer ago than the grace
 *   period (§5.1 lets an endpoint stop ignoring after a while);
 * - `closed_rst_received`: the peer sent RST_STREAM;
 * - `closed_unknown`: an id below the highest one used that we never saw
 *   (implicitly closed, §5.1.1) or no longer remember.
 */
export type ClosedCondition = 'closed_end_stream' | 'closed_rst_sent' | 'closed_rst_sent_expired' | 'closed_rst_received' | 'closed_unknown';

/** What the table is keyed by: a live state, idle, or a kind of closed. */
export type StreamCondition = Exclude<StreamState, 'closed'> | ClosedCondition;

/** Which end of the connection this table decides for: the reserved states are reachable by one role each (§8.4). */
export type Role = 'server' | 'client';

/** What can happen to a stream. `_es` = with END_STREAM; PP = PUSH_PROMISE (on the associated stream, or idle → reserved for the promised one). */
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

/** The table's answer. Shared, frozen objects: deciding a frame allocates nothing. */
export type Decision =
  | { readonly kind: 'move'; readonly next: StreamState }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'stream_error'; readonly code: number; readonly section: string }
  | { readonly kind: 'connection_error'; readonly code: number; readonly section: string }
  | { readonly kind: 'usage_error'; readonly code: 'ERR_STREAM_STATE' };

export const STREAM_CONDITIONS: readonly StreamCondition[] = [
  'idle',
  'reserved_local',
  'reserved_remote',
  'open',
  'half_closed_local',
  'half_closed_remote',
  'closed_end_stream',
  'closed_rst_sent',
  'closed_rst_sent_expired',
  'closed_rst_received',
  'closed_unknown',
];

export const STREAM_INPUTS: readonly StreamInput[] = [
  'recv_headers',
  'recv_headers_es',
  'recv_data',
  'recv_data_es',
  'recv_rst',
  'recv_push_promise',
  'recv_priority',
  'recv_window_update',
  'send_headers',
  'send_headers_es',
  'send_data',
  'send_data_es',
  'send_rst',
  'send_push_promise',
];

// Cell notation: a state name moves there; `-` ignores the frame; `S CODE §`
// a stream error, `C CODE §` a connection error; `U` our own application's
// misuse (a usage error, never a frame). `[server, client]` differs by role.
type Cell = string | readonly [server: string, client: string];

/** §8.4: a server never receives PUSH_PROMISE, whatever the stream's state. */
const PP_TO_SERVER = 'C PROTOCOL_ERROR 8.4';

/** §5.1: nothing but PRIORITY may be sent on a closed stream; a reset of it has nothing left to do. */
const SENDS_ON_CLOSED = {
  send_headers: 'U',
  send_headers_es: 'U',
  send_data: 'U',
  send_data_es: 'U',
  send_rst: '-',
  send_push_promise: 'U',
} as const;

const CLOSED_BY_PEER: Record<StreamInput, Cell> = {
  // §5.1 closed / §6.1: the peer closed it itself, so DATA or HEADERS from it are a stream error
  // STREAM_CLOSED; an RST_STREAM is never answered with RST_STREAM (§5.4.2).
  recv_headers: 'S STREAM_CLOSED 5.1',
  recv_headers_es: 'S STREAM_CLOSED 5.1',
  recv_data: 'S STREAM_CLOSED 6.1',
  recv_data_es: 'S STREAM_CLOSED 6.1',
  recv_rst: '-',
  recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 6.6'],
  recv_priority: 'closed',
  recv_window_update: '-',
  ...SENDS_ON_CLOSED,
};

const ROWS: Record<StreamCondition, Record<StreamInput, Cell>> = {
  idle: {
    // §5.1 idle: only HEADERS (opens) and PRIORITY may arrive; §5.1.1 a server opens no stream with HEADERS.
    recv_headers: ['open', 'C PROTOCOL_ERROR 5.1'],
    recv_headers_es: ['half_closed_remote', 'C PROTOCOL_ERROR 5.1'],
    recv_data: 'C PROTOCOL_ERROR 5.1',
    recv_data_es: 'C PROTOCOL_ERROR 5.1',
    recv_rst: 'C PROTOCOL_ERROR 6.4',
    recv_push_promise: [PP_TO_SERVER, 'reserved_remote'],
    recv_priority: 'idle',
    recv_window_update: 'C PROTOCOL_ERROR 5.1',
    send_headers: ['U', 'open'],
    send_headers_es: ['U', 'half_closed_local'],
    send_data: 'U',
    send_data_es: 'U',
    send_rst: 'U',
    send_push_promise: ['reserved_local', 'U'],
  },
  reserved_local: {
    // §5.1 reserved (local): the peer may send only RST_STREAM, PRIORITY, WINDOW_UPDATE.
    recv_headers: 'C PROTOCOL_ERROR 5.1',
    recv_headers_es: 'C PROTOCOL_ERROR 5.1',
    recv_data: 'C PROTOCOL_ERROR 5.1',
    recv_data_es: 'C PROTOCOL_ERROR 5.1',
    recv_rst: 'closed',
    recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 5.1'],
    recv_priority: 'reserved_local',
    recv_window_update: 'reserved_local',
    send_headers: 'half_closed_remote',
    send_headers_es: 'closed',
    send_data: 'U',
    send_data_es: 'U',
    send_rst: 'closed',
    send_push_promise: 'U',
  },
  reserved_remote: {
    // §5.1 reserved (remote): the peer may send only HEADERS, RST_STREAM, PRIORITY.
    recv_headers: 'half_closed_local',
    recv_headers_es: 'closed',
    recv_data: 'C PROTOCOL_ERROR 5.1',
    recv_data_es: 'C PROTOCOL_ERROR 5.1',
    recv_rst: 'closed',
    recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 5.1'],
    recv_priority: 'reserved_remote',
    recv_window_update: 'C PROTOCOL_ERROR 5.1',
    send_headers: 'U',
    send_headers_es: 'U',
    send_data: 'U',
    send_data_es: 'U',
    send_rst: 'closed',
    send_push_promise: 'U',
  },
  open: {
    // §8.1: to a server, HEADERS on an open stream are trailers and must end it; a client may get 1xx then a response.
    recv_headers: ['S PROTOCOL_ERROR 8.1', 'open'],
    recv_headers_es: 'half_closed_remote',
    recv_data: 'open',
    recv_data_es: 'half_closed_remote',
    recv_rst: 'closed',
    recv_push_promise: [PP_TO_SERVER, 'open'],
    recv_priority: 'open',
    recv_window_update: 'open',
    send_headers: 'open',
    send_headers_es: 'half_closed_local',
    send_data: 'open',
    send_data_es: 'half_closed_local',
    send_rst: 'closed',
    // §6.6: PUSH_PROMISE only on a peer-initiated stream that is open or half-closed (remote).
    send_push_promise: ['open', 'U'],
  },
  half_closed_local: {
    recv_headers: ['S PROTOCOL_ERROR 8.1', 'half_closed_local'],
    recv_headers_es: 'closed',
    recv_data: 'half_closed_local',
    recv_data_es: 'closed',
    recv_rst: 'closed',
    recv_push_promise: [PP_TO_SERVER, 'half_closed_local'],
    recv_priority: 'half_closed_local',
    recv_window_update: 'half_closed_local',
    send_headers: 'U',
    send_headers_es: 'U',
    send_data: 'U',
    send_data_es: 'U',
    send_rst: 'closed',
    send_push_promise: 'U',
  },
  half_closed_remote: {
    // §5.1 half-closed (remote): anything but WINDOW_UPDATE, PRIORITY, RST_STREAM is a stream error STREAM_CLOSED.
    recv_headers: 'S STREAM_CLOSED 5.1',
    recv_headers_es: 'S STREAM_CLOSED 5.1',
    recv_data: 'S STREAM_CLOSED 5.1',
    recv_data_es: 'S STREAM_CLOSED 5.1',
    recv_rst: 'closed',
    // §6.6: a promise needs an associated stream the receiver sees as open or half-closed (local).
    recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 6.6'],
    recv_priority: 'half_closed_remote',
    recv_window_update: 'half_closed_remote',
    send_headers: 'half_closed_remote',
    send_headers_es: 'closed',
    send_data: 'half_closed_remote',
    send_data_es: 'closed',
    send_rst: 'closed',
    send_push_promise: ['half_closed_remote', 'U'],
  },
  closed_end_stream: {
    // §5.1 closed: DATA or HEADERS after both sides ended may be a connection error STREAM_CLOSED;
    // WINDOW_UPDATE and RST_STREAM can cross our END_STREAM in flight and are ignored; PRIORITY is always allowed.
    recv_headers: 'C STREAM_CLOSED 5.1',
    recv_headers_es: 'C STREAM_CLOSED 5.1',
    recv_data: 'C STREAM_CLOSED 5.1',
    recv_data_es: 'C STREAM_CLOSED 5.1',
    recv_rst: '-',
    recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 6.6'],
    recv_priority: 'closed',
    recv_window_update: '-',
    ...SENDS_ON_CLOSED,
  },
  closed_rst_sent: {
    // §5.1 closed: after sending RST_STREAM, frames the peer already sent MUST be ignored
    // (DATA still counts against the connection window, HEADERS still go through HPACK);
    // a PUSH_PROMISE still reserves its promised stream.
    recv_headers: '-',
    recv_headers_es: '-',
    recv_data: '-',
    recv_data_es: '-',
    recv_rst: '-',
    recv_push_promise: [PP_TO_SERVER, '-'],
    recv_priority: 'closed',
    recv_window_update: '-',
    ...SENDS_ON_CLOSED,
  },
  // §5.1 closed: "MAY choose to limit the period over which it ignores frames": past the grace
  // period a stream we reset is treated as one the peer reset.
  closed_rst_sent_expired: CLOSED_BY_PEER,
  closed_rst_received: CLOSED_BY_PEER,
  closed_unknown: {
    // §5.1.1: an id below the highest used, never opened (or forgotten): frames on it are a connection error.
    recv_headers: 'C PROTOCOL_ERROR 5.1.1',
    recv_headers_es: 'C PROTOCOL_ERROR 5.1.1',
    recv_data: 'C PROTOCOL_ERROR 5.1.1',
    recv_data_es: 'C PROTOCOL_ERROR 5.1.1',
    recv_rst: 'C PROTOCOL_ERROR 5.1.1',
    recv_push_promise: [PP_TO_SERVER, 'C PROTOCOL_ERROR 5.1.1'],
    recv_priority: 'closed',
    recv_window_update: 'C PROTOCOL_ERROR 5.1.1',
    ...SENDS_ON_CLOSED,
  },
};

const LIVE_STATES = new Set<string>(['idle', 'reserved_local', 'reserved_remote', 'open', 'half_closed_local', 'half_closed_remote', 'closed']);

function parseCell(cell: string): Decision {
  if (cell === '-') return Object.freeze({ kind: 'ignore' });
  if (cell === 'U') return Object.freeze({ kind: 'usage_error', code: 'ERR_STREAM_STATE' });
  if (LIVE_STATES.has(cell)) return Object.freeze({ kind: 'move', next: cell as StreamState });
  const [scope, name, section] = cell.split(' ');
  const code = E[name as keyof typeof E];
  if ((scope !== 'S' && scope !== 'C') || code === undefined || section === undefined) throw new Error(`stream-state table: bad cell "${cell}"`);
  const kind = scope === 'S' ? 'stream_error' : 'connection_error';
  return Object.freeze({ kind, code, section } as Decision);
}

function build(role: Role): Record<StreamCondition, Record<StreamInput, Decision>> {
  const out = {} as Record<StreamCondition, Record<StreamInput, Decision>>;
  for (const c of STREAM_CONDITIONS) {
    const row = {} as Record<StreamInput, Decision>;
    for (const i of STREAM_INPUTS) {
      const cell = ROWS[c][i];
      row[i] = parseCell(typeof cell === 'string' ? cell : cell[role === 'server' ? 0 : 1]);
    }
    out[c] = row;
  }
  return out;
}

const TABLES: Record<Role, Record<StreamCondition, Record<StreamInput, Decision>>> = { server: build('server'), client: build('client') };

/** The table's decision for `input` on a stream in `condition`, for `role`. */
export function decide(role: Role, condition: StreamCondition, input: StreamInput): Decision {
  return TABLES[role][condition][input];
}

/** The condition a live (or idle) state is keyed by; a live record is never in `closed`. */
export function conditionOf(state: StreamState): StreamCondition {
  return state === 'closed' ? 'closed_end_stream' : state;
}

/**
 * Turns a decision into what the caller acts on: the next state, null to
 * ignore the frame, or the typed error thrown (RFC code, scope, section).
 */
export function enforce(d: Decision, id: number, condition: StreamCondition, input: StreamInput): StreamState | null {
  switch (d.kind) {
    case 'move':
      return d.next;
    case 'ignore':
      return null;
    case 'stream_error':
      throw new StreamError(id, d.code, d.section, `${input} on stream ${id} in state ${condition}`);
    case 'connection_error':
      throw new ConnectionError(d.code, d.section, `${input} on stream ${id} in state ${condition}`);
    case 'usage_error':
      throw new Http2UsageError(d.code, `cannot ${input.slice(5).replace('_es', ' with END_STREAM')} on stream ${id} in state ${condition}`);
  }
}

/**
 * Which of a live stream's states an application's send is decided against.
 * HEADERS, DATA and PUSH_PROMISE wait in the stream's queue behind what is
 * already there, so they are decided against the state once that is framed
 * (`planned`: after a queued END_STREAM nothing more may be sent). RST_STREAM
 * does not wait: it leaves with the control frames and drops what is queued,
 * so it is decided against the state on the wire, and a response whose
 * END_STREAM is queued but not yet sent can still be reset.
 */
export function decidedOnTheWire(input: StreamInput): boolean {
  return input === 'send_rst';
}

/** §5.1.2: states that count toward SETTINGS_MAX_CONCURRENT_STREAMS. */
export function countsTowardConcurrency(state: StreamState): boolean {
  return state === 'open' || state === 'half_closed_local' || state === 'half_closed_remote';
}
