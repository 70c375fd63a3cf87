// Properties of our deflater/inflater pair: round trips (long strings, large
// tables, size changes), and malformed input only ever raising HPACKError.
import t from 'tap';
import fc from 'fast-check';
import { HDDeflater, HDInflater, HPACKError, type DecodedField, type HeaderField } from '../../impl/index.js';
import { checkProperty, toHex, tableBytes } from './helpers.js';

const part = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom(':method', ':path', 'cookie', 'authorization', 'GET', '/'),
);
const longPart = fc.oneof({ weight: 5, arbitrary: part }, { weight: 1, arbitrary: fc.string({ minLength: 16385, maxLength: 20000 }) });
const field = fc.tuple(part, longPart, fc.boolean()).map(([n, v, s]): HeaderField => (s ? [n, v, { sensitive: true }] : [n, v]));
const utf8 = new TextEncoder();
const bytes = (p: string | Uint8Array) => (typeof p === 'string' ? utf8.encode(p) : p);

t.test('round trip through our pair with any lists, table sizes and size changes', async (t) => {
  checkProperty(
    t,
    'round trip',
    fc.property(
      fc.integer({ min: 0, max: 1 << 20 }),
      fc.array(fc.record({ size: fc.option(fc.integer({ min: 0, max: 1 << 20 })), headers: fc.array(field, { maxLength: 10 }) }), { maxLength: 6 }),
      (cap, blocks) => {
        const d = new HDDeflater(cap);
        const i = new HDInflater({ maxTableSize: 1 << 20, maxHeaderListSize: Infinity, maxFieldLength: Infinity });
        for (const { size, headers } of blocks) {
          if (size !== null) d.changeTableSize(size);
          const got = i.inflate(d.deflate(headers));
          const want = headers.map(([n, v]) => toHex(bytes(n)) + ':' + toHex(bytes(v)));
          if (JSON.stringify(got.map(([n, v]) => toHex(n) + ':' + toHex(v))) !== JSON.stringify(want)) return false;
          if (tableBytes(d.getHdTable()).join('\n') !== tableBytes(i.getHdTable()).join('\n')) return false;
        }
        return true;
      },
    ),
    { numRuns: 150 },
  );
});

/** Valid blocks to corrupt: a few blocks from one deflater, so they reference its table. */
const validBlocks = fc.array(fc.array(field, { maxLength: 6 }), { minLength: 1, maxLength: 3 }).map((lists) => {
  const d = new HDDeflater();
  return lists.map((l) => d.deflate(l));
});

function onlyHPACKErrors(blocks: Uint8Array[]): boolean {
  const i = new HDInflater();
  for (const b of blocks) {
    try {
      i.inflate(b);
    } catch (err) {
      if (!(err instanceof HPACKError)) throw err;
    }
  }
  return true;
}

t.test('mutated valid blocks are decoded or rejected with HPACKError, never anything else', async (t) => {
  checkProperty(
    t,
    'mutations',
    fc.property(validBlocks, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (blocks, edits) => {
      const last = Uint8Array.from(blocks[blocks.length - 1]!);
      for (const [at, byte] of edits) if (last.length > 0) last[at % last.length] = byte;
      return onlyHPACKErrors([...blocks.slice(0, -1), last]);
    }),
    { numRuns: 1000 },
  );
});

t.test('truncated valid blocks are rejected with HPACKError or decode a prefix', async (t) => {
  checkProperty(
    t,
    'truncations',
    fc.property(validBlocks, fc.nat(), (blocks, cut) => {
      const last = blocks[blocks.length - 1]!;
      return onlyHPACKErrors([...blocks.slice(0, -1), last.subarray(0, cut % (last.length + 1))]);
    }),
    { numRuns: 500 },
  );
});

t.test('random bytes are decoded or rejected with HPACKError', async (t) => {
  checkProperty(t, 'random', fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 3 }), onlyHPACKErrors), { numRuns: 2000 });
});

t.test('inflateSpans gives the fields inflate gives, with the same table after every block', async (t) => {
  checkProperty(
    t,
    'inflateSpans = inflate',
    fc.property(fc.array(fc.array(field, { maxLength: 10 }), { maxLength: 6 }), (blocks) => {
      const d = new HDDeflater();
      const copied = new HDInflater({ maxHeaderListSize: Infinity, maxFieldLength: Infinity });
      const spanned = new HDInflater({ maxHeaderListSize: Infinity, maxFieldLength: Infinity });
      // Copied fields share the slab that lent blocks are decoded into: they must survive every lent block after them.
      const kept: Array<[DecodedField[], string[]]> = [];
      for (const headers of blocks) {
        const block = d.deflate(headers);
        const fields = copied.inflate(block);
        const want = fields.map(([n, v]) => toHex(n) + ':' + toHex(v));
        kept.push([fields, want]);
        const { bytes: buf, start, lengths, count } = spanned.inflateSpans(block);
        const got: string[] = [];
        let at = start;
        for (let k = 0; k < count; k++) {
          const n = buf.subarray(at, (at += lengths[2 * k]!));
          const v = buf.subarray(at, (at += lengths[2 * k + 1]!));
          got.push(toHex(n) + ':' + toHex(v));
        }
        if (JSON.stringify(got) !== JSON.stringify(want)) return false;
        if (tableBytes(copied.getHdTable()).join('\n') !== tableBytes(spanned.getHdTable()).join('\n')) return false;
      }
      return kept.every(([fields, want]) => JSON.stringify(fields.map(([n, v]) => toHex(n) + ':' + toHex(v))) === JSON.stringify(want));
    }),
    { numRuns: 150 },
  );
});

t.test('inflateSpans fails as inflate does, and leaves the inflater unusable', async (t) => {
  const i = new HDInflater();
  t.throws(() => i.inflateSpans(Uint8Array.from([0x80])), { code: 'HPACK_INDEX_ZERO' });
  t.throws(() => i.inflateSpans(Uint8Array.from([0x82])), { code: 'HPACK_INFLATER_UNUSABLE' });
});
