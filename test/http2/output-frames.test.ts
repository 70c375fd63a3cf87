// OutputFrames writes the frames of one dataToSend() call: take() as one
// buffer, takeParts() as parts for a writev, large payloads handed over
// uncopied. Both must give exactly the octets the typed frame writers give
// for the same frames, in order. Properties with fast-check (seed printed on failure).
import t from 'tap';
import fc from 'fast-check';
import { OutputFrames } from '../../impl/http2/output-frames.js';
import { encodeRawFrame, encodePing, encodeSettingsAck } from '../../impl/http2/frame-encoder.js';
import { checkProperty } from '../hpack/helpers.js';

type Listed = { encoded: Uint8Array } | { type: number; flags: number; streamId: number; payload: Uint8Array };

const listed: fc.Arbitrary<Listed> = fc.oneof(
  fc.constantFrom(encodeSettingsAck(), encodePing(new Uint8Array(8).fill(7), true)).map((encoded) => ({ encoded })),
  fc.record({
    type: fc.integer({ min: 0, max: 9 }),
    flags: fc.integer({ min: 0, max: 255 }),
    streamId: fc.integer({ min: 0, max: 0x7fff_ffff }),
    // Around the no-copy threshold (4096) and well past it.
    payload: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 4090, max: 4100 }), fc.integer({ min: 16_000, max: 16_384 })).map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff)),
  }),
);

function expected(frames: Listed[]): Buffer {
  return Buffer.concat(frames.map((f) => ('encoded' in f ? f.encoded : encodeRawFrame(f))));
}

function list(out: OutputFrames, frames: Listed[]): number {
  let octets = 0;
  for (const f of frames) {
    if ('encoded' in f) {
      out.addEncoded([f.encoded]);
      octets += f.encoded.length;
    } else octets += out.add(f.type, f.flags, f.streamId, f.payload);
  }
  return octets;
}

t.test('take() and takeParts() write exactly the frames listed, in order', async (t) => {
  const out = new OutputFrames();
  checkProperty(
    t,
    'one buffer and the parts both equal the frame writers\' octets',
    fc.property(fc.array(listed, { maxLength: 12 }), (frames) => {
      const want = expected(frames);
      const octets = list(out, frames);
      if (octets !== want.length || out.octets !== want.length) return false;
      if (!Buffer.from(out.take()).equals(want)) return false;
      list(out, frames);
      const parts = out.takeParts();
      // Emptied by each take: nothing carries over to the next call.
      return Buffer.concat(parts).equals(want) && out.octets === 0 && out.take().length === 0;
    }),
  );
});

t.test('takeParts() hands large payloads over uncopied and copies small frames into one part', async (t) => {
  const out = new OutputFrames();
  const body = new Uint8Array(16_384).fill(1);
  out.addEncoded([encodeSettingsAck()]);
  out.add(1, 4, 1, new Uint8Array(20));
  out.add(0, 0, 1, body);
  out.add(0, 1, 1, new Uint8Array(0));
  const parts = out.takeParts();
  t.equal(parts.length, 3, 'a run, the large payload, the run after it');
  t.equal(parts[1], body, 'the large payload is the caller\'s own array');
  t.equal(parts[0]!.length, 9 + 9 + 20 + 9, 'the run holds the ACK, the HEADERS and the DATA frame header');
  t.equal(parts[2]!.length, 9, 'the empty final DATA frame');
  out.addEncoded([encodeSettingsAck()]);
  const lone = out.takeParts();
  t.equal(lone.length, 1);
  t.same([...lone[0]!], [...encodeSettingsAck()], 'a lone control frame goes out as it is');
});
