// Our deflater against libnghttp2's nghttp2_hd_deflate_hd (through koffi):
// each indexing rule of deflate-strategy.ts confirmed on its own, then a
// property over random header lists, sensitive flags, table sizes and size
// changes: same bytes, and same tables on both sides after every block.
import t from 'tap';
import type { Test } from 'tap';
import fc from 'fast-check';
import { HDDeflater, HDInflater, type HeaderField } from '../../impl/index.js';
import { Nghttp2Deflater, Nghttp2Inflater, Nghttp2Error } from '../../harness/peers/nghttp2-hpack.js';
import { checkProperty, toHex, tableBytes } from './helpers.js';

/** Deflates each list with both, returns the hex of both sides' blocks. */
function both(lists: HeaderField[][], max = 4096, sizes: Array<number | undefined> = []): { ours: string[]; theirs: string[] } {
  const ours = new HDDeflater(max);
  const theirs = new Nghttp2Deflater(max);
  try {
    const out = { ours: [] as string[], theirs: [] as string[] };
    lists.forEach((list, i) => {
      const size = sizes[i];
      if (size !== undefined) {
        ours.changeTableSize(size);
        theirs.changeTableSize(size);
      }
      out.ours.push(toHex(ours.deflate(list)));
      out.theirs.push(toHex(theirs.deflate(list)));
    });
    return out;
  } finally {
    theirs.destroy();
  }
}

function same(t: Test, name: string, lists: HeaderField[][], max?: number, sizes?: Array<number | undefined>): void {
  const r = both(lists, max, sizes);
  t.same(r.ours, r.theirs, name);
}

t.test('nghttp2 rule: full matches are indexed, dynamic before static', async (t) => {
  same(t, 'static full match', [[[':method', 'GET'], [':status', '200']]]);
  same(t, 'dynamic full match on the second use', [[['x-a', '1']], [['x-a', '1']]]);
  same(t, 'newest of two equal dynamic entries', [[['x-a', '1'], ['x-b', '2'], ['x-a', '1']]]);
});

t.test('nghttp2 rule: name references prefer the static table, else the newest dynamic entry', async (t) => {
  same(t, 'static name + new value', [[['user-agent', 'u1'], ['user-agent', 'u2'], ['user-agent', 'u3']]]);
  same(t, 'dynamic name', [[['x-n', 'v1'], ['x-n', 'v2'], ['x-n', 'v3']]]);
});

t.test('nghttp2 rule: authorization, short cookies and flagged fields are never indexed', async (t) => {
  same(t, 'authorization', [[['authorization', 'Basic abc']], [['authorization', 'Basic abc']]]);
  same(t, 'cookie < 20 bytes', [[['cookie', 'a=1'], ['cookie', 'a=1']]]);
  same(t, 'cookie of 19 and 20 bytes', [[['cookie', 'x'.repeat(19)], ['cookie', 'y'.repeat(20)], ['cookie', 'y'.repeat(20)]]]);
  same(t, 'sensitive flag, even with an indexed match', [[['x-s', 'v'], ['x-s', 'v', { sensitive: true }], [':method', 'GET', { sensitive: true }]]]);
  same(t, 'sensitive new name after a dynamic name', [[['x-s', 'v'], ['x-s', 'w', { sensitive: true }]]]);
});

t.test('nghttp2 rule: volatile fields are not indexed', async (t) => {
  const volatile = [':path', 'age', 'content-length', 'etag', 'if-modified-since', 'if-none-match', 'location', 'set-cookie'];
  same(t, 'each twice', [volatile.map((n) => [n, 'v1'] as HeaderField), volatile.map((n) => [n, 'v1'] as HeaderField)]);
});

t.test('nghttp2 rule: entries above 3/4 of the table are not indexed', async (t) => {
  // 4096 * 3 / 4 = 3072: name 3 + value + 32.
  same(t, 'at and above the bound', [[['x-b', 'v'.repeat(3037)], ['x-c', 'v'.repeat(3038)]]]);
  same(t, 'small table', [[['x-d', 'v'.repeat(10)], ['x-e', 'v'.repeat(20)]]], 64, [64]);
});

t.test('nghttp2 rule: Huffman only when strictly shorter', async (t) => {
  same(t, 'mixed strings', [[['x-h', 'aaaa'], ['x-i', '\u00ff\u00fe'], ['x-j', '<>{}'], ['x-k', '']]]);
});

t.test('a string is matched by its UTF-8, bytes by themselves, whatever the table holds', async (t) => {
  // '\u00e9' as chars equals the byte string of the single byte 0xe9, but its bytes are c3 a9.
  const e9 = Uint8Array.of(0xe9);
  same(t, 'a latin1-looking string after its byte', [[['x-l', e9]], [['x-l', '\u00e9'], ['x-l', e9], ['x-l', '\u00e9']]]);
  same(t, 'a latin1-looking name after its byte', [[[e9, 'v']], [['\u00e9', 'v'], [e9, 'v'], ['\u00e9', 'v']]]);
  same(t, 'ASCII after the non-ASCII entries are evicted', [[['x-l', e9], ['x-m', '\u00e9']], [['x-l', 'a'], ['x-l', 'a']], [['x-l', 'a'], ['x-m', 'b'], ['x-m', 'b']]], 4096, [undefined, 0, 4096]);
  same(t, 'non-ASCII literals while the table is ASCII', [[['x-a', '1'], ['x-a', '\u00fc'], ['user-agent', '\u20ac x'], ['x-\u00fc', 'v'], ['x-a', '\u00fc'], ['x-\u00fc', 'v']]]);
  same(t, 'a static name as chars above 0x7f', [[['\u00e1ccept', 'x'], ['\u00e1ccept', 'x'], ['accept', 'x'], ['accept', 'x']]]);
});

