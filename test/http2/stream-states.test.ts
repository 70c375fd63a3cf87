// RFC 9113 §5.1: the stream state machine driven through the connection, in
// scenarios the golden table (stream-state-golden.test.ts) does not spell
// out. Every rule asserts its exact code and scope.
import t from 'tap';
import { ErrorCode as E, SettingId } from '../../impl/http2/index.js';
import { Peer, bytes, f, outcomeOf, request, rstOf } from './frames.js';

t.test('§5.1 idle: DATA, RST_STREAM, WINDOW_UPDATE, CONTINUATION are connection PROTOCOL_ERROR', async (t) => {
  for (const frame of [f.data(1, bytes('x'), true), f.rst(1, E.CANCEL), f.windowUpdate(1, 100), f.continuation(1, new Uint8Array(0), true)]) {
    const p = new Peer();
    p.handshake();
    t.same(outcomeOf(p.send(frame).frames), { connection: E.PROTOCOL_ERROR });
  }
});

t.test('§5.1 idle: PRIORITY does not open the stream; a lower id may still open', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(f.priority(3, { dependsOn: 0, exclusive: false, weight: 16 }));
  const r = p.send(p.headers(1, request(), { endStream: true }));
  t.same(outcomeOf(r.frames), 'accepted');
  t.match(r.events, [{ type: 'RequestReceived', streamId: 1 }, { type: 'StreamEnded', streamId: 1 }]);
});

t.test('§5.1 half-closed (remote): DATA and HEADERS are stream STREAM_CLOSED', async (t) => {
  for (const second of [(p: Peer) => f.data(1, bytes('x'), true), (p: Peer) => p.headers(1, request(), { endStream: true })]) {
    const p = new Peer();
    p.handshake();
    p.send(p.headers(1, request(), { endStream: true }));
    t.same(outcomeOf(p.send(second(p)).frames), { stream: 1, code: E.STREAM_CLOSED });
  }
});

t.test('§5.1 closed after the peer\'s RST_STREAM: DATA and HEADERS are stream STREAM_CLOSED', async (t) => {
  for (const late of [(p: Peer) => f.data(1, bytes('x'), true), (p: Peer) => p.headers(1, request(), { endStream: true })]) {
    const p = new Peer();
    p.handshake();
    p.send(p.headers(1, request('/', 'POST')), f.rst(1, E.CANCEL));
    t.same(outcomeOf(p.send(late(p)).frames), { stream: 1, code: E.STREAM_CLOSED });
  }
});

t.test('§5.1 closed after END_STREAM both ways: DATA and HEADERS are connection STREAM_CLOSED', async (t) => {
  for (const late of [(p: Peer) => f.data(1, bytes('x'), true), (p: Peer) => p.headers(1, request(), { endStream: true })]) {
    const p = new Peer();
    p.handshake();
    p.send(p.headers(1, request(), { endStream: true }));
    p.conn.sendHeaders(1, [[':status', '204']], true);
    p.read();
    t.equal(p.conn.streamState(1), 'closed');
    t.same(outcomeOf(p.send(late(p)).frames), { connection: E.STREAM_CLOSED });
  }
});

t.test('§5.1 closed: WINDOW_UPDATE, RST_STREAM and PRIORITY shortly after closing are ignored', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request(), { endStream: true }));
  p.conn.sendHeaders(1, [[':status', '204']], true);
  p.read();
  t.same(outcomeOf(p.send(f.windowUpdate(1, 10), f.rst(1, E.CANCEL), f.priority(1, { dependsOn: 0, exclusive: false, weight: 1 })).frames), 'accepted');
});

t.test('§5.1 closed after our RST_STREAM: late frames are ignored, DATA still counts for the connection window', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  p.conn.resetStream(1, E.CANCEL);
  t.match(rstOf(p.read(), 1), { errorCode: E.CANCEL });
  const r = p.send(f.data(1, new Uint8Array(1000), false), f.windowUpdate(1, 5));
  t.same(outcomeOf(r.frames), 'accepted');
});

t.test('§6.4 resetStream() on a response whose END_STREAM is queued but not sent resets it: RST_STREAM out, the unsent rest dropped', async (t) => {
  const p = new Peer();
  // A zero window holds the body (and its END_STREAM) in the queue: planned closed, on the wire still half-closed (remote).
  p.handshake([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }]);
  p.send(p.headers(1, request(), { endStream: true }));
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, bytes('queued body'), true);
  t.ok(p.read().some((x) => x.type === 'HEADERS' && x.streamId === 1 && !x.endStream), 'the HEADERS went out, the body waits');
  t.equal(p.conn.streamState(1), 'half_closed_remote');
  p.conn.resetStream(1, E.CANCEL);
  t.match(rstOf(p.read(), 1), { errorCode: E.CANCEL }, 'RST_STREAM CANCEL sent');
  t.equal(p.conn.streamState(1), 'closed');
  t.match(p.conn.takeEvents().find((e) => e.type === 'StreamClosed'), { streamId: 1, errorCode: E.CANCEL });
  t.equal(p.conn.queuedBytes(1), 0, 'the queued body is dropped');
  const after = p.send(f.windowUpdate(0, 1000), f.windowUpdate(1, 1000)).frames;
  t.notOk(after.some((x) => x.type === 'DATA' && x.streamId === 1), 'no DATA follows the reset once the window opens');
  p.conn.resetStream(1, E.CANCEL);
  t.same(p.read(), [], 'a second reset of the closed stream sends nothing');
});

t.test('§5.1.1 an even stream id from the client is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(2, request(), { endStream: true })).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§5.1.1 a stream id lower than one already used is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(5, request(), { endStream: true }));
  t.same(outcomeOf(p.send(p.headers(3, request(), { endStream: true })).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§5.1.2 the stream over SETTINGS_MAX_CONCURRENT_STREAMS is refused with REFUSED_STREAM', async (t) => {
  const p = new Peer({ maxConcurrentStreams: 2 });
  p.handshake();
  const r = p.send(p.headers(1, request(), { endStream: true }), p.headers(3, request(), { endStream: true }), p.headers(5, request(), { endStream: true }));
  t.same(outcomeOf(r.frames), { stream: 5, code: E.REFUSED_STREAM });
  t.match(r.events.filter((e) => e.type === 'RequestReceived'), [{ streamId: 1 }, { streamId: 3 }]);
  // Once one finishes, a new stream is accepted.
  p.conn.sendHeaders(1, [[':status', '204']], true);
  p.read();
  t.same(outcomeOf(p.send(p.headers(7, request(), { endStream: true })).frames), 'accepted');
});

t.test('§5.1 reserved (local): a push promise reserves an even stream that the response opens', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request(), { endStream: true }));
  const id = p.conn.pushPromise(1, request('/style.css'));
  t.equal(id, 2);
  t.equal(p.conn.streamState(2), 'reserved_local');
  p.conn.sendHeaders(2, [[':status', '200']], false);
  p.conn.sendData(2, bytes('css'), true);
  p.conn.sendHeaders(1, [[':status', '200']], true);
  const frames = p.read();
  // The promise always precedes the pushed response (§8.4); the rest may interleave.
  t.match(frames.map((x) => [x.type, 'streamId' in x ? x.streamId : 0]), [['PUSH_PROMISE', 1], ['HEADERS', 2], ['HEADERS', 1], ['DATA', 2]]);
  const pp = frames[0] as Extract<typeof frames[0], { type: 'PUSH_PROMISE' }>;
  t.equal(pp.promisedStreamId, 2);
  t.same(p.decode(pp.fragment), request('/style.css'));
  t.equal(p.conn.streamState(2), 'closed');
});
