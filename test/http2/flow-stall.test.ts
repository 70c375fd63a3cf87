// The flow-stall rules (impl/http2/flow-stall.ts), on an explicit clock and
// without sockets: a response that cannot move because the client keeps its
// windows closed is reset after streamFlowStallTimeout, a connection where
// nothing moves ends with GOAWAY ENHANCE_YOUR_CALM after
// connectionFlowStallTimeout, and a slow reader that opens its window, however
// little, is never cut off.
import t from 'tap';
import { ErrorCode as E, SettingId, type ConnectionLimits, type Frame, type H2Event } from '../../impl/http2/index.js';
import { Peer, f, goAwayOf, request, rstOf } from './frames.js';

const ZERO_WINDOW = [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }];
const BODY = new Uint8Array(100).fill(0x61);

/** A client with INITIAL_WINDOW_SIZE 0 and a stream whose 100-octet response is queued at `now`. */
function stalled(limits: Partial<ConnectionLimits>, now = 0): Peer {
  const p = new Peer(limits, { now });
  p.now = now;
  p.handshake(ZERO_WINDOW);
  respond(p, 1);
  return p;
}

function respond(p: Peer, id: number): Frame[] {
  p.send(p.headers(id, request(), { endStream: true, endHeaders: true }));
  p.conn.sendHeaders(id, [[':status', '200']]);
  p.conn.sendData(id, BODY, true);
  return p.read();
}

function at(p: Peer, now: number): { events: H2Event[]; frames: Frame[] } {
  p.now = now;
  const events = p.conn.checkTimeouts(now);
  return { events, frames: p.read() };
}

const dataOn = (frames: Frame[], id: number): number => frames.reduce((n, x) => n + (x.type === 'DATA' && x.streamId === id ? x.data.length : 0), 0);

t.test('a stream with DATA queued and a zero window is reset with CANCEL at streamFlowStallTimeout, not before; the connection serves on', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 1000, connectionFlowStallTimeout: 0 });
  t.equal(dataOn(p.received, 1), 0, 'no DATA could go out');
  t.equal(p.conn.nextDeadline(), 1000, 'the stall is timed from when the DATA could not go out');
  const early = at(p, 999);
  t.same(early.frames, []);
  t.equal(p.conn.streamState(1), 'half_closed_remote');
  const due = at(p, 1000);
  t.match(rstOf(due.frames, 1), { errorCode: E.CANCEL });
  t.match(due.events.find((e) => e.type === 'StreamClosed'), { streamId: 1, errorCode: E.CANCEL });
  t.equal(goAwayOf(due.frames), undefined, 'a stream rule, not a connection error');
  t.notOk(p.conn.terminated);
  t.equal(p.conn.nextDeadline(), null, 'nothing stalled any more');
  // A request with a body-less answer still goes through.
  p.send(p.headers(3, request(), { endStream: true, endHeaders: true }));
  p.conn.sendHeaders(3, [[':status', '204']], true);
  t.ok(p.read().some((x) => x.type === 'HEADERS' && x.streamId === 3 && x.endStream), 'stream 3 answered');
});

t.test('a slow reader that opens its window a little at a time is never cut off', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 1000, connectionFlowStallTimeout: 1500 });
  let now = 0;
  while (dataOn(p.received, 1) < BODY.length) {
    now += 900; // always before either deadline
    t.equal(at(p, now).frames.filter((x) => x.type === 'RST_STREAM' || x.type === 'GOAWAY').length, 0, `nothing cut at ${now}`);
    p.now = now;
    p.send(f.windowUpdate(1, 10));
    if (now > 100_000) break;
  }
  t.equal(dataOn(p.received, 1), BODY.length, 'the whole body went out, 10 octets at a time');
  t.ok(p.received.some((x) => x.type === 'DATA' && x.streamId === 1 && x.endStream), 'and ended the stream');
  t.equal(rstOf(p.received, 1), undefined);
  t.equal(goAwayOf(p.received), undefined);
  t.equal(p.conn.nextDeadline(), null, 'no stall left to time');
  t.same(at(p, now + 1_000_000).frames, []);
});

t.test('a connection where nothing moves ends with GOAWAY ENHANCE_YOUR_CALM at connectionFlowStallTimeout', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 0, connectionFlowStallTimeout: 2000 });
  t.equal(p.conn.nextDeadline(), 2000);
  t.same(at(p, 1999).frames, []);
  const due = at(p, 2000);
  const g = goAwayOf(due.frames);
  t.match(g, { errorCode: E.ENHANCE_YOUR_CALM, lastStreamId: 1 });
  t.match(Buffer.from(g!.debugData).toString(), /no DATA could be sent for 2000.*flow-control windows/);
  t.match(due.events.find((e) => e.type === 'ConnectionTerminated'), { errorCode: E.ENHANCE_YOUR_CALM, initiator: 'remote', section: '10.5' });
  t.ok(p.conn.terminated);
});

