// The greedy shrinker the jsfuzz engine uses: it must keep the failure and
// strip everything else, and stop on its time budget.
import t from 'tap';
import { toBytes } from '../../harness/peers/hpack-implementation.js';
import { shrinkCase } from '../../harness/fuzz/hpack/case-shrinker.js';
import type { HpackCase } from '../../harness/fuzz/hpack/hpack-case.js';
import { headerSteps } from '../../harness/fuzz/hpack/hpack-case.js';

const text = (p: string | Uint8Array): string => Buffer.from(toBytes(p)).toString('latin1');
/** "Fails" when some field is named x-bad with a value of at least 3 octets. */
const fails = (c: HpackCase): boolean => headerSteps(c.session).some((l) => l.some((f) => text(f[0]) === 'x-bad' && toBytes(f[1]).length >= 3));

const big: HpackCase = {
  session: {
    deflaterCap: 100,
    steps: [
      { kind: 'headers', fields: [['a', 'b'], ['c', 'd', { sensitive: true }]] },
      { kind: 'settings', size: 64 },
      { kind: 'headers', fields: [['e', 'f'.repeat(300)], ['x-bad', 'value-long', { sensitive: true }], ['g', '']] },
      { kind: 'settings', size: 0 },
    ],
  },
  mutations: [{ kind: 'raw', block: 5, bytes: new Uint8Array([1, 2, 3, 4]) }, { kind: 'cut', block: 1, keep: 3 }],
};

t.test('keeps the failure and nothing else', (t) => {
  const r = shrinkCase(big, fails, 10_000);
  t.ok(r.complete);
  t.ok(fails(r.hpackCase), 'still fails');
  t.same(r.hpackCase.mutations, []);
  t.equal(r.hpackCase.session.deflaterCap, 4096);
  t.equal(r.hpackCase.session.steps.length, 1);
  const [field] = headerSteps(r.hpackCase.session)[0]!;
  t.same([text(field![0]), text(field![1]).length, field![2]], ['x-bad', 3, undefined], 'one field, its value cut to the 3 octets the failure needs, not sensitive');
  t.end();
});

t.test('a zero budget returns the case unchanged and says so', (t) => {
  const r = shrinkCase(big, fails, 0);
  t.equal(r.complete, false);
  t.equal(r.hpackCase, big);
  t.end();
});
