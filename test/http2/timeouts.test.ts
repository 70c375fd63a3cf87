// RFC 9113 §6.5.3 SETTINGS_TIMEOUT and the idle timeout, driven by explicit
// clocks: the core acts only in checkTimeouts(now), never on its own.
import t from 'tap';
import { ErrorCode as E, Http2UsageError, ServerConnection, type H2Event } from '../../impl/http2/index.js';
import { CLIENT_PREFACE } from '../../impl/http2/index.js';
import { Peer, f, goAwayOf, request } from './frames.js';

/** Preface and the client's SETTINGS, but no ACK of ours. */
function openWithoutAck(p: Peer): void {
  p.send(CLIENT_PREFACE, f.settings([]));
}

function check(p: Peer, now: number): { events: H2Event[]; frames: ReturnType<Peer['read']> } {
  const events = p.conn.checkTimeouts(now);
  return { events, frames: p.read() };
}

t.test('§6.5.3 no ACK within settingsTimeout: GOAWAY SETTINGS_TIMEOUT with the last stream, at the deadline and not before', async (t) => {
  const p = new Peer({}, { now: 0, settingsTimeout: 1000 });
  p.now = 100;
  openWithoutAck(p);
  // The client may open streams before it ACKs; they count as processed.
  p.send(p.headers(1, request(), { endStream: true }), p.headers(3, request('/b')));
  t.equal(p.conn.nextDeadline(), 1000, 'deadline counts from when our SETTINGS was sent (the connection start)');
  const early = check(p, 999);
  t.same(early.events, []);
  t.same(early.frames, []);
  const late = check(p, 1000);
  t.match(goAwayOf(late.frames), { errorCode: E.SETTINGS_TIMEOUT, lastStreamId: 3 });
  t.match(late.events.find((e) => e.type === 'ConnectionTerminated'), { errorCode: E.SETTINGS_TIMEOUT, initiator: 'remote', section: '6.5.3' });
  t.same(late.events.filter((e) => e.type === 'StreamClosed').map((e) => (e as { streamId: number }).streamId), [1, 3]);
  t.ok(p.conn.terminated);
  t.equal(p.conn.nextDeadline(), null, 'nothing left to time');
});

t.test('§6.5.3 an ACK in time prevents SETTINGS_TIMEOUT', async (t) => {
  const p = new Peer({}, { now: 0, settingsTimeout: 1000 });
  p.now = 999;
  p.handshake();
  t.equal(p.conn.nextDeadline(), null);
  const r = check(p, 50_000);
  t.same(r.events, []);
  t.equal(goAwayOf(r.frames), undefined);
  t.notOk(p.conn.terminated);
});

t.test('§6.5.3 each later SETTINGS is timed from when it was sent; ACKs clear them in order', async (t) => {
  const p = new Peer({}, { now: 0, settingsTimeout: 1000 });
  p.handshake();
  p.conn.updateSettings({ initialWindowSize: 1000 }, 5000);
  p.conn.updateSettings({ initialWindowSize: 2000 }, 5500);
  t.equal(p.conn.nextDeadline(), 6000);
  p.now = 5900;
  p.send(f.settingsAck());
  t.equal(p.conn.nextDeadline(), 6500, 'the second SETTINGS is still waiting');
  t.equal(goAwayOf(check(p, 6499).frames), undefined);
  t.match(goAwayOf(check(p, 6500).frames), { errorCode: E.SETTINGS_TIMEOUT, lastStreamId: 0 });
});

t.test('§6.5.3 without a start time, the first now seen starts the SETTINGS timeout', async (t) => {
  const p = new Peer({}, { settingsTimeout: 1000 });
  t.equal(p.conn.nextDeadline(), null, 'no clock yet');
  p.now = 50_000;
  openWithoutAck(p);
  t.equal(p.conn.nextDeadline(), 51_000);
  t.match(goAwayOf(check(p, 51_000).frames), { errorCode: E.SETTINGS_TIMEOUT });
});

t.test('§6.5.3 the default SETTINGS timeout is 10 000; 0 and Infinity turn it off', async (t) => {
  t.equal(new ServerConnection({ now: 0 }).nextDeadline(), 10_000);
  for (const off of [0, Infinity]) {
    const p = new Peer({}, { now: 0, settingsTimeout: off });
    openWithoutAck(p);
    t.equal(p.conn.nextDeadline(), null, `settingsTimeout ${off}`);
    t.same(check(p, 1e12).frames, [], `settingsTimeout ${off}`);
  }
});

t.test('idle: no stream and no frame for idleTimeout gives GOAWAY NO_ERROR with the last stream processed', async (t) => {
  const p = new Peer({}, { now: 0, idleTimeout: 1000 });
  p.handshake();
  p.now = 100;
  p.send(p.headers(1, request(), { endStream: true }));
  // An open stream keeps the connection busy however long it takes.
  t.equal(p.conn.nextDeadline(), null);
  t.equal(goAwayOf(check(p, 5000).frames), undefined, 'an open stream prevents the idle close');
  p.conn.sendHeaders(1, [[':status', '204']], true);
  p.read(); // stream 1 closes as its last frame is framed, at the clock's 5000
  t.match(p.conn.takeEvents(), [{ type: 'StreamClosed', streamId: 1, errorCode: 0 }]);
  t.equal(p.conn.nextDeadline(), 6000, 'idle counts from when the last stream closed');
  t.same(check(p, 5999).events, []);
  const r = check(p, 6000);
  t.match(goAwayOf(r.frames), { errorCode: E.NO_ERROR, lastStreamId: 1 });
  t.same(r.events, [{ type: 'IdleTimedOut', lastStreamId: 1 }]);
  t.ok(p.conn.closing);
  t.notOk(p.conn.terminated, 'graceful, not an error');
  t.equal(p.conn.nextDeadline(), null);
  t.same(check(p, 10_000).frames, [], 'one GOAWAY only');
});

t.test('idle: any frame from the peer restarts the quiet period', async (t) => {
  const p = new Peer({}, { now: 0, idleTimeout: 1000 });
  p.handshake();
  p.now = 900;
  p.send(f.ping(new Uint8Array(8), false));
  t.equal(p.conn.nextDeadline(), 1900);
  t.equal(goAwayOf(check(p, 1000).frames), undefined);
  t.match(goAwayOf(check(p, 1900).frames), { errorCode: E.NO_ERROR, lastStreamId: 0 });
});

t.test('idle: off by default in the core, and with 0', async (t) => {
  for (const p of [new Peer({}, { now: 0, settingsTimeout: 0 }), new Peer({}, { now: 0, settingsTimeout: 0, idleTimeout: 0 })]) {
    p.handshake();
    t.equal(p.conn.nextDeadline(), null);
    t.same(check(p, 1e12).frames, []);
  }
});

t.test('SETTINGS_TIMEOUT wins over idle when both are due', async (t) => {
  const p = new Peer({}, { now: 0, settingsTimeout: 1000, idleTimeout: 500 });
  openWithoutAck(p);
  t.equal(p.conn.nextDeadline(), 500);
  t.match(goAwayOf(check(p, 2000).frames), { errorCode: E.SETTINGS_TIMEOUT });
});

t.test('a negative or NaN timeout is a usage error', async (t) => {
  for (const bad of [-1, NaN]) {
    t.throws(() => new ServerConnection({ settingsTimeout: bad }), { constructor: Http2UsageError, code: 'ERR_INVALID_ARGUMENT' });
    t.throws(() => new ServerConnection({ idleTimeout: bad }), { constructor: Http2UsageError, code: 'ERR_INVALID_ARGUMENT' });
  }
});
