// The flood defences of the core, without sockets: the budget of frames that
// do no work (CVE-2019-9511/9512/9513/9515/9518) and the reset rate
// (CVE-2023-44487 rapid reset, CVE-2019-9514 reset flood). Each: the exact
// GOAWAY code and reason, the frame that trips it, and a legitimate client of
// the same shape spread over time that is not cut off.
import t from 'tap';
import { ErrorCode as E, SettingId, type Frame } from '../../impl/http2/index.js';
import { Peer, f, goAwayOf, outcomeOf, request } from './frames.js';

const LIMITS = { maxWorklessFrames: 50, floodWindow: 1000, maxResets: 20, minWindowUpdate: 1024 };
const EMPTY = new Uint8Array(0);

function calmReason(frames: Frame[]): string {
  const g = goAwayOf(frames);
  return g && g.errorCode === E.ENHANCE_YOUR_CALM ? Buffer.from(g.debugData).toString() : `no ENHANCE_YOUR_CALM GOAWAY (${JSON.stringify(g && g.errorCode)})`;
}

/** Sends `n` copies of `frame` one by one at `now`; returns every frame the server wrote. */
function flood(p: Peer, frame: () => Uint8Array, n: number): Frame[] {
  const out: Frame[] = [];
  for (let i = 0; i < n; i++) out.push(...p.send(frame()).frames);
  return out;
}

const workless: Array<[string, (p: Peer) => void, () => Uint8Array, string]> = [
  ['CVE-2019-9518 empty DATA without END_STREAM', (p) => p.send(p.headers(1, request('/', 'POST'))), () => f.data(1, EMPTY, false), 'empty DATA'],
  ['CVE-2019-9518 empty CONTINUATION', (p) => p.send(f.headersRaw(1, p.block(request()), { endStream: true, endHeaders: false })), () => f.continuation(1, EMPTY, false), 'empty field-block fragment'],
  ['CVE-2019-9513 PRIORITY churn', () => undefined, () => f.priority(3, { dependsOn: 5, exclusive: true, weight: 1 }), 'PRIORITY'],
  ['CVE-2019-9511 1-byte WINDOW_UPDATE', () => undefined, () => f.windowUpdate(0, 1), 'small WINDOW_UPDATE'],
  ['CVE-2019-9512 PING', () => undefined, () => f.ping(new Uint8Array(8), false), 'PING'],
  ['CVE-2019-9515 SETTINGS', () => undefined, () => f.settings([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 65_535 }]), 'SETTINGS'],
  ['§5.5 unknown frame types', () => undefined, () => f.raw({ type: 0x42, streamId: 0, payload: EMPTY }), 'unknown-type frame'],
];

for (const [name, setup, frame, kind] of workless) {
  t.test(`${name}: frame ${LIMITS.maxWorklessFrames + 1} in one window is GOAWAY ENHANCE_YOUR_CALM`, async (t) => {
    const p = new Peer(LIMITS);
    p.handshake();
    setup(p);
    // A new window: the handshake's SETTINGS counted in the first one.
    p.now = 10_000;
    const before = flood(p, frame, LIMITS.maxWorklessFrames);
    t.equal(goAwayOf(before), undefined, `${LIMITS.maxWorklessFrames} are within the budget`);
    const after = p.send(frame()).frames;
    t.same(outcomeOf(after), { connection: E.ENHANCE_YOUR_CALM });
    t.match(calmReason(after), new RegExp(`more than ${LIMITS.maxWorklessFrames} frames that do no work in 1000 \\(the last: ${kind}\\)`));
    t.ok(p.conn.terminated);
  });

  t.test(`${name}: the same frames spread over windows are not cut off`, async (t) => {
    const p = new Peer(LIMITS);
    p.handshake();
    setup(p);
    // Ten windows, 40 frames each: 400 in all, never more than 50 per window.
    const out: Frame[] = [];
    for (let w = 0; w < 10; w++) {
      p.now = 1000 * w;
      out.push(...flood(p, frame, 40));
    }
    t.equal(goAwayOf(out), undefined);
    t.notOk(p.conn.terminated);
  });
}

t.test('frames that do work are not counted: ACKs, END_STREAM DATA, large WINDOW_UPDATEs, non-empty CONTINUATION', async (t) => {
  const p = new Peer(LIMITS);
  p.handshake();
  const out: Frame[] = [];
  for (let i = 0; i < 60; i++) {
    const id = 1 + 2 * i;
    const block = p.block(request('/', 'POST'));
    out.push(...p.send(f.headersRaw(id, block.subarray(0, 2), { endHeaders: false }), f.continuation(id, block.subarray(2), true)).frames);
    out.push(...p.send(f.windowUpdate(0, 4096), f.ping(new Uint8Array(8), true), f.data(id, EMPTY, true)).frames);
  }
  t.equal(goAwayOf(out), undefined);
  t.equal(out.filter((x) => x.type === 'RST_STREAM').length, 0);
});

