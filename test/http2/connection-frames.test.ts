// RFC 9113 §5.3, §5.5, §6.3, §6.4, §6.7, §6.8, §8.4: the connection-level
// frames (PRIORITY, RST_STREAM, PING, GOAWAY, PUSH_PROMISE, unknown types).
import t from 'tap';
import { ErrorCode as E, Http2UsageError, SettingId } from '../../impl/http2/index.js';
import { DRAIN_TIMEOUT_MS } from '../../impl/http2/shutdown.js';
import { Peer, bytes, f, goAwayOf, outcomeOf, request } from './frames.js';

t.test('§5.3.1 PRIORITY depending on itself is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(f.priority(1, { dependsOn: 1, exclusive: false, weight: 16 })).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§5.3.1 HEADERS depending on itself is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.headersRaw(1, p.block(request()), { endStream: true, priority: { dependsOn: 1, exclusive: false, weight: 16 } }));
  t.same(outcomeOf(r.frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§6.3 PRIORITY is reported and changes nothing else', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.priority(9, { dependsOn: 3, exclusive: true, weight: 200 }));
  t.match(r.events, [{ type: 'PriorityReceived', streamId: 9, priority: { dependsOn: 3, exclusive: true, weight: 200 } }]);
  t.same(outcomeOf(r.frames), 'accepted');
});

t.test('§6.4 RST_STREAM closes the stream and is reported with its code (unknown codes kept, §7)', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  const r = p.send(f.rst(1, 0xdead));
  t.match(r.events, [{ type: 'StreamReset', streamId: 1, errorCode: 0xdead }, { type: 'StreamClosed', streamId: 1, errorCode: 0xdead, initiator: 'remote' }]);
  t.same(r.frames, [], 'never answered with RST_STREAM');
});

t.test('§6.7 PING is answered with the same opaque data and ACK', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.ping(bytes('h2harnes'), false));
  t.match(r.frames, [{ type: 'PING', ack: true }]);
  t.equal(Buffer.from((r.frames[0] as { opaque: Uint8Array }).opaque).toString(), 'h2harnes');
  t.same(p.send(f.ping(bytes('ackackac'), true)).frames, [], 'an unsolicited ACK is not answered');
});

t.test('§6.7 our PING comes back with its round-trip time from the time passed in', async (t) => {
  const p = new Peer();
  p.handshake();
  p.now = 1000;
  p.conn.ping(bytes('12345678'), 1000);
  t.match(p.read(), [{ type: 'PING', ack: false }]);
  p.now = 1250;
  t.match(p.send(f.ping(bytes('12345678'), true)).events, [{ type: 'PingAcknowledged', rtt: 250 }]);
});

t.test('§6.8 GOAWAY from the peer is reported; unknown error codes are fine (§7)', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.goaway(0, 0xff, bytes('debug')));
  t.match(r.events, [{ type: 'GoAwayReceived', lastStreamId: 0, errorCode: 0xff }]);
  t.same(outcomeOf(r.frames), 'accepted');
});

t.test('§6.8 graceful goAway: GOAWAY 2^31-1 and a PING, streams opened meanwhile served, then GOAWAY with the last stream, newer streams ignored', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  p.conn.goAway();
  const first = p.read();
  t.match(goAwayOf(first), { lastStreamId: 0x7fffffff, errorCode: E.NO_ERROR });
  const ping = first.find((x): x is Extract<typeof x, { type: 'PING' }> => x.type === 'PING' && !x.ack);
  t.ok(ping, 'a PING goes with the first GOAWAY');
  t.notOk(p.conn.closing, 'not closing before the final GOAWAY');
  // A request the client sent before it saw the first GOAWAY is still served.
  const inFlight = p.send(p.headers(3, request(), { endStream: true }));
  t.match(inFlight.events, [{ type: 'RequestReceived', streamId: 3 }]);
  const acked = p.send(f.ping(ping!.opaque, true));
  t.match(goAwayOf(acked.frames), { lastStreamId: 3, errorCode: E.NO_ERROR });
  t.ok(p.conn.closing);
  const r = p.send(p.headers(5, request(), { endStream: true }), f.data(1, bytes('x'), true));
  t.same(r.events.filter((e) => e.type === 'RequestReceived'), []);
  t.match(r.events, [{ type: 'DataReceived', streamId: 1 }, { type: 'StreamEnded', streamId: 1 }]);
  p.conn.sendHeaders(1, [[':status', '204']], true);
  p.conn.sendHeaders(3, [[':status', '204']], true);
  p.read();
  t.equal(p.conn.activeStreams, 0);
});