t.test('a static name\'s entries, evicted and added again, are indexed afresh', async (t) => {
  same(t, 'user-agent in a small table', [[['user-agent', 'a'], ['user-agent', 'b'], ['user-agent', 'a']], [['user-agent', 'a'], ['user-agent', 'c']]], 100, [100]);
  same(t, 'evicted by its own next entry', [[['x-z', 'a'.repeat(30)], ['x-z', 'b'.repeat(30)], ['x-z', 'a'.repeat(30)]]], 100, [100]);
});

t.test('nghttp2 rule: a cap below 4096 is announced in the first block; above 4096 the table starts at 4096', async (t) => {
  same(t, 'cap 100', [[['x', 'y']], [['x', 'y']]], 100);
  same(t, 'cap 0', [[['x', 'y']]], 0);
  same(t, 'cap 16384, no change', [[['x', 'y']]], 16384);
  same(t, 'cap 16384, change to 16384', [[['x', 'y']]], 16384, [16384]);
});

t.test('nghttp2 rule: changeTableSize is capped and emits min then final (RFC 7541 §4.2)', async (t) => {
  const r = both([[['x', 'y']], [['x', 'y']], [['x', 'y']]], 4096, [undefined, 1000, 8192]);
  t.same(r.ours, r.theirs, 'same bytes');
  // Shrink then regrow before one block.
  const ours = new HDDeflater(4096);
  const theirs = new Nghttp2Deflater(4096);
  for (const d of [ours, theirs]) {
    d.deflate([['x-a', '1']]);
    d.changeTableSize(0);
    d.changeTableSize(4096);
  }
  const a = toHex(ours.deflate([['x-a', '1']]));
  t.equal(a, toHex(theirs.deflate([['x-a', '1']])), 'shrink+regrow bytes equal');
  t.match(a, /^203fe11f/, 'size update 0, then 4096');
  same(t, 'same size again still signals', [[['x', 'y']], [['x', 'y']]], 4096, [undefined, 4096]);
  theirs.destroy();
});

// Field parts that exercise static names, dynamic names, the special rules,
// Huffman and raw strings, and non-ASCII bytes.
const NAMES = [':method', ':path', ':authority', ':status', 'cookie', 'authorization', 'set-cookie', 'user-agent', 'etag', 'x-a', 'x-b', 'custom'];
const part = fc.oneof(
  fc.constantFrom('', 'GET', '/', '200', 'a', 'value', 'x'.repeat(19), 'y'.repeat(20)),
  fc.string({ maxLength: 30 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ minLength: 100, maxLength: 1500 }),
  // Chars above 0x7f, some of them equal as chars to the bytes above: their UTF-8 differs.
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('\u00e9', '\u00ff\u00fe', Uint8Array.of(0xe9), Uint8Array.of(0xff, 0xfe)),
);
const field: fc.Arbitrary<HeaderField> = fc.tuple(fc.oneof(fc.constantFrom(...NAMES), part), part, fc.boolean()).map(([n, v, s]): HeaderField => (s ? [n, v, { sensitive: true }] : [n, v]));
const block = fc.record({
  sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 20000 })), { maxLength: 3 }),
  headers: fc.array(field, { maxLength: 12 }),
});
const scenario = fc.record({ cap: fc.oneof(fc.constant(4096), fc.integer({ min: 0, max: 20000 })), blocks: fc.array(block, { minLength: 1, maxLength: 6 }) });

t.test('our bytes === libnghttp2 bytes and tables agree after every block', async (t) => {
  checkProperty(
    t,
    'byte and table identity',
    fc.property(scenario, ({ cap, blocks }) => {
      const ours = new HDDeflater(cap);
      const theirs = new Nghttp2Deflater(cap);
      const ourInflater = new HDInflater({ maxTableSize: 4096, maxHeaderListSize: Infinity });
      const theirInflater = new Nghttp2Inflater();
      try {
        for (const { sizes, headers } of blocks) {
          for (const s of sizes) {
            ours.changeTableSize(s);
            theirs.changeTableSize(s);
          }
          if (sizes.length > 0) {
            const limit = Math.min(cap, sizes[sizes.length - 1]!);
            ourInflater.changeTableSize(Math.max(limit, 4096));
            theirInflater.changeTableSize(Math.max(limit, 4096));
          }
          const a = ours.deflate(headers);
          const b = theirs.deflate(headers);
          if (toHex(a) !== toHex(b)) throw new Error(`bytes differ:\n ours ${toHex(a)}\n nghttp2 ${toHex(b)}`);
          ourInflater.inflate(a);
          theirInflater.inflate(b);
          const tables = [ours.getHdTable(), theirs.getHdTable(), ourInflater.getHdTable(), theirInflater.getHdTable()].map((x) => tableBytes(x).join('\n'));
          if (new Set(tables).size !== 1) throw new Error(`tables differ: ${JSON.stringify(tables)}`);
        }
        return true;
      } finally {
        theirs.destroy();
        theirInflater.destroy();
      }
    }),
    { numRuns: 500 },
  );
});

t.test('libnghttp2 errors surface as Nghttp2Error with code and name', async (t) => {
  const inflater = new Nghttp2Inflater();
  t.throws(() => inflater.inflate(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)), Nghttp2Error);
  try {
    inflater.inflate(Uint8Array.of(0x80));
  } catch (err) {
    t.ok(err instanceof Nghttp2Error);
    t.equal((err as Nghttp2Error).code, -523);
    t.equal((err as Nghttp2Error).nghttp2Name, 'NGHTTP2_ERR_HEADER_COMP');
  }
  inflater.destroy();
  inflater.destroy();
  t.throws(() => inflater.inflate(Uint8Array.of(0x82)), /after destroy/);
});