t.test('CVE-2023-44487 rapid reset: reset streams count toward the stream limit until released', async (t) => {
  const p = new Peer({ ...LIMITS, maxConcurrentStreams: 3, maxResets: 100 });
  p.handshake();
  p.now = 5;
  // Three HEADERS + RST_STREAM pairs: each stream closes, but the application has not released it.
  for (const id of [1, 3, 5]) p.send(p.headers(id, request(), { endStream: true }), f.rst(id, E.CANCEL));
  t.same(outcomeOf(p.send(p.headers(7, request(), { endStream: true })).frames, 7), { stream: 7, code: E.REFUSED_STREAM }, 'the fourth is refused');
  p.conn.releaseStream(1);
  const r = p.send(p.headers(9, request(), { endStream: true }));
  t.match(r.events, [{ type: 'RequestReceived', streamId: 9 }], 'released: there is room again');
});

t.test('CVE-2023-44487 rapid reset: more than maxResets resets in one window is GOAWAY ENHANCE_YOUR_CALM', async (t) => {
  const p = new Peer(LIMITS);
  p.handshake();
  p.now = 5;
  let out: Frame[] = [];
  for (let i = 0; i < LIMITS.maxResets; i++) {
    const id = 1 + 2 * i;
    out.push(...p.send(p.headers(id, request(), { endStream: true }), f.rst(id, E.CANCEL)).frames);
    p.conn.releaseStream(id);
  }
  t.equal(goAwayOf(out), undefined, `${LIMITS.maxResets} resets are within the budget`);
  const id = 1 + 2 * LIMITS.maxResets;
  out = p.send(p.headers(id, request(), { endStream: true }), f.rst(id, E.CANCEL)).frames;
  t.same(outcomeOf(out), { connection: E.ENHANCE_YOUR_CALM });
  t.match(calmReason(out), /more than 20 stream resets in 1000 \(CVE-2023-44487 rapid reset/);
});

t.test('a client that cancels a stream now and then is not cut off', async (t) => {
  const p = new Peer(LIMITS);
  p.handshake();
  const out: Frame[] = [];
  for (let i = 0; i < 100; i++) {
    p.now = i * 100; // ten a second, two over the limit of 20 per window would need 21 within 1000
    const id = 1 + 2 * i;
    out.push(...p.send(p.headers(id, request(), { endStream: true }), f.rst(id, E.CANCEL)).frames);
    p.conn.releaseStream(id);
  }
  t.equal(goAwayOf(out), undefined);
});

t.test('resets of answered streams do not count', async (t) => {
  const p = new Peer(LIMITS);
  p.handshake();
  p.now = 5;
  const out: Frame[] = [];
  for (let i = 0; i < 60; i++) {
    const id = 1 + 2 * i;
    p.send(p.headers(id, request('/', 'POST')));
    p.conn.sendHeaders(id, [[':status', '200']], true);
    out.push(...p.read(), ...p.send(f.rst(id, E.CANCEL)).frames);
  }
  t.equal(goAwayOf(out), undefined);
});

t.test('CVE-2019-9514 reset flood: the RST_STREAMs the peer provokes count too', async (t) => {
  const p = new Peer(LIMITS);
  p.handshake();
  p.now = 5;
  const out: Frame[] = [];
  // WINDOW_UPDATE 0 on a stream is a stream error (§6.9): we must reset it.
  for (let i = 0; i <= LIMITS.maxResets; i++) {
    const id = 1 + 2 * i;
    out.push(...p.send(p.headers(id, request(), { endStream: true }), f.windowUpdate(id, 0)).frames);
  }
  t.equal(out.filter((x) => x.type === 'RST_STREAM').length, LIMITS.maxResets + 1);
  t.same(outcomeOf(out.filter((x) => x.type === 'GOAWAY')), { connection: E.ENHANCE_YOUR_CALM });
  t.match(calmReason(out), /stream resets/);
});

t.test('default limits: a PING a millisecond for ten seconds is fine, 1001 in one millisecond is not', async (t) => {
  const p = new Peer();
  p.handshake();
  const out: Frame[] = [];
  for (let i = 0; i < 10_000; i++) {
    p.now = 1000 + i; // from the second window: the handshake's SETTINGS is in the first
    out.push(...p.send(f.ping(new Uint8Array(8), false)).frames);
  }
  t.equal(goAwayOf(out), undefined);
  p.now = 20_000;
  t.same(outcomeOf(flood(p, () => f.ping(new Uint8Array(8), false), 1001)), { connection: E.ENHANCE_YOUR_CALM });
});

t.test('maxFramesPerReceive: one receive() handles that many frames, the next (with no bytes) the rest', async (t) => {
  const p = new Peer({ maxFramesPerReceive: 3 });
  p.handshake();
  const five = [1, 3, 5, 7, 9].map((id) => p.headers(id, request(), { endStream: true }));
  const first = p.send(...five).events.filter((e) => e.type === 'RequestReceived');
  t.same(first.map((e) => e.streamId), [1, 3, 5]);
  t.ok(p.conn.hasBufferedInput);
  const rest = p.send(new Uint8Array(0)).events.filter((e) => e.type === 'RequestReceived');
  t.same(rest.map((e) => e.streamId), [7, 9]);
  t.notOk(p.conn.hasBufferedInput);
});

t.test('maxFramesPerReceive: a partial frame left over is not buffered input', async (t) => {
  const p = new Peer({ maxFramesPerReceive: 1 });
  p.handshake();
  const frame = p.headers(1, request(), { endStream: true });
  p.send(frame.subarray(0, 5));
  t.notOk(p.conn.hasBufferedInput);
  t.match(p.send(frame.subarray(5)).events, [{ type: 'RequestReceived', streamId: 1 }]);
});
