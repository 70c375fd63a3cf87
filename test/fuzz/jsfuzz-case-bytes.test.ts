// The jsfuzz input format: every byte string decodes to a case within the
// limits (so no jsfuzz input can stall a run), and every generated case has
// a byte form that decodes back to it (so seeds mean what they say).
import t from 'tap';
import type { Test } from 'tap';
import fc from 'fast-check';
import { toBytes } from '../../harness/peers/hpack-implementation.js';
import { caseToJson } from '../../harness/fuzz/hpack/case-json.js';
import type { HpackCase } from '../../harness/fuzz/hpack/hpack-case.js';
import { headerSteps } from '../../harness/fuzz/hpack/hpack-case.js';
import { CASE_LIMITS, caseFromBytes, caseToBytes } from '../../harness/fuzz/hpack/jsfuzz/case-bytes.js';
import { hpackCase } from '../../harness/fuzz/hpack/mutation-arbitraries.js';

const stringBytes = (c: HpackCase): number => headerSteps(c.session).reduce((n, l) => n + l.reduce((m, f) => m + toBytes(f[0]).length + toBytes(f[1]).length, 0), 0);
/** The seed is printed either way, and with a counterexample fast-check's report (seed and path, to replay it). */
function check<T>(t: Test, p: fc.IPropertyWithHooks<[T]>, numRuns: number): void {
  const r = fc.check(p, { numRuns });
  t.notOk(r.failed, r.failed ? (fc.defaultReportMessage(r) ?? 'failed') : `${numRuns} runs (seed ${r.seed})`);
}

t.test('a generated case survives the trip to bytes and back', (t) => {
  check(
    t,
    fc.property(
      hpackCase.filter((c) => stringBytes(c) <= CASE_LIMITS.stringBytesPerCase),
      (c) => JSON.stringify(caseToJson(caseFromBytes(caseToBytes(c)))) === JSON.stringify(caseToJson(c)),
    ),
    500,
  );
  t.end();
});

t.test('any bytes decode to a case within the limits', (t) => {
  check(
    t,
    fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      const c = caseFromBytes(bytes);
      const lists = headerSteps(c.session);
      return (
        c.session.steps.length <= CASE_LIMITS.steps &&
        c.mutations.length <= CASE_LIMITS.mutations &&
        lists.every((l) => l.length <= CASE_LIMITS.fieldsPerList) &&
        stringBytes(c) <= CASE_LIMITS.stringBytesPerCase &&
        c.session.steps.every((s) => s.kind === 'headers' || s.size <= CASE_LIMITS.tableSize)
      );
    }),
    2000,
  );
  t.end();
});

t.test('each string form decodes as documented', (t) => {
  // cap 0x0a, op 0 (headers), one field, flags 0, the name under test, an empty value
  const one = (bytes: number[]): Uint8Array => toBytes(headerSteps(caseFromBytes(new Uint8Array([0x0a, 0, 1, 0, ...bytes, 0])).session)[0]![0]![0]);
  t.same([...one([3, 0x61, 0x62, 0x63])], [0x61, 0x62, 0x63], 'raw: a length octet, then the octets');
  t.equal(one([0xc1, 0x61, 0x62, 200]).length, 200, 'repeat with a one-octet length');
  t.equal(Buffer.from(one([0xc1, 0x61, 0x62, 5])).toString(), 'ababa', 'the pattern repeats and is cut at the length');
  t.equal(one([0xe0, 0x7a, 0x40, 0x01]).length, 16_385, 'repeat with a two-octet length: past 16 KiB');
  t.equal(one([0xec, 0x7a, 0xff, 0xff]).length, CASE_LIMITS.stringLength, 'the longest repeat is capped at the limit');
  t.same([...one([0xff, 0x00, 0x09, 1, 2, 3])], [1, 2, 3, 0], 'raw with a two-octet length takes only the octets left (the last one was meant for the value)');
  t.equal(Buffer.from(one([0x80])).toString(), 'x-a', 'a pool entry');
  t.end();
});

t.test('a case whose strings have no byte form is refused, not mangled', (t) => {
  const aperiodic = new Uint8Array(70_000).map((_, i) => (i * 7919) % 251);
  const c: HpackCase = { session: { deflaterCap: 4096, steps: [{ kind: 'headers', fields: [['a', aperiodic]] }] }, mutations: [] };
  t.throws(() => caseToBytes(c), RangeError);
  t.end();
});
