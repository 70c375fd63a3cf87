// RFC 7541 §5.1 integer representation, alone.
import t from 'tap';
import fc from 'fast-check';
import { encodeInteger, decodeInteger, integerLength, MAX_INTEGER } from '../../impl/hpack/integer.js';
import { ByteWriter } from '../../impl/hpack/byte-writer.js';
import { errorCode as code, checkProperty, fromHex, toHex } from './helpers.js';

function encode(value: number, prefix: number, flags = 0): string {
  const w = new ByteWriter(1);
  encodeInteger(w, value, prefix, flags);
  return toHex(w.take());
}

function decode(hex: string, prefix: number): number {
  const src = fromHex(hex);
  const cur = { pos: 0 };
  const v = decodeInteger(src, src.length, prefix, cur);
  if (cur.pos !== src.length) throw new Error(`consumed ${cur.pos} of ${src.length} bytes`);
  return v;
}

t.test('RFC 7541 C.1.1: 10 with a 5-bit prefix', async (t) => {
  t.equal(encode(10, 5), '0a');
  t.equal(decode('0a', 5), 10);
});

t.test('RFC 7541 C.1.2: 1337 with a 5-bit prefix', async (t) => {
  t.equal(encode(1337, 5), '1f9a0a');
  t.equal(decode('1f9a0a', 5), 1337);
});

t.test('RFC 7541 C.1.3: 42 at an octet boundary', async (t) => {
  t.equal(encode(42, 8), '2a');
  t.equal(decode('2a', 8), 42);
});

t.test('pattern bits above the prefix are kept and ignored when decoding', async (t) => {
  t.equal(encode(3, 4, 0x10), '13');
  t.equal(decode('f3', 4), 3);
  t.equal(encode(15, 4, 0x10), '1f00');
});

t.test('largest value 2^32-1 round trips; one more overflows', async (t) => {
  for (const prefix of [1, 4, 5, 6, 7, 8]) {
    t.equal(decode(encode(MAX_INTEGER, prefix), prefix), MAX_INTEGER, `prefix ${prefix}`);
    t.equal(code(() => decode(encode(MAX_INTEGER + 1, prefix), prefix)), 'HPACK_INTEGER_OVERFLOW', `prefix ${prefix}`);
  }
});

t.test('rejects: truncated, too many continuation bytes, redundant zero bytes', async (t) => {
  t.equal(code(() => decode('', 5)), 'HPACK_TRUNCATED');
  t.equal(code(() => decode('1f', 5)), 'HPACK_TRUNCATED');
  t.equal(code(() => decode('1f9a', 5)), 'HPACK_TRUNCATED');
  t.equal(code(() => decode('1f808080808000', 5)), 'HPACK_INTEGER_OVERFLOW');
  t.equal(code(() => decode('1f8000', 5)), 'HPACK_INTEGER_OVERLONG');
  t.equal(decode('1f00', 5), 31, 'a first continuation byte of 0 is the shortest form of 31');
});

t.test('encode integer positive always round trips with any prefix 1..8', async (t) => {
  checkProperty(
    t,
    'round trip',
    fc.property(fc.integer({ min: 0, max: MAX_INTEGER }), fc.integer({ min: 1, max: 8 }), (value, prefix) => {
      const hex = encode(value, prefix);
      return decode(hex, prefix) === value && hex.length / 2 === integerLength(value, prefix);
    }),
    { numRuns: 2000 },
  );
});
