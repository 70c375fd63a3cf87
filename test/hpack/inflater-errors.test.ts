// HDInflater: one typed HPACKError per malformed input, limits, size update
// rules (RFC 7541 §4.2, §6.3), and refusal after an error.
import t from 'tap';
import { HDInflater, HPACKError, HPACK_ERROR_CODES, HDDeflater } from '../../impl/index.js';
import { fromHex, fieldsText } from './helpers.js';

function failure(hex: string, inflater = new HDInflater()): string {
  try {
    inflater.inflate(fromHex(hex));
    return 'no error';
  } catch (err) {
    return err instanceof HPACKError ? `${err.code}@${err.offset}` : `not an HPACKError: ${String(err)}`;
  }
}

t.test('each malformed block has its code and offset', async (t) => {
  t.equal(failure('80'), 'HPACK_INDEX_ZERO@0');
  t.equal(failure('82be'), 'HPACK_INDEX_OUT_OF_RANGE@1', 'index 62 with an empty dynamic table');
  t.equal(failure('7f00'), 'HPACK_INDEX_OUT_OF_RANGE@0', 'name index 63');
  t.equal(failure('ff'), 'HPACK_TRUNCATED@0');
  t.equal(failure('4001'), 'HPACK_TRUNCATED@1', 'name literal announces 1 byte, none left');
  t.equal(failure('400178'), 'HPACK_TRUNCATED@3', 'value missing');
  t.equal(failure('ffffffffff0f'), 'HPACK_INTEGER_OVERFLOW@0');
  t.equal(failure('ff8000'), 'HPACK_INTEGER_OVERLONG@0');
  t.match(failure('00017884ffffffff'), /^HPACK_HUFFMAN_EOS@[4-7]$/);
  t.equal(failure('00017881ff'), 'HPACK_HUFFMAN_PADDING@4');
  t.equal(failure('3fe21f'), 'HPACK_SIZE_UPDATE_TOO_LARGE@0', 'update to 4097');
  t.equal(failure('82 20'), 'HPACK_SIZE_UPDATE_NOT_AT_START@1');
});

t.test('several size updates at the start are allowed', async (t) => {
  const i = new HDInflater();
  t.same(fieldsText(i.inflate(fromHex('20 3fe11f 82'))), [':method: GET']);
});

t.test('after the limit is lowered, the next block must start with an update at or below it (RFC 7541 §4.2)', async (t) => {
  const lowered = () => {
    const i = new HDInflater();
    i.changeTableSize(100);
    return i;
  };
  t.equal(failure('82', lowered()), 'HPACK_SIZE_UPDATE_MISSING@0');
  t.equal(failure('', lowered()), 'HPACK_SIZE_UPDATE_MISSING@0');
  t.equal(failure('3f45 82', lowered()), 'no error', 'update to exactly 100 (31 + 69)');
  t.equal(failure('3f46', lowered()), 'HPACK_SIZE_UPDATE_TOO_LARGE@0', 'update to 101');
  const dipped = lowered();
  dipped.changeTableSize(200);
  t.equal(failure('3f77 82', dipped), 'HPACK_SIZE_UPDATE_MISSING@0', 'limit went 100 then 200: a first update of 150 misses the minimum');
  t.equal(failure('20 3f45 82', lowered()), 'no error', 'minimum first, then up to the limit');
  const raised = new HDInflater();
  raised.changeTableSize(8192);
  t.equal(failure('82', raised), 'no error', 'raising needs no update');
  t.equal(failure('3fe13f', raised), 'no error', 'and allows one up to the new limit');
});

t.test('limits: header list size and field length, checked before allocating', async (t) => {
  const d = new HDDeflater();
  const big = d.deflate([['x-big', 'v'.repeat(70000)]]);
  t.match(failure(Buffer.from(big).toString('hex')), /^HPACK_FIELD_TOO_LONG@\d+$/, 'Huffman value: decoding stops at the limit');
  t.equal(failure('0005782d626967 7ff1a104' + '76'.repeat(70000)), 'HPACK_FIELD_TOO_LONG@7', 'raw value: rejected from its announced length');
  const small = new HDInflater({ maxHeaderListSize: 100 });
  t.equal(failure(Buffer.from(new HDDeflater().deflate([['a', 'b'], ['c', 'd'], ['e', 'f']])).toString('hex'), small), 'HPACK_HEADER_LIST_TOO_LARGE@11', 'third field: 2 * 34 + 1 + 32 > 100 before its value is read');
  // 5 bytes announcing a 2^32-2 byte string: rejected without allocating.
  t.match(failure('0001780ffffffffff0f'.slice(0, 18)), /HPACK_(TRUNCATED|FIELD_TOO_LONG|INTEGER_OVERFLOW)/);
  const unlimited = new HDInflater({ maxHeaderListSize: Infinity, maxFieldLength: Infinity });
  t.equal(unlimited.inflate(big)[0]![1].length, 70000);
});

t.test('after an error the inflater refuses every block', async (t) => {
  const i = new HDInflater();
  t.equal(failure('80', i), 'HPACK_INDEX_ZERO@0');
  t.equal(failure('82', i), 'HPACK_INFLATER_UNUSABLE@0');
  try {
    i.inflate(fromHex('82'));
  } catch (err) {
    t.match((err as Error).message, /can no longer be trusted/);
    t.equal(((err as Error).cause as HPACKError).code, 'HPACK_INDEX_ZERO');
  }
});

t.test('wrong arguments are TypeError / RangeError', async (t) => {
  const i = new HDInflater();
  t.throws(() => i.inflate('82' as never), TypeError);
  t.throws(() => i.changeTableSize(-1), RangeError);
  t.throws(() => new HDInflater({ maxHeaderListSize: -1 }), RangeError);
  t.throws(() => new HDInflater({ maxFieldLength: 1.5 }), TypeError);
  t.same(fieldsText(i.inflate(fromHex('82'))), [':method: GET'], 'still usable after misuse');
});

t.test('the exported code list names every code used', async (t) => {
  t.ok(HPACK_ERROR_CODES.includes('HPACK_INFLATER_UNUSABLE'));
  t.equal(new Set(HPACK_ERROR_CODES).size, HPACK_ERROR_CODES.length);
});
