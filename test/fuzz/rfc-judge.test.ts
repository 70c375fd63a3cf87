// The RFC judge that settles accept/reject disagreements: each RFC 7541 MUST
// the mutators aim at is judged must-reject, each latitude rule may-reject.
import t from 'tap';
import { mutateBlocks } from '../../harness/fuzz/hpack/block-mutations.js';
import { judgeSteps } from '../../harness/fuzz/hpack/rfc-judge.js';
import type { JudgeStep } from '../../harness/fuzz/hpack/rfc-judge.js';

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
