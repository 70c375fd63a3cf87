// RFC 9113 §5.1: the golden table. Every (role, condition, input) triple of
// the state table, with its expected outcome, is written down in
// stream-states.golden; the table must say exactly that, so a change in the
// table without a change in the golden file fails. Each server-role pair is
// then driven through ServerConnection with real frames (or the API call for
// our own sends) and checked on the wire: RST_STREAM or GOAWAY with the
// code, the state reached, nothing sent for what is ignored.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode as E, Http2UsageError, errorCodeName } from '../../impl/http2/index.js';
import { STREAM_CONDITIONS, STREAM_INPUTS, decide, type Decision, type Role, type StreamCondition, type StreamInput } from '../../impl/http2/stream-state.js';
import type { H2Event } from '../../impl/http2/index.js';
import { Peer, bytes, f, goAwayOf, request, type Fields } from './frames.js';

const GOLDEN = resolve(fileURLToPath(import.meta.url), '../../../../test/http2/stream-states.golden');

function render(d: Decision): string {
  switch (d.kind) {
    case 'move':
      return d.next;
    case 'ignore':
      return 'ignore';
    case 'stream_error':
      return `stream ${errorCodeName(d.code)} §${d.section}`;
    case 'connection_error':
      return `connection ${errorCodeName(d.code)} §${d.section}`;
    case 'usage_error':
      return `usage ${d.code}`;
  }
}

interface Row {
  role: Role;
  condition: StreamCondition;
  input: StreamInput;
  expected: string;
}

const golden: Row[] = readFileSync(GOLDEN, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+->\s+(.+)$/.exec(l);
    if (!m) throw new Error(`bad golden line: ${l}`);
    return { role: m[1] as Role, condition: m[2] as StreamCondition, input: m[3] as StreamInput, expected: m[4]!.trim() };
  });

t.test('the golden file lists every (role, condition, input) exactly once', async (t) => {
  const keys = golden.map((r) => `${r.role} ${r.condition} ${r.input}`);
  const all: string[] = [];
  for (const role of ['server', 'client'] as Role[]) for (const c of STREAM_CONDITIONS) for (const i of STREAM_INPUTS) all.push(`${role} ${c} ${i}`);
  t.same(keys, all);
});

t.test('the table says what the golden file says', async (t) => {
  for (const r of golden) t.equal(render(decide(r.role, r.condition, r.input)), r.expected, `${r.role} ${r.condition} ${r.input}`);
});

// ---- driving each server pair through ServerConnection ------------------------------

const GRACE = 100;
const TRAILERS: Fields = [['x-trailer', '1']];

/** A connection with the stream under test in `condition`; returns it and the stream id. */
function setup(condition: StreamCondition, input: StreamInput): { p: Peer; id: number } {
  const p = new Peer({ resetStreamGrace: GRACE });
  p.handshake();
  switch (condition) {
    case 'idle':
      if (input === 'send_push_promise') {
        // The promised stream is the idle one: its parent must be open.
        p.send(p.headers(1, request(), { endStream: true }));
        return { p, id: 2 };
      }
      return { p, id: 1 };
    case 'reserved_local':
      p.send(p.headers(1, request(), { endStream: true }));
      if (p.conn.pushPromise(1, request('/pushed')) !== 2) throw new Error('the first promised stream is 2');
      p.read();
      return { p, id: 2 };
    case 'reserved_remote':
      throw new Error('unreachable for a server');
    case 'open':
      p.send(p.headers(1, request('/', 'POST')));
      return { p, id: 1 };
    case 'half_closed_local':
      p.send(p.headers(1, request('/', 'POST')));
      p.conn.sendHeaders(1, [[':status', '200']], true);
      p.read();
      return { p, id: 1 };
    case 'half_closed_remote':
      p.send(p.headers(1, request(), { endStream: true }));
      return { p, id: 1 };
    case 'closed_end_stream':
      p.send(p.headers(1, request(), { endStream: true }));
      p.conn.sendHeaders(1, [[':status', '204']], true);
      p.read();
      return { p, id: 1 };
    case 'closed_rst_sent':
    case 'closed_rst_sent_expired':
      p.send(p.headers(1, request('/', 'POST')));
      p.conn.resetStream(1, E.CANCEL);
      p.read();
      if (condition === 'closed_rst_sent_expired') {
        p.now = GRACE + 1;
        p.conn.checkTimeouts(p.now);
      }
      return { p, id: 1 };
    case 'closed_rst_received':
      p.send(p.headers(1, request('/', 'POST')), f.rst(1, E.CANCEL));
      return { p, id: 1 };
    case 'closed_unknown':
      // Opening 3 implicitly closes 1 (§5.1.1).
      p.send(p.headers(3, request(), { endStream: true }));
      return { p, id: 1 };
  }
}

