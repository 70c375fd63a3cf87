// RFC 7541 §5.2 Huffman coding, alone, and every symbol against libnghttp2.
import t from 'tap';
import fc from 'fast-check';
import { huffmanEncode, huffmanDecode, huffmanEncodedLength } from '../../impl/hpack/huffman.js';
import { HUFFMAN_CODES, HUFFMAN_LENGTHS } from '../../impl/hpack/huffman-table.js';
import { ByteWriter } from '../../impl/hpack/byte-writer.js';
import { bytesToByteString } from '../../impl/hpack/byte-string.js';
import { Nghttp2Inflater } from '../../harness/peers/nghttp2-hpack.js';
import { errorCode as code, checkProperty, fromHex, toHex } from './helpers.js';

function encode(bytes: Uint8Array): Uint8Array {
  const w = new ByteWriter(1);
  huffmanEncode(w, bytesToByteString(bytes));
  return w.take();
}

function decode(src: Uint8Array, max = Infinity): Uint8Array {
  const out = new Uint8Array(src.length * 2);
  return out.slice(0, huffmanDecode(src, 0, src.length, out, max, 0));
}

t.test('RFC 7541 C.4.1 and C.6.1 strings encode as printed', async (t) => {
  const ascii = (s: string) => Buffer.from(s, 'latin1');
  t.equal(toHex(encode(ascii('www.example.com'))), 'f1e3c2e5f23a6ba0ab90f4ff');
  t.equal(toHex(encode(ascii('no-cache'))), 'a8eb10649cbf');
  t.equal(toHex(encode(ascii('custom-key'))), '25a849e95ba97d7f');
  t.equal(toHex(encode(ascii('custom-value'))), '25a849e95bb8e8b4bf');
  t.equal(toHex(encode(ascii('302'))), '6402');
  t.equal(toHex(encode(ascii('Mon, 21 Oct 2013 20:13:21 GMT'))), 'd07abe941054d444a8200595040b8166e082a62d1bff');
  t.equal(toHex(encode(ascii('https://www.example.com'))), '9d29ad171863c78f0b97c8e9ae82ae43d3');
  t.equal(toHex(decode(fromHex('9d29ad171863c78f0b97c8e9ae82ae43d3'))), toHex(ascii('https://www.example.com')));
});

t.test('the table is the Appendix B code: canonical, complete, EOS all ones', async (t) => {
  t.equal(HUFFMAN_CODES.length, 257);
  t.equal(HUFFMAN_CODES[256], 0x3fffffff);
  t.equal(HUFFMAN_LENGTHS[256], 30);
  let kraft = 0;
  for (let s = 0; s < 257; s++) kraft += 2 ** -HUFFMAN_LENGTHS[s]!;
  t.equal(kraft, 1, 'Kraft sum is exactly 1 (a complete prefix code)');
});

t.test('every symbol 0..255 alone decodes in libnghttp2 to itself', async (t) => {
  // Literal without indexing, new name "x" (raw), value = the symbol, Huffman coded.
  let bad = 0;
  for (let sym = 0; sym < 256; sym++) {
    const inflater = new Nghttp2Inflater();
    const h = encode(Uint8Array.of(sym, sym, sym));
    const block = Uint8Array.of(0x00, 0x01, 0x78, 0x80 | h.length, ...h);
    const [[, value]] = inflater.inflate(block) as [[Uint8Array, Uint8Array]];
    if (toHex(value) !== toHex(Uint8Array.of(sym, sym, sym))) bad++;
    inflater.destroy();
  }
  t.equal(bad, 0, 'symbols libnghttp2 decodes differently');
});

t.test('rejects EOS inside a string (RFC 7541 §5.2)', async (t) => {
  // 30 one-bits (EOS) followed by two ones: 4 bytes of 0xff.
  t.equal(code(() => decode(fromHex('ffffffff'))), 'HPACK_HUFFMAN_EOS');
  // 'a' (00011) then EOS.
  t.equal(code(() => decode(fromHex('1fffffffff'))), 'HPACK_HUFFMAN_EOS');
});

t.test('rejects padding longer than 7 bits or not all ones (RFC 7541 §5.2)', async (t) => {
  t.equal(code(() => decode(fromHex('ff'))), 'HPACK_HUFFMAN_PADDING', '8 bits of padding alone');
  t.equal(code(() => decode(fromHex('1fff'))), 'HPACK_HUFFMAN_PADDING', "'a' then 11 bits of padding");
  t.equal(code(() => decode(fromHex('18'))), 'HPACK_HUFFMAN_PADDING', "'a' then 000 padding");
  t.equal(code(() => decode(fromHex('1e'))), 'HPACK_HUFFMAN_PADDING', "'a' then 110 padding");
  t.equal(toHex(decode(fromHex('1f'))), '61', "'a' then 111 padding is fine");
  t.equal(toHex(decode(new Uint8Array(0))), '', 'empty string');
});

t.test('decoding stops at the length limit', async (t) => {
  t.equal(code(() => decode(encode(Buffer.from('aaaaaaaaaa')), 9)), 'HPACK_FIELD_TOO_LONG');
  t.equal(decode(encode(Buffer.from('aaaaaaaaaa')), 10).length, 10);
});

t.test('huffman round trip of any bytes, length as predicted', async (t) => {
  checkProperty(
    t,
    'round trip',
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const h = encode(bytes);
      return h.length === huffmanEncodedLength(bytesToByteString(bytes)) && toHex(decode(h)) === toHex(bytes);
    }),
    { numRuns: 1000 },
  );
});
