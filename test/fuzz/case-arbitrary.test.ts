// The fast-check engine's case generator: one seed gives one sequence of
// cases, every case stays within the shapes the generator promises, its
// weights show up in what it draws, and a failing case shrinks to the part
// that fails.
import t from 'tap';
import fc from 'fast-check';
import { toBytes } from '../../harness/peers/hpack-implementation.js';
import { caseToJson } from '../../harness/fuzz/hpack/case-json.js';
import type { HpackCase } from '../../harness/fuzz/hpack/hpack-case.js';
import { headerSteps } from '../../harness/fuzz/hpack/hpack-case.js';
import { hpackCase } from '../../harness/fuzz/hpack/mutation-arbitraries.js';
import type { Draw } from '../../harness/fuzz/hpack/random-draws.js';
import { int, weighted } from '../../harness/fuzz/hpack/random-draws.js';

const SEED = 20261201;
const json = (cs: HpackCase[]): string => JSON.stringify(cs.map(caseToJson));

t.test('same seed, same cases; another seed, other cases', (t) => {
  t.equal(json(fc.sample(hpackCase, { seed: SEED, numRuns: 200 })), json(fc.sample(hpackCase, { seed: SEED, numRuns: 200 })));
  t.not(json(fc.sample(hpackCase, { seed: SEED + 1, numRuns: 200 })), json(fc.sample(hpackCase, { seed: SEED, numRuns: 200 })));
  t.end();
});

t.test('every case keeps to the generator shapes', (t) => {
  const cases = fc.sample(hpackCase, { seed: SEED, numRuns: 3000 });
  const bad = cases.filter((c) => {
    const lists = headerSteps(c.session);
    return (
      c.session.steps.length < 1 ||
      c.session.steps.length > 60 ||
      lists.some((l) => l.length > 10) ||
      c.mutations.length > 2 ||
      c.mutations.some((m) => m.block < 0 || m.block > 63) ||
      c.session.steps.some((s) => s.kind === 'settings' && (s.size < 0 || s.size > 70_000 || !Number.isInteger(s.size)))
    );
  });
  t.same(bad.map(caseToJson), [], 'no case outside the shapes');
  const fields = cases.flatMap((c) => headerSteps(c.session).flat());
  const long = fields.filter((f) => toBytes(f[0]).length > 16_384 || toBytes(f[1]).length > 16_384).length;
  const sensitive = fields.filter((f) => f[2]?.sensitive === true).length;
  t.ok(long > 0 && long < fields.length / 50, `${long} of ${fields.length} fields over 16 KiB (about one in 200)`);
  t.ok(sensitive > fields.length / 20 && sensitive < fields.length / 6, `${sensitive} of ${fields.length} fields sensitive (about one in twelve)`);
  t.ok(cases.some((c) => c.mutations.length === 0) && cases.some((c) => c.mutations.length === 2), 'cases with no mutation and with two');
  t.ok(cases.some((c) => c.session.steps.length >= 10), 'long sessions too');
  t.end();
});

/** n draws from fast-check's Random (reached through an arbitrary, as the engine reaches it). */
function drawsOf<T>(draw: Draw<T>, n: number): T[] {
  class Draws extends fc.Arbitrary<T[]> {
    generate(r: fc.Random): fc.Value<T[]> {
      return new fc.Value(Array.from({ length: n }, () => draw(r)), undefined);
    }
    // Nothing is shrunk here: the draws are only counted.
    canShrinkWithoutContext(_value: unknown): _value is T[] {
      return false;
    }
    shrink(): fc.Stream<fc.Value<T[]>> {
      return fc.Stream.nil();
    }
  }
  return fc.sample(new Draws(), { seed: SEED, numRuns: 1 })[0]!;
}

t.test('weighted draws follow their weights; int keeps to its bounds and reaches both ends', (t) => {
  const drawn = drawsOf(weighted([[3, () => 'a'], [1, () => 'b']]), 4000);
  const a = drawn.filter((x) => x === 'a').length;
  t.ok(a > 2800 && a < 3200, `${a} of 4000 draws weighted 3:1 were the first`);
  const ints = drawsOf((r) => int(r, 10, 1000), 4000);
  t.ok(ints.every((n) => n >= 10 && n <= 1000 && Number.isInteger(n)), 'within [10, 1000]');
  t.ok(ints.includes(10) && ints.includes(1000), 'both bounds drawn');
  t.end();
});

t.test('a failing case shrinks to the field that fails', (t) => {
  const isBad = (f: readonly [unknown, unknown, unknown?]): boolean => toBytes(f[0] as Uint8Array).length === 0 && toBytes(f[1] as Uint8Array).length > 0;
  const r = fc.check(fc.property(hpackCase, (c) => !headerSteps(c.session).some((l) => l.some(isBad))), { seed: SEED, numRuns: 5000 });
  t.ok(r.failed, `a case with an empty name and a non-empty value is generated (seed ${r.seed})`);
  const c = r.counterexample![0];
  const lists = headerSteps(c.session);
  t.equal(c.session.steps.length, 1, 'one step left');
  t.equal(lists[0]!.length, 1, 'one field left');
  t.equal(c.mutations.length, 0, 'no mutation left');
  t.equal(c.session.deflaterCap, 4096, 'the default cap');
  t.end();
});
