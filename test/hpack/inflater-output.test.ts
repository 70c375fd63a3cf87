// What inflate returns and what the inflater keeps: the returned arrays are
// the caller's (one buffer per block, never the table's bytes), and the
// decoder's ring-buffer table stays equal to the encoder's while it wraps,
// grows and shrinks (RFC 7541 §4.3, §4.4).
import t from 'tap';
import { HDDeflater, HDInflater } from '../../impl/index.js';
import { fieldsText, tableBytes, tableText } from './helpers.js';

const text = new TextEncoder();

t.test('returned arrays are fresh copies: modifying them changes neither the table nor other fields', async (t) => {
  const d = new HDDeflater();
  const i = new HDInflater();
  const first = i.inflate(d.deflate([['x-a', 'one'], [':method', 'GET'], ['x-b', 'two']]));
  t.same(fieldsText(first), ['x-a: one', ':method: GET', 'x-b: two']);
  for (const [name, value] of first) {
    name.fill(0x21);
    value.fill(0x21);
  }
  t.same(tableText(i.getHdTable()), ['(s=38) x-b: two', '(s=38) x-a: one'], 'the table kept its own bytes');
  // Both fields are now sent as indices (RFC 7541 §6.1), so the bytes come from the table and the static table.
  const again = i.inflate(d.deflate([['x-a', 'one'], [':method', 'GET'], ['x-b', 'two']]));
  t.same(fieldsText(again), ['x-a: one', ':method: GET', 'x-b: two']);
  t.not(again[0]![0], first[0]![0]);
  t.same(
    again.map(([n, v]) => [n.byteLength, v.byteLength]),
    [
      [3, 3],
      [7, 3],
      [3, 3],
    ],
    'each array covers exactly its own bytes',
  );
});

t.test('fields that start near a slab\'s end, and fields larger than a slab, come out whole', async (t) => {
  // Blocks are decoded into shared 8 KiB slabs: sizes that do not divide it
  // make fields cross a slab's end while their name or value is decoded.
  const d = new HDDeflater();
  const i = new HDInflater({ maxHeaderListSize: Infinity, maxFieldLength: Infinity });
  const kept: Array<{ got: Array<[Uint8Array, Uint8Array]>; want: string[] }> = [];
  for (let block = 0; block < 120; block++) {
    const size = (block * 397) % 1500;
    const list: Array<[string, string]> = [
      [`x-${block % 7}`, 'v'.repeat(size) + block],
      ['x-raw', String.fromCharCode(...Array.from({ length: size % 200 }, (_, k) => 0x21 + ((k * 31) % 90)))],
      [`x-${block % 7}`, 'v'.repeat(size) + block],
    ];
    if (block % 40 === 39) list.push(['x-large', 'L'.repeat(9000 + block)]);
    kept.push({ got: i.inflate(d.deflate(list)), want: list.map(([n, v]) => `${n}: ${v}`) });
  }
  // Checked after all blocks are decoded: no later block wrote over an earlier one's fields.
  t.equal(kept.filter(({ got, want }) => JSON.stringify(fieldsText(got)) !== JSON.stringify(want)).length, 0, 'every field as sent');
  t.same(tableBytes(i.getHdTable()), tableBytes(d.getHdTable()), 'same table');
});

t.test('the ring table follows the encoder through wrap-around, growth and shrinking', async (t) => {
  const d = new HDDeflater(1 << 16);
  const i = new HDInflater({ maxTableSize: 1 << 16 });
  let differences = 0;
  for (let block = 0; block < 400; block++) {
    if (block % 97 === 50) d.changeTableSize(block % 2 === 0 ? 300 : 9000);
    if (block % 97 === 80) d.changeTableSize(4096);
    // Sizes vary so that entries straddle the end of the ring.
    const headers: Array<[string, string]> = [[`x-${block % 13}`, 'v'.repeat((block * 7) % 61) + block]];
    const got = i.inflate(d.deflate(headers));
    if (fieldsText(got)[0] !== `${headers[0]![0]}: ${headers[0]![1]}`) differences++;
    if (tableBytes(d.getHdTable()).join('\n') !== tableBytes(i.getHdTable()).join('\n')) differences++;
  }
  t.equal(differences, 0);
});

t.test('an indexed name read from an entry the same field evicts is read before the eviction (RFC 7541 §4.4)', async (t) => {
  const i = new HDInflater();
  // Size update to 60 (one small entry fits), then "x: 1" is added.
  const name = text.encode('x');
  const block = Uint8Array.from([0x3f, 0x1d, 0x40, name.length, ...name, 0x01, 0x31]);
  t.same(fieldsText(i.inflate(block)), ['x: 1']);
  // 0x7e = literal with incremental indexing, name index 62 (the entry it evicts).
  t.same(fieldsText(i.inflate(Uint8Array.from([0x7e, 0x02, 0x32, 0x32]))), ['x: 22']);
  t.same(tableText(i.getHdTable()), ['(s=35) x: 22']);
});

t.test('empty entries at the ring boundary keep their place when the ring is resized', async (t) => {
  // Found by the libnghttp2 identity property: an empty entry that wrapped
  // to offset 0 was taken for the oldest one's neighbour on resizing.
  const d = new HDDeflater();
  const i = new HDInflater();
  const steps: Array<[number | undefined, Array<[string | Uint8Array, string | Uint8Array]>]> = [
    [undefined, [[new Uint8Array(0), Uint8Array.of(0)]]],
    [65, [['', '']]],
    [98, [['', Uint8Array.of(1)]]],
    [65, []],
    [undefined, []],
  ];
  for (const [size, headers] of steps) {
    if (size !== undefined) d.changeTableSize(size);
    i.inflate(d.deflate(headers));
    t.same(tableBytes(i.getHdTable()), tableBytes(d.getHdTable()));
  }
});

t.test('dynamicTableSize() is the sum of name + value + 32 over the entries (RFC 7541 §4.1), on both sides, through eviction', async (t) => {
  const d = new HDDeflater(256);
  const i = new HDInflater({ maxTableSize: 256 });
  const sum = (entries: ReadonlyArray<{ name: Uint8Array; value: Uint8Array }>): number => entries.reduce((n, e) => n + e.name.length + e.value.length + 32, 0);
  let checked = 0;
  for (let block = 0; block < 40; block++) {
    if (block === 25) d.changeTableSize(100);
    i.inflate(d.deflate([[`x-${block % 7}`, 'v'.repeat(block % 23)]]));
    t.equal(d.dynamicTableSize(), sum(d.getHdTable()), `deflater after block ${block}`);
    t.equal(i.dynamicTableSize(), sum(i.getHdTable()), `inflater after block ${block}`);
    if (d.getHdTable().length > 0) checked++;
  }
  t.ok(checked > 30, 'most blocks leave entries to count');
});
