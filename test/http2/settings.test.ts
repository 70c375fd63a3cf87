// RFC 9113 §6.5: SETTINGS values, ACKs, and acknowledged-vs-pending local settings.
import t from 'tap';
import { ErrorCode as E, SettingId } from '../../impl/http2/index.js';
import { Peer, f, outcomeOf, request } from './frames.js';

t.test('§3.4 the server preface is a SETTINGS frame with our limits', async (t) => {
  const p = new Peer({ maxConcurrentStreams: 7 });
  const first = p.send(new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')).frames;
  t.match(first[0], { type: 'SETTINGS', ack: false });
  t.match((first[0] as { settings: unknown[] }).settings, [{ id: SettingId.MAX_CONCURRENT_STREAMS, value: 7 }]);
});

t.test('§3.4 an invalid preface is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  t.same(outcomeOf(p.send(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')).frames), { connection: E.PROTOCOL_ERROR });
});

t.test('§3.4 a first frame other than SETTINGS is connection PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  t.same(outcomeOf(p.send(new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), f.ping(new Uint8Array(8), false)).frames), { connection: E.PROTOCOL_ERROR });
});

const bad: Array<[string, number, number, number]> = [
  ['§6.5.2 ENABLE_PUSH 2', SettingId.ENABLE_PUSH, 2, E.PROTOCOL_ERROR],
  ['§6.5.2 INITIAL_WINDOW_SIZE 2^31', SettingId.INITIAL_WINDOW_SIZE, 2 ** 31, E.FLOW_CONTROL_ERROR],
  ['§6.5.2 MAX_FRAME_SIZE 16383', SettingId.MAX_FRAME_SIZE, 16_383, E.PROTOCOL_ERROR],
  ['§6.5.2 MAX_FRAME_SIZE 2^24', SettingId.MAX_FRAME_SIZE, 2 ** 24, E.PROTOCOL_ERROR],
];
for (const [name, id, value, code] of bad) {
  t.test(`${name} is a connection error`, async (t) => {
    const p = new Peer();
    p.handshake();
    t.same(outcomeOf(p.send(f.settings([{ id, value }])).frames), { connection: code });
  });
}

t.test('§6.5.2 unknown settings are ignored and ACKed; §6.5.3 values apply in order', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.settings([{ id: 0x99, value: 5 }, { id: SettingId.INITIAL_WINDOW_SIZE, value: 100 }, { id: SettingId.INITIAL_WINDOW_SIZE, value: 1 }]));
  t.match(r.frames, [{ type: 'SETTINGS', ack: true }]);
  t.equal(p.conn.peerSettings.initialWindowSize, 1);
  p.send(p.headers(1, request(), { endStream: true }));
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, new Uint8Array(10), true);
  t.match(p.read(), [{ type: 'HEADERS' }, { type: 'DATA', data: { length: 1 } }]);
});

t.test('§6.5.3 our INITIAL_WINDOW_SIZE binds only once ACKed', async (t) => {
  const p = new Peer({ initialWindowSize: 65_535 });
  p.handshake();
  p.conn.updateSettings({ initialWindowSize: 10 });
  p.read();
  p.send(p.headers(1, request('/', 'POST')));
  // Not yet acknowledged: the old 65535 still applies.
  t.same(outcomeOf(p.send(f.data(1, new Uint8Array(100), false)).frames), 'accepted');
  p.send(p.headers(3, request('/', 'POST')), f.settingsAck());
  t.same(outcomeOf(p.send(f.data(3, new Uint8Array(11), false)).frames), { stream: 3, code: E.FLOW_CONTROL_ERROR });
});

t.test('§6.5.3 our HEADER_TABLE_SIZE reaches the decoder only on ACK', async (t) => {
  const p = new Peer();
  p.handshake();
  p.conn.updateSettings({ headerTableSize: 0 });
  p.read();
  p.send(f.settingsAck());
  // The decoder now requires a size update to 0 first (RFC 7541 §4.2); a block without it fails.
  p.deflater.changeTableSize(0);
  t.same(outcomeOf(p.send(p.headers(1, request(), { endStream: true })).frames), 'accepted');
});

t.test('§6.5 SETTINGS from the peer are reported and ACKed once', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(f.settings([{ id: SettingId.ENABLE_PUSH, value: 0 }]));
  t.match(r.events, [{ type: 'SettingsReceived', changed: ['enablePush'] }]);
  t.equal(r.frames.filter((x) => x.type === 'SETTINGS' && x.ack).length, 1);
});
