// RFC 9113 §6.9: flow control in both directions.
import t from 'tap';
import { ErrorCode as E, SettingId } from '../../impl/http2/index.js';
import { Peer, f, outcomeOf, request } from './frames.js';

function openGet(p: Peer, id = 1): void {
  p.send(p.headers(id, request(), { endStream: true }));
}

t.test('§6.9 WINDOW_UPDATE increment 0 on the connection is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(f.windowUpdate(0, 0)).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§6.9 WINDOW_UPDATE increment 0 on a stream is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  openGet(p);
  t.same(outcomeOf(p.send(f.windowUpdate(1, 0)).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§6.9.1 connection window above 2^31-1 is connection FLOW_CONTROL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(f.windowUpdate(0, 2 ** 31 - 1), f.windowUpdate(0, 2 ** 31 - 1)).frames), { connection: E.FLOW_CONTROL_ERROR });
});

t.test('§6.9.1 stream window above 2^31-1 is stream FLOW_CONTROL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  openGet(p);
  t.same(outcomeOf(p.send(f.windowUpdate(1, 2 ** 31 - 1), f.windowUpdate(1, 2 ** 31 - 1)).frames), { stream: 1, code: E.FLOW_CONTROL_ERROR });
});

t.test('§6.9.1 DATA beyond our stream window is stream FLOW_CONTROL_ERROR', async (t) => {
  const p = new Peer({ initialWindowSize: 100 });
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  t.same(outcomeOf(p.send(f.data(1, new Uint8Array(101), false)).frames), { stream: 1, code: E.FLOW_CONTROL_ERROR });
});

t.test('§6.9.1 DATA beyond the connection window is connection FLOW_CONTROL_ERROR', async (t) => {
  // Credits go back as data arrives, so only one frame larger than the window can overrun it.
  const p = new Peer({ connectionWindowSize: 65_535, initialWindowSize: 1_000_000, maxFrameSize: 100_000 });
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  t.same(outcomeOf(p.send(f.data(1, new Uint8Array(65_536), false)).frames), { connection: E.FLOW_CONTROL_ERROR });
});

t.test('§6.9 received DATA is credited back with WINDOW_UPDATE (padding included)', async (t) => {
  const p = new Peer({ initialWindowSize: 1000, connectionWindowSize: 65_535 });
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  const r = p.send(f.data(1, new Uint8Array(400), false, 200));
  t.match(r.frames, [{ type: 'WINDOW_UPDATE', streamId: 0 }, { type: 'WINDOW_UPDATE', streamId: 1, increment: 601 }].filter((x) => x.streamId === 1));
});

t.test('§6.9.1 we never send more than the peer\'s windows allow; WINDOW_UPDATE releases the rest', async (t) => {
  const p = new Peer();
  p.handshake([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 5 }]);
  openGet(p);
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, new Uint8Array(12), true);
  t.match(p.read(), [{ type: 'HEADERS' }, { type: 'DATA', data: { length: 5 }, endStream: false }]);
  t.equal(p.conn.queuedBytes(1), 7);
  t.match(p.send(f.windowUpdate(1, 100)).frames, [{ type: 'DATA', data: { length: 7 }, endStream: true }]);
});

t.test('§6.9.2 an INITIAL_WINDOW_SIZE change adjusts open streams, even below zero', async (t) => {
  const p = new Peer();
  p.handshake([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 3 }]);
  openGet(p);
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, new Uint8Array(10), true);
  t.match(p.read(), [{ type: 'HEADERS' }, { type: 'DATA', data: { length: 3 } }]);
  // 3 - 3 + (2 - 3) = -1: nothing may be sent until the window is positive again.
  t.same(p.send(f.settings([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 2 }])).frames.filter((x) => x.type === 'DATA'), []);
  t.match(p.send(f.windowUpdate(1, 2)).frames, [{ type: 'DATA', data: { length: 1 } }]);
});

t.test('§6.9.2 an INITIAL_WINDOW_SIZE change that overflows a stream window is connection FLOW_CONTROL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  openGet(p);
  p.send(f.windowUpdate(1, 2 ** 31 - 1 - 65_535));
  t.same(outcomeOf(p.send(f.settings([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 65_536 }])).frames), { connection: E.FLOW_CONTROL_ERROR });
});

t.test('§6.9 the connection window limits all streams together', async (t) => {
  const p = new Peer();
  p.handshake([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 1_000_000 }]);
  openGet(p, 1);
  openGet(p, 3);
  for (const id of [1, 3]) {
    p.conn.sendHeaders(id, [[':status', '200']]);
    p.conn.sendData(id, new Uint8Array(40_000), true);
  }
  const sent = p.read().filter((x) => x.type === 'DATA').reduce((n, x) => n + (x as { data: Uint8Array }).data.length, 0);
  t.equal(sent, 65_535);
});
