// HDDeflater's API (the seed's), printHdTable, and argument errors.
import t from 'tap';
import { HDDeflater, HDInflater, printHdTable, DEFAULT_HEADER_TABLE_SIZE, DEFLATE_MAX_HEADER_TABLE_SIZE } from '../../impl/index.js';
import { toHex, fieldsText, tableText } from './helpers.js';

t.test('constants are 4096', async (t) => {
  t.equal(DEFAULT_HEADER_TABLE_SIZE, 4096);
  t.equal(DEFLATE_MAX_HEADER_TABLE_SIZE, 4096);
});

t.test('strings and bytes give the same block; UTF-8 for strings', async (t) => {
  const a = new HDDeflater().deflate([['x-ü', 'ünïcode']]);
  const b = new HDDeflater().deflate([[Buffer.from('x-ü'), Buffer.from('ünïcode')]]);
  t.equal(toHex(a), toHex(b));
  t.same(fieldsText(new HDInflater().inflate(a)), ['x-ü: ünïcode']);
});

t.test('a static name given as bytes, and a name whose chars are bytes above 0x7f, are each what their bytes say', async (t) => {
  // ':method: GET' is static index 2 however the name is given (RFC 7541 Appendix A).
  t.equal(toHex(new HDDeflater().deflate([[new TextEncoder().encode(':method'), 'GET']])), '82');
  // 'accept' with a char in 0x80..0xff is no static name: its UTF-8 goes out as a literal name.
  const block = new HDDeflater().deflate([['\u00e1ccept', 'x']]);
  t.equal(block[0], 0x40, 'literal with indexing, new name');
  t.same(fieldsText(new HDInflater().inflate(block)), ['\u00e1ccept: x']);
  // Bytes that are a latin1 spelling of the same chars are another name again.
  const latin1 = new HDDeflater().deflate([[Uint8Array.from([0xe1, 0x63, 0x63, 0x65, 0x70, 0x74]), 'x']]);
  t.not(toHex(latin1), toHex(block));
});

t.test('deflaters share an output buffer, yet a deflate called during another (from a getter) leaves both blocks whole', async (t) => {
  const list = [['x-a', 'one'], ['x-b', 'two'], [':method', 'GET']] as const;
  const expected = toHex(new HDDeflater().deflate(list));
  let inner = '';
  const outer = new HDDeflater();
  const options = {
    get sensitive(): boolean {
      inner = toHex(new HDDeflater().deflate(list));
      return false;
    },
  };
  const block = outer.deflate([list[0], [list[1][0], list[1][1], options], list[2]]);
  t.equal(toHex(block), expected, 'the outer block');
  t.equal(inner, expected, 'the inner block');
  // The same deflater called again from the getter: its own call goes on writing its own block.
  const self = new HDDeflater();
  const reentrant = {
    get sensitive(): boolean {
      self.deflate([['x-z', 'z']]);
      return false;
    },
  };
  const own = self.deflate([list[0], [list[1][0], list[1][1], reentrant], list[2]]);
  t.equal(own[own.length - 1], 0x82, 'the outer block goes on to its last field (:method GET, index 2)');
  const again = new HDDeflater();
  const first = again.deflate(list);
  const firstHex = toHex(first);
  again.deflate([['x-c', 'three']]);
  new HDDeflater().deflate([['x-d', 'four'.repeat(400)]]);
  t.equal(toHex(first), firstHex, 'a block handed out is not written over by later blocks of any deflater');
});

t.test('blocks kept while many more are written stay as they were, wherever the shared buffer ran out', async (t) => {
  // Lengths that do not divide the buffer make strings of every length start
  // at every distance from its end.
  const d = new HDDeflater();
  const lists: Array<Array<[string, string]>> = [];
  const blocks: Uint8Array[] = [];
  for (let n = 0; n < 3000; n++) {
    const list: Array<[string, string]> = [
      [`x-${n % 11}`, 'v'.repeat(n % 97) + n],
      ['user-agent', 'a'.repeat(n % 126)],
      [`x-${n % 5}`, 'w'.repeat((n * 7) % 300)],
    ];
    lists.push(list);
    blocks.push(d.deflate(list));
  }
  const i = new HDInflater({ maxHeaderListSize: Infinity });
  let wrong = 0;
  blocks.forEach((block, n) => {
    if (JSON.stringify(fieldsText(i.inflate(block))) !== JSON.stringify(lists[n]!.map(([a, b]) => `${a}: ${b}`))) wrong++;
  });
  t.equal(wrong, 0, 'every kept block decodes to its list');
});

