// RFC 9113 §4.3 and §6.10: field blocks across CONTINUATION frames.
import t from 'tap';
import { ErrorCode as E } from '../../impl/http2/index.js';
import { Peer, bytes, f, outcomeOf, request } from './frames.js';

function split(block: Uint8Array, at: number): [Uint8Array, Uint8Array] {
  return [block.subarray(0, at), block.subarray(at)];
}

t.test('§6.10 HEADERS + CONTINUATION frames make one request', async (t) => {
  const p = new Peer();
  p.handshake();
  const block = p.block(request('/', 'GET', [['x-long', 'y'.repeat(100)]]));
  const r = p.send(
    f.headersRaw(1, block.subarray(0, 5), { endStream: true, endHeaders: false }),
    f.continuation(1, block.subarray(5, 50), false),
    f.continuation(1, block.subarray(50), true),
  );
  t.match(r.events, [{ type: 'RequestReceived', streamId: 1, endStream: true, request: { path: '/' } }, { type: 'StreamEnded' }]);
});

const interrupts: Array<[string, (p: Peer) => Uint8Array]> = [
  ['§6.10 DATA inside a field block', () => f.data(1, bytes('x'), true)],
  ['§6.2 PRIORITY inside a field block', () => f.priority(1, { dependsOn: 0, exclusive: false, weight: 1 })],
  ['§6.10 HEADERS for another stream inside a field block', (p) => p.headers(3, request(), { endStream: true })],
  ['§6.10 CONTINUATION for another stream', () => f.continuation(3, new Uint8Array(0), true)],
  ['§5.5 an unknown frame inside a field block', () => f.raw({ type: 0x42, streamId: 1, payload: bytes('?') })],
  ['§6.10 CONTINUATION on stream 0', () => f.continuation(0, new Uint8Array(0), true)],
];
for (const [name, make] of interrupts) {
  t.test(`${name} is connection PROTOCOL_ERROR`, async (t) => {
    const p = new Peer();
    p.handshake();
    const [a] = split(p.block(request()), 3);
    t.same(outcomeOf(p.send(f.headersRaw(1, a, { endStream: true, endHeaders: false }), make(p)).frames), { connection: E.PROTOCOL_ERROR });
  });
}

t.test('§6.10 CONTINUATION after a complete HEADERS is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(1, request(), { endStream: true }), f.continuation(1, new Uint8Array(0), true)).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§6.10 CONTINUATION after a CONTINUATION with END_HEADERS is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  const [a, b] = split(p.block(request()), 3);
  t.same(outcomeOf(p.send(f.headersRaw(1, a, { endStream: true, endHeaders: false }), f.continuation(1, b, true), f.continuation(1, new Uint8Array(0), true)).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§4.3 an undecodable field block is connection COMPRESSION_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  // 0xff 0xff...: an indexed field with an index far beyond both tables.
  t.same(outcomeOf(p.send(f.headersRaw(1, Uint8Array.of(0xff, 0xff, 0xff, 0x7f), { endStream: true })).frames), { connection: E.COMPRESSION_ERROR });
});

t.test('§10.5.1 a field block over maxHeaderBlockSize is connection ENHANCE_YOUR_CALM', async (t) => {
  const p = new Peer({ maxHeaderBlockSize: 100 });
  p.handshake();
  const r = p.send(f.headersRaw(1, new Uint8Array(60), { endHeaders: false }), f.continuation(1, new Uint8Array(60), false));
  t.same(outcomeOf(r.frames), { connection: E.ENHANCE_YOUR_CALM });
});

t.test('§10.5.1 a field section over maxHeaderListSize is stream PROTOCOL_ERROR and HPACK stays in step', async (t) => {
  const p = new Peer({ maxHeaderListSize: 500 });
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(1, request('/', 'GET', [['x-big', 'z'.repeat(600)]]), { endStream: true })).frames), { stream: 1, code: E.PROTOCOL_ERROR });
  t.same(outcomeOf(p.send(p.headers(3, request(), { endStream: true })).frames), 'accepted');
});

t.test('§4.3 a block on a stream we reset is still decoded, keeping HPACK in step', async (t) => {
  const p = new Peer({ maxConcurrentStreams: 1 });
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  const refused = p.send(p.headers(3, request('/a', 'GET', [['x-new', 'indexed-now']]), { endStream: true }));
  t.same(outcomeOf(refused.frames), { stream: 3, code: E.REFUSED_STREAM });
  p.send(f.rst(1, E.CANCEL));
  // Reset before its response: it holds its place in the stream limit until the application is done with it (CVE-2023-44487).
  p.conn.releaseStream(1);
  const r = p.send(p.headers(5, request('/a', 'GET', [['x-new', 'indexed-now']]), { endStream: true }));
  t.match(r.events, [{ type: 'RequestReceived', streamId: 5, headers: [[':method', 'GET'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/a'], ['x-new', 'indexed-now']] }]);
});