/** The frames of one input: a live stream gets trailers, anything else a request. */
function inbound(p: Peer, id: number, condition: StreamCondition, input: StreamInput): Uint8Array {
  const fields = condition === 'idle' || condition.startsWith('closed') ? request('/', input === 'recv_headers' ? 'POST' : 'GET') : TRAILERS;
  switch (input) {
    case 'recv_headers':
      return p.headers(id, fields);
    case 'recv_headers_es':
      return p.headers(id, fields, { endStream: true });
    case 'recv_data':
      return f.data(id, bytes('x'), false);
    case 'recv_data_es':
      return f.data(id, bytes('x'), true);
    case 'recv_rst':
      return f.rst(id, E.CANCEL);
    case 'recv_push_promise':
      return f.pushPromise(id, id + 1 + (id % 2), p.block(request('/promised')), true);
    case 'recv_priority':
      return f.priority(id, { dependsOn: 0, exclusive: false, weight: 16 });
    case 'recv_window_update':
      return f.windowUpdate(id, 100);
    default:
      throw new Error(`not an inbound input: ${input}`);
  }
}

/** Our own send: the API call. DATA needs a response header section first (§8.1) where one may be sent. */
function outbound(p: Peer, id: number, condition: StreamCondition, input: StreamInput): void {
  const c = p.conn;
  switch (input) {
    case 'send_headers':
      return c.sendHeaders(id, [[':status', '200']], false);
    case 'send_headers_es':
      return c.sendHeaders(id, [[':status', '200']], true);
    case 'send_data':
    case 'send_data_es':
      if (condition === 'open' || condition === 'half_closed_remote') c.sendHeaders(id, [[':status', '200']], false);
      return c.sendData(id, bytes('body'), input === 'send_data_es');
    case 'send_rst':
      return c.resetStream(id, E.CANCEL);
    case 'send_push_promise':
      // On idle the stream under test is the promised one; elsewhere it is the parent.
      c.pushPromise(condition === 'idle' ? 1 : id, request('/promised'));
      return;
    default:
      throw new Error(`not an outbound input: ${input}`);
  }
}

const PUBLIC_STATE = (next: string): string => (next.startsWith('closed') ? 'closed' : next);

for (const r of golden.filter((x) => x.role === 'server')) {
  const name = `server ${r.condition} + ${r.input} -> ${r.expected}`;
  if (r.condition === 'reserved_remote') {
    t.test(name, { skip: 'reserved (remote) is reachable only by a client: a server is never promised a stream (§8.4)' }, async () => {});
    continue;
  }
  t.test(name, async (t) => {
    const { p, id } = setup(r.condition, r.input);
    const before = p.conn.streamState(id);
    let thrown: unknown = null;
    let frames;
    let events: H2Event[] = [];
    if (r.input.startsWith('recv_')) {
      ({ frames, events } = p.send(inbound(p, id, r.condition, r.input)));
    } else {
      try {
        outbound(p, id, r.condition, r.input);
      } catch (err) {
        thrown = err;
      }
      frames = p.read();
    }
    const goAway = goAwayOf(frames);
    const rst = frames.find((x) => x.type === 'RST_STREAM' && x.streamId === id) as Extract<(typeof frames)[0], { type: 'RST_STREAM' }> | undefined;
    const [kind, codeName, section] = r.expected.split(' ');
    if (kind === 'connection') {
      t.equal(goAway && errorCodeName(goAway.errorCode), codeName, 'GOAWAY with the code');
      const ended = events.find((e) => e.type === 'ConnectionTerminated');
      t.equal(ended && `§${ended.section}`, section, 'for the rule of that section');
      return;
    }
    t.equal(goAway?.errorCode ?? null, null, 'no GOAWAY');
    if (kind === 'stream') {
      t.equal(rst && errorCodeName(rst.errorCode), codeName, 'RST_STREAM with the code');
      t.equal(p.conn.streamState(id), 'closed');
      const closed = events.find((e) => e.type === 'StreamClosed' && e.streamId === id);
      t.match(closed, { reason: new RegExp(`RFC 9113 ${section}\\)`) }, 'for the rule of that section');
      return;
    }
    if (kind === 'usage') {
      t.ok(thrown instanceof Http2UsageError, 'Http2UsageError thrown');
      t.equal((thrown as Http2UsageError).code, codeName);
      t.equal(p.conn.streamState(id), before, 'state unchanged');
      t.same(frames.filter((x) => 'streamId' in x && x.streamId === id), [], 'nothing sent on the stream');
      return;
    }
    t.equal(thrown, null, 'no usage error');
    if (r.input === 'send_rst' && kind !== 'ignore') t.equal(rst?.errorCode, E.CANCEL, 'our RST_STREAM');
    else t.equal(rst, undefined, 'no RST_STREAM');
    if (kind === 'ignore') {
      t.equal(p.conn.streamState(id), before, 'state unchanged');
      t.same(frames.filter((x) => x.type !== 'WINDOW_UPDATE'), [], 'nothing sent but flow-control credit');
      return;
    }
    t.equal(p.conn.streamState(id), PUBLIC_STATE(r.expected), 'state reached');
  });
}