t.test('sensitive fields are never indexed and never enter the table (RFC 7541 §6.2.3)', async (t) => {
  const d = new HDDeflater();
  const block = d.deflate([['x-secret', 'v', { sensitive: true }]]);
  t.equal(block[0]! & 0xf0, 0x10, 'never-indexed pattern 0001');
  t.same(d.getHdTable(), []);
});

t.test('changeTableSize is capped by the constructor maximum and evicts at once', async (t) => {
  const d = new HDDeflater(1000);
  d.changeTableSize(5000);
  d.deflate([['x-a', 'a'.repeat(500)], ['x-b', 'b'.repeat(400)]]);
  t.same(tableText(d.getHdTable()).map((s) => s.slice(0, 12)), ['(s=435) x-b:', '(s=535) x-a:'].map((s) => s.slice(0, 12)));
  d.changeTableSize(500);
  t.equal(d.getHdTable().length, 1, 'shrinking evicts the oldest at once');
  t.equal(d.getHdTable()[0]!.space(), 435);
});

t.test('several size changes between blocks: minimum then final (RFC 7541 §4.2)', async (t) => {
  const d = new HDDeflater();
  d.changeTableSize(100);
  d.changeTableSize(50);
  d.changeTableSize(2000);
  t.equal(toHex(d.deflate([])), '3f133fb10f', 'update 50, then update 2000');
  t.equal(toHex(d.deflate([])), '', 'nothing pending afterwards');
  d.changeTableSize(2000);
  t.equal(toHex(d.deflate([])), '3fb10f', 'one update when the size only grows or stays');
});

t.test('setNoRefset is accepted, recorded, and changes nothing', async (t) => {
  const a = new HDDeflater();
  const b = new HDDeflater();
  b.setNoRefset(true);
  t.equal(b.noRefsetRequested, true);
  const list: Array<[string, string]> = [['x', 'y'], [':method', 'GET']];
  t.equal(toHex(b.deflate(list)), toHex(a.deflate(list)));
  t.equal(toHex(b.deflate(list)), toHex(a.deflate(list)));
});

t.test('printHdTable prints the seed format', async (t) => {
  const d = new HDDeflater();
  d.deflate([['custom-key', 'custom-value'], [':authority', 'www.example.com']]);
  const lines: string[] = [];
  printHdTable(d.getHdTable(), (l) => lines.push(l));
  t.same(lines, ['[1] (s=57) :authority: www.example.com', '[2] (s=54) custom-key: custom-value']);
});

t.test('wrong arguments are TypeError / RangeError', async (t) => {
  const d = new HDDeflater();
  t.throws(() => d.deflate('x' as never), TypeError);
  t.throws(() => d.deflate([['x']] as never), TypeError);
  t.throws(() => d.deflate([['x', 1]] as never), TypeError);
  t.throws(() => d.deflate([['x', 'y', 'z']] as never), TypeError);
  t.throws(() => d.changeTableSize(-1), RangeError);
  t.throws(() => d.changeTableSize(1.5), TypeError);
  t.throws(() => d.changeTableSize(2 ** 32), RangeError);
  t.throws(() => new HDDeflater(-5), RangeError);
  t.throws(() => new HDDeflater('4096' as never), TypeError);
  t.equal(toHex(d.deflate([['x', 'y']])), toHex(new HDDeflater().deflate([['x', 'y']])), 'a failed call leaves the deflater usable');
});

t.test('deflate is all or nothing: a bad field anywhere leaves the table and the pending size update as they were', async (t) => {
  const d = new HDDeflater();
  d.changeTableSize(1024);
  const good: Array<[string, string]> = [['x-one', '1'], ['x-two', '2']];
  t.throws(() => d.deflate([...good, ['x-three', 3 as never]]), TypeError);
  t.throws(() => d.deflate([...good, ['x-three', '3', 'no' as never]]), TypeError);
  t.equal(d.getHdTable().length, 0, 'nothing entered the table');
  // The block after the failure is the one a fresh deflater makes: the size update is still owed.
  const fresh = new HDDeflater();
  fresh.changeTableSize(1024);
  t.equal(toHex(d.deflate(good)), toHex(fresh.deflate(good)));
});