t.test('§6.8 graceful goAway: a client that never acknowledges the PING gets the final GOAWAY at the drain deadline', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request(), { endStream: true }));
  p.conn.goAway(E.NO_ERROR, '', 100);
  t.match(goAwayOf(p.read()), { lastStreamId: 0x7fffffff });
  t.equal(p.conn.nextDeadline(), 100 + DRAIN_TIMEOUT_MS);
  t.same(p.conn.checkTimeouts(100 + DRAIN_TIMEOUT_MS - 1), []);
  t.equal(goAwayOf(p.read()), undefined, 'nothing before the deadline');
  p.conn.checkTimeouts(100 + DRAIN_TIMEOUT_MS);
  t.match(goAwayOf(p.read()), { lastStreamId: 1, errorCode: E.NO_ERROR });
  t.ok(p.conn.closing);
});

t.test('§6.8 a connection error sends GOAWAY with the last processed stream id and stops', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(3, request(), { endStream: true }));
  const r = p.send(f.windowUpdate(0, 0));
  t.match(goAwayOf(r.frames), { lastStreamId: 3, errorCode: E.PROTOCOL_ERROR });
  t.match(r.events, [{ type: 'StreamClosed', streamId: 3 }, { type: 'ConnectionTerminated', errorCode: E.PROTOCOL_ERROR, initiator: 'remote', section: '6.9' }]);
  t.ok(p.conn.terminated);
  t.same(p.send(f.ping(new Uint8Array(8), false)).frames, [], 'nothing more is processed');
});

t.test('§8.4 PUSH_PROMISE from a client is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request(), { endStream: true }));
  t.same(outcomeOf(p.send(f.pushPromise(1, 2, p.block(request()), true)).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§8.4 pushPromise is refused when the client disabled push', async (t) => {
  const p = new Peer();
  p.handshake([{ id: SettingId.ENABLE_PUSH, value: 0 }]);
  p.send(p.headers(1, request(), { endStream: true }));
  t.throws(() => p.conn.pushPromise(1, request('/a')), Http2UsageError);
  try {
    p.conn.pushPromise(1, request('/a'));
  } catch (err) {
    t.equal((err as Http2UsageError).code, 'ERR_PUSH_DISABLED');
  }
});

t.test('§5.5 unknown frame types are ignored', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.raw({ type: 0xee, flags: 0xff, streamId: 0, payload: bytes('whatever') }));
  t.match(r.events, [{ type: 'UnknownFrameReceived', frameType: 0xee }]);
  t.same(r.frames, []);
});

t.test('RFC 7540 §3.2 upgrade: HTTP2-Settings applied, the request becomes stream 1', async (t) => {
  const p = new Peer();
  const settings = f.settings([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 3 }]).subarray(9);
  const events = p.conn.upgrade(settings, request('/up'));
  t.match(events, [{ type: 'RequestReceived', streamId: 1, endStream: true, request: { path: '/up' } }, { type: 'StreamEnded', streamId: 1 }]);
  t.equal(p.conn.streamState(1), 'half_closed_remote');
  t.equal(p.conn.peerSettings.initialWindowSize, 3);
  p.handshake();
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, bytes('hello'), true);
  t.match(p.read().filter((x) => x.type === 'DATA'), [{ data: { length: 3 } }]);
});

t.test('usage errors: sending on a stream that is not open, or twice ending', async (t) => {
  const p = new Peer();
  p.handshake();
  t.throws(() => p.conn.sendHeaders(1, [[':status', '200']]), { code: 'ERR_STREAM_STATE' });
  p.send(p.headers(1, request(), { endStream: true }));
  p.conn.sendHeaders(1, [[':status', '200']], true);
  t.throws(() => p.conn.sendData(1, bytes('x'), true), { code: 'ERR_STREAM_STATE' });
});