t.test('our own stall resets do not end the stretch: new stalled streams meet the connection rule', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 1000, connectionFlowStallTimeout: 2500 });
  t.match(rstOf(at(p, 1000).frames, 1), { errorCode: E.CANCEL });
  t.equal(p.conn.nextDeadline(), 2500, 'the connection is still timed from 0 with nothing waiting');
  p.now = 1500;
  respond(p, 3);
  t.equal(p.conn.nextDeadline(), 2500, 'the connection rule comes before stream 3 own (2500)');
  t.same(at(p, 2499).frames, []);
  const due = at(p, 2500);
  t.match(goAwayOf(due.frames), { errorCode: E.ENHANCE_YOUR_CALM, lastStreamId: 3 });
  t.equal(rstOf(due.frames, 3), undefined, 'one answer: the GOAWAY');
});

t.test('a stall that ended otherwise (the client reset its stream) does not count against a later one', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 0, connectionFlowStallTimeout: 2000 });
  p.now = 500;
  p.send(f.rst(1, E.CANCEL));
  t.equal(p.conn.nextDeadline(), null, 'nothing waits');
  p.now = 10_000;
  respond(p, 3);
  t.equal(p.conn.nextDeadline(), 12_000, 'timed from the new stall');
  t.same(at(p, 11_999).frames, []);
  t.match(goAwayOf(at(p, 12_000).frames), { errorCode: E.ENHANCE_YOUR_CALM });
});

t.test('a closed connection-level window stalls every stream: the connection rule acts', async (t) => {
  // Stream windows wide open, the connection window (65 535 at the start, §6.9.2) exhausted by a first body.
  const p = new Peer({ streamFlowStallTimeout: 0, connectionFlowStallTimeout: 1000 }, { now: 0 });
  p.handshake([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 1 << 20 }]);
  p.send(p.headers(1, request(), { endStream: true, endHeaders: true }));
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, new Uint8Array(70_000), true);
  t.equal(dataOn(p.read(), 1), 65_535, 'the connection window went out');
  t.equal(p.conn.nextDeadline(), 1000);
  p.now = 900;
  p.send(f.windowUpdate(0, 1000));
  t.equal(dataOn(p.received, 1), 66_535, 'opening the connection window is progress');
  t.equal(p.conn.nextDeadline(), 1900);
  t.match(goAwayOf(at(p, 1900).frames), { errorCode: E.ENHANCE_YOUR_CALM });
});

t.test('0 (or Infinity) turns the rules off; the defaults are 30 000 and 60 000', async (t) => {
  const off = stalled({ streamFlowStallTimeout: 0, connectionFlowStallTimeout: Infinity });
  t.equal(off.conn.nextDeadline(), null);
  t.same(at(off, 10_000_000).frames, []);
  const p = stalled({}, 0);
  t.equal(p.conn.limits.streamFlowStallTimeout, 30_000);
  t.equal(p.conn.limits.connectionFlowStallTimeout, 60_000);
  t.match(rstOf(at(p, 30_000).frames, 1), { errorCode: E.CANCEL });
});

t.test('a negative timeout is refused at construction', async (t) => {
  t.throws(() => new Peer({ streamFlowStallTimeout: -1 }), { code: 'ERR_INVALID_ARGUMENT' });
});

t.test('queuedBytesTotal counts the DATA queued on every stream until it is framed or its stream is reset', async (t) => {
  const p = stalled({ streamFlowStallTimeout: 0, connectionFlowStallTimeout: 0 });
  t.equal(p.conn.queuedBytesTotal, 100, 'stream 1: its body waits for a window');
  respond(p, 3);
  t.equal(p.conn.queuedBytesTotal, 200);
  t.equal(p.conn.queuedBytes(3), 100);
  p.send(f.windowUpdate(1, 40));
  t.equal(p.conn.queuedBytesTotal, 160, '40 octets of stream 1 went out');
  p.send(f.rst(3, E.CANCEL));
  t.equal(p.conn.queuedBytesTotal, 60, 'the stream the client reset holds nothing any more');
  p.send(f.windowUpdate(1, 60));
  t.equal(p.conn.queuedBytesTotal, 0);
  t.equal(dataOn(p.received, 1), 100);
});
