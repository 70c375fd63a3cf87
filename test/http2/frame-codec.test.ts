// RFC 9113 §4 and §6: the frame codec alone, every type both ways, and the
// per-type rules the decoder enforces (exact code and scope).
import t, { type Test } from 'tap';
import {
  ConnectionError,
  ErrorCode as E,
  FrameSplitter,
  FrameType,
  StreamError,
  decodeFrameHeader,
  parseFrame,
  type Frame,
} from '../../impl/http2/index.js';
import { bytes, f } from './frames.js';
import fc from 'fast-check';
import { encodeRawFrame } from '../../impl/http2/frame-encoder.js';
import { checkProperty } from '../hpack/helpers.js';

function parse(frame: Uint8Array): Frame {
  return parseFrame(decodeFrameHeader(frame), frame.subarray(9));
}

function throwsWith(t: Test, fn: () => unknown, scope: 'connection' | 'stream', code: number, section: string): void {
  try {
    fn();
    t.fail('expected an error');
  } catch (err) {
    t.ok(scope === 'connection' ? err instanceof ConnectionError : err instanceof StreamError, `scope ${scope}`);
    t.equal((err as ConnectionError).code, code, `code ${code}`);
    t.equal((err as ConnectionError).section, section, `section ${section}`);
  }
}

t.test('§6.1 DATA round trip, with and without padding', async (t) => {
  t.match(parse(f.data(1, bytes('abc'), true)), { type: 'DATA', streamId: 1, endStream: true, flowLength: 3 });
  const p = parse(f.data(3, bytes('abc'), false, 10));
  t.match(p, { type: 'DATA', streamId: 3, endStream: false, flowLength: 14 });
  t.equal(Buffer.from((p as { data: Uint8Array }).data).toString(), 'abc');
});

t.test('§6.2 HEADERS round trip with priority and padding', async (t) => {
  const fr = parse(f.headersRaw(5, bytes('xyz'), { endStream: true, priority: { dependsOn: 3, exclusive: true, weight: 256 }, padLength: 4 }));
  t.match(fr, { type: 'HEADERS', streamId: 5, endStream: true, endHeaders: true, priority: { dependsOn: 3, exclusive: true, weight: 256 } });
  t.equal(Buffer.from((fr as { fragment: Uint8Array }).fragment).toString(), 'xyz');
});

t.test('every other frame type round-trips', async (t) => {
  t.match(parse(f.priority(7, { dependsOn: 1, exclusive: false, weight: 16 })), { type: 'PRIORITY', streamId: 7, priority: { dependsOn: 1, weight: 16 } });
  t.match(parse(f.rst(1, E.CANCEL)), { type: 'RST_STREAM', streamId: 1, errorCode: E.CANCEL });
  t.match(parse(f.settings([{ id: 4, value: 100 }, { id: 0xff, value: 1 }])), { type: 'SETTINGS', ack: false, settings: [{ id: 4, value: 100 }, { id: 0xff, value: 1 }] });
  t.match(parse(f.settingsAck()), { type: 'SETTINGS', ack: true, settings: [] });
  t.match(parse(f.pushPromise(1, 2, bytes('h'), true)), { type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true });
  t.match(parse(f.ping(bytes('12345678'), true)), { type: 'PING', ack: true });
  t.match(parse(f.goaway(9, E.ENHANCE_YOUR_CALM, bytes('bye'))), { type: 'GOAWAY', lastStreamId: 9, errorCode: E.ENHANCE_YOUR_CALM });
  t.match(parse(f.windowUpdate(0, 1000)), { type: 'WINDOW_UPDATE', streamId: 0, increment: 1000 });
  t.match(parse(f.continuation(1, bytes('c'), false)), { type: 'CONTINUATION', streamId: 1, endHeaders: false });
});

t.test('§4.1 unknown types are kept as UNKNOWN; undefined flags and the reserved bit are ignored', async (t) => {
  t.match(parse(f.raw({ type: 0x42, flags: 0xff, streamId: 1, payload: bytes('?') })), { type: 'UNKNOWN', frameType: 0x42 });
  t.match(parse(f.raw({ type: FrameType.PING, flags: 0xfe, streamId: 0, payload: new Uint8Array(8) })), { type: 'PING', ack: false });
  t.match(parse(f.raw({ type: FrameType.WINDOW_UPDATE, streamId: 3, reservedBit: true, payload: new Uint8Array([0, 0, 0, 1]) })), { streamId: 3 });
});

t.test('§4.2 a frame over SETTINGS_MAX_FRAME_SIZE is a connection FRAME_SIZE_ERROR before its payload arrives', async (t) => {
  const s = new FrameSplitter();
  s.push(f.raw({ type: 0, streamId: 1, length: 16_385 }));
  throwsWith(t, () => s.next(16_384), 'connection', E.FRAME_SIZE_ERROR, '4.2');
});

t.test('the splitter reassembles frames cut at any byte', async (t) => {
  const all = Buffer.concat([f.ping(bytes('abcdefgh'), false), f.data(1, bytes('hello'), true)]);
  const s = new FrameSplitter();
  const got: Frame[] = [];
  for (const b of all) {
    s.push(Uint8Array.of(b));
    for (let r = s.next(16_384); r; r = s.next(16_384)) got.push(parseFrame(r.header, r.payload));
  }
  t.match(got, [{ type: 'PING' }, { type: 'DATA', endStream: true }]);
});

