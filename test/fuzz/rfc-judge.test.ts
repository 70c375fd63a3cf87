// The RFC judge that settles accept/reject disagreements: each RFC 7541 MUST
// the mutators aim at is judged must-reject, each latitude rule may-reject.
import t from 'tap';
import { mutateBlocks } from '../../harness/fuzz/hpack/block-mutations.js';
import { judgeSteps } from '../../harness/fuzz/hpack/rfc-judge.js';
import type { JudgeStep } from '../../harness/fuzz/hpack/rfc-judge.js';
import fc from 'fast-check';
import { Nghttp2Deflater, nghttp2Available } from '../../harness/peers/nghttp2-hpack.js';

const block = (...bytes: number[]): JudgeStep => ({ kind: 'block', bytes: new Uint8Array(bytes) });
const verdict = (...steps: JudgeStep[]) => judgeSteps(steps).at(-1);
const mutated = (m: Parameters<typeof mutateBlocks>[1][number]) => verdict({ kind: 'block', bytes: mutateBlocks([new Uint8Array([0x82])], [m])[0]! });

t.test('valid blocks are valid', async (t) => {
  t.match(verdict(block(0x82, 0x86, 0x84)), { verdict: 'valid' }, 'RFC 7541 C.3.1 prefix: :method GET, :scheme http, :path /');
  t.match(verdict(block(0x40, 0x01, 0x61, 0x00), block(0xbe)), { verdict: 'valid' }, 'index 62 after one insertion');
});

t.test('RFC 7541 MUSTs are must-reject', async (t) => {
  t.match(mutated({ kind: 'index-past-table', block: 0, beyond: -1 }), { verdict: 'must-reject', section: 'RFC 7541 §6.1' }, 'index 0');
  t.match(mutated({ kind: 'index-past-table', block: 0, beyond: 0 }), { verdict: 'must-reject', section: 'RFC 7541 §2.3.3' }, 'index 62, empty table');
  for (const padding of ['long', 'not-ones', 'eos'] as const) t.match(mutated({ kind: 'huffman-padding', block: 0, padding }), { verdict: 'must-reject', section: 'RFC 7541 §5.2' }, `Huffman ${padding}`);
  t.match(mutated({ kind: 'size-updates', block: 0, sizes: [5000], atEnd: false }), { verdict: 'must-reject', section: 'RFC 7541 §6.3' }, 'update over the limit');
  t.match(mutated({ kind: 'cut', block: 0, keep: 0 }), { verdict: 'valid' }, 'cut to nothing is an empty block');
  t.match(verdict(block(0x00, 0x05, 0x61)), { verdict: 'must-reject' }, 'string runs past the block');
});

t.test('latitude is may-reject with its rule', async (t) => {
  t.match(mutated({ kind: 'size-updates', block: 0, sizes: [100], atEnd: true }), { verdict: 'may-reject', rule: 'size-update-after-field' });
  t.match(mutated({ kind: 'oversized-integer', block: 0, continuation: 3, asLength: true }), { verdict: 'may-reject', rule: 'integer-limit' });
  t.match(verdict({ kind: 'settings', size: 100 }, block(0x82)), { verdict: 'may-reject', rule: 'missing-size-update' });
  t.match(verdict({ kind: 'settings', size: 0 }, { kind: 'settings', size: 100 }, block(0x3f, 0x45, 0x82)), { verdict: 'may-reject', rule: 'smallest-size-not-signaled' });
});

const noNghttp2 = nghttp2Available() ? false : 'libnghttp2.so.14 is not installed (apt-get install libnghttp2-14)';

t.test('every Huffman-coded string libnghttp2 writes decodes in the judge to what it was given', { skip: noNghttp2 }, async (t) => {
  // Without indexing, so each block stands alone; libnghttp2 Huffman-codes whatever comes out shorter.
  const r = fc.check(
    // Mostly printable octets, which libnghttp2 Huffman-codes (shorter); any octets otherwise, long codes included.
    fc.property(fc.oneof({ weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((v) => v.map((b) => 0x20 + (b % 95))) }, fc.uint8Array({ minLength: 1, maxLength: 300 })), fc.uint8Array({ maxLength: 40 }), (value, name) => {
      const d = new Nghttp2Deflater(0);
      try {
        const fields = judgeSteps([{ kind: 'block', bytes: d.deflate([[new Uint8Array([0x78, ...name.map((b) => 0x61 + (b % 26))]), value]]) }]).at(-1);
        return fields?.verdict === 'valid' && Buffer.from(fields.fields[0]!.value).equals(Buffer.from(value));
      } finally {
        d.destroy();
      }
    }),
    { numRuns: 2000 },
  );
  t.notOk(r.failed, r.failed ? (fc.defaultReportMessage(r) ?? 'failed') : `2000 strings (seed ${r.seed})`);
});

t.test('Huffman padding: up to 7 one-bits is fine, EOS inside or zero bits is not', async (t) => {
  // Literal without indexing, new name "a", Huffman value: 'a' is 00011 (5 bits), then the padding.
  const literal = (...huffman: number[]) => verdict(block(0x00, 0x01, 0x61, 0x80 | huffman.length, ...huffman));
  t.match(literal(0x1f), { verdict: 'valid', fields: [{ value: new Uint8Array([0x61]) }] }, "'a' and three one-bits");
  t.match(literal(0x1f, 0xff), { verdict: 'must-reject', reason: /padding longer than 7 bits/ }, "'a' then eleven one-bits");
  t.match(literal(0x1f, 0xe0), { verdict: 'must-reject', reason: /not a prefix of EOS/ }, "'a', then bits that end in a zero");
  t.match(literal(0x1c), { verdict: 'must-reject', reason: /not a prefix of EOS/ }, "'a' then 100");
  t.match(literal(0xff, 0xff, 0xff, 0xfc), { verdict: 'must-reject', reason: /contains EOS/ }, 'the 30 bits of EOS');
});