t.test('the splitter hands out every frame, header and payload exact, however the bytes are cut into reads', async (t) => {
  const frame = fc.record({
    type: fc.integer({ min: 0, max: 12 }),
    flags: fc.integer({ min: 0, max: 255 }),
    streamId: fc.integer({ min: 0, max: 0x7fff_ffff }),
    payload: fc.uint8Array({ maxLength: 40 }),
  });
  checkProperty(
    t,
    'frames in, the same frames out',
    fc.property(fc.array(frame, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 30 }), (frames, cuts) => {
      const all = Buffer.concat(frames.map((x) => encodeRawFrame(x)));
      const s = new FrameSplitter();
      const got: Array<{ length: number; type: number; flags: number; streamId: number; payload: string }> = [];
      for (let at = 0, i = 0; at < all.length; i++) {
        const n = cuts[i % cuts.length]!;
        s.push(all.subarray(at, at + n));
        at += n;
        while (s.nextFrame(16_384)) got.push({ ...s.header, payload: Buffer.from(s.payload).toString('hex') });
      }
      const want = frames.map((x) => ({ type: x.type, flags: x.flags, streamId: x.streamId, payload: Buffer.from(x.payload).toString('hex') }));
      return s.buffered === 0 && JSON.stringify(got.map(({ length: _, ...r }) => r)) === JSON.stringify(want) && got.every((g, i) => g.length === frames[i]!.payload.length);
    }),
  );
});

const rules: Array<[string, Uint8Array, 'connection' | 'stream', number, string]> = [
  ['§6.1 DATA on stream 0', f.data(0, bytes('x'), false), 'connection', E.PROTOCOL_ERROR, '6.1'],
  ['§6.1 DATA pad length >= payload', f.raw({ type: 0, flags: 0x8, streamId: 1, payload: Uint8Array.of(5, 1, 2) }), 'connection', E.PROTOCOL_ERROR, '6.1'],
  ['§6.2 HEADERS on stream 0', f.headersRaw(0, bytes('x')), 'connection', E.PROTOCOL_ERROR, '6.2'],
  ['§6.2 HEADERS pad length too large', f.raw({ type: 1, flags: 0xc, streamId: 1, payload: Uint8Array.of(9, 1) }), 'connection', E.PROTOCOL_ERROR, '6.2'],
  ['§6.3 PRIORITY on stream 0', f.priority(0, { dependsOn: 1, exclusive: false, weight: 1 }), 'connection', E.PROTOCOL_ERROR, '6.3'],
  ['§6.3 PRIORITY of 4 octets', f.raw({ type: 2, streamId: 1, payload: new Uint8Array(4) }), 'stream', E.FRAME_SIZE_ERROR, '6.3'],
  ['§6.4 RST_STREAM on stream 0', f.rst(0, 0), 'connection', E.PROTOCOL_ERROR, '6.4'],
  ['§6.4 RST_STREAM of 3 octets', f.raw({ type: 3, streamId: 1, payload: new Uint8Array(3) }), 'connection', E.FRAME_SIZE_ERROR, '6.4'],
  ['§6.5 SETTINGS ACK with payload', f.raw({ type: 4, flags: 1, streamId: 0, payload: new Uint8Array(6) }), 'connection', E.FRAME_SIZE_ERROR, '6.5'],
  ['§6.5 SETTINGS on stream 1', f.raw({ type: 4, streamId: 1 }), 'connection', E.PROTOCOL_ERROR, '6.5'],
  ['§6.5 SETTINGS of 5 octets', f.raw({ type: 4, streamId: 0, payload: new Uint8Array(5) }), 'connection', E.FRAME_SIZE_ERROR, '6.5'],
  ['§6.7 PING on stream 1', f.raw({ type: 6, streamId: 1, payload: new Uint8Array(8) }), 'connection', E.PROTOCOL_ERROR, '6.7'],
  ['§6.7 PING of 6 octets', f.raw({ type: 6, streamId: 0, payload: new Uint8Array(6) }), 'connection', E.FRAME_SIZE_ERROR, '6.7'],
  ['§6.8 GOAWAY on stream 1', f.raw({ type: 7, streamId: 1, payload: new Uint8Array(8) }), 'connection', E.PROTOCOL_ERROR, '6.8'],
  ['§6.8 GOAWAY of 7 octets', f.raw({ type: 7, streamId: 0, payload: new Uint8Array(7) }), 'connection', E.FRAME_SIZE_ERROR, '6.8'],
  ['§6.9 WINDOW_UPDATE of 3 octets', f.raw({ type: 8, streamId: 0, payload: new Uint8Array(3) }), 'connection', E.FRAME_SIZE_ERROR, '6.9'],
  ['§6.10 CONTINUATION on stream 0', f.continuation(0, bytes('x'), true), 'connection', E.PROTOCOL_ERROR, '6.10'],
  ['§6.6 PUSH_PROMISE on stream 0', f.pushPromise(0, 2, bytes('x'), true), 'connection', E.PROTOCOL_ERROR, '6.6'],
];

for (const [name, frame, scope, code, section] of rules) {
  t.test(name, async (t) => throwsWith(t, () => parse(frame), scope, code, section));
}
