// The memo of fields that passed a check (checked-fields.ts): it may spare
// a check only for the very field and check it saw pass.
import t from 'tap';
import { CheckedFields, type FieldCheck } from '../../impl/http2/checked-fields.js';

function counting(): { check: FieldCheck; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    check: (_id, name, value) => {
      calls.push(`${name}: ${value}`);
      if (value.startsWith(' ')) throw new Error('bad value');
    },
  };
}

t.test('a field that passed is not checked again in its slot; another value, name, check or slot is', async (t) => {
  const memo = new CheckedFields(4);
  const a = counting();
  const b = counting();
  memo.check(1, 1, 'x-a', 'v', a.check);
  memo.check(1, 3, 'x-a', 'v', a.check);
  t.same(a.calls, ['x-a: v'], 'the repeat was answered from the memo');
  memo.check(1, 5, 'x-a', 'w', a.check);
  memo.check(1, 7, 'x-b', 'w', a.check);
  memo.check(1, 9, 'x-b', 'w', b.check);
  memo.check(2, 11, 'x-b', 'w', a.check);
  t.same(a.calls, ['x-a: v', 'x-a: w', 'x-b: w', 'x-b: w']);
  t.same(b.calls, ['x-b: w']);
});

t.test('an uncached name (slot -1) is always checked, and a field that failed is never remembered', async (t) => {
  const memo = new CheckedFields(4);
  const a = counting();
  memo.check(-1, 1, 'x-long', 'v', a.check);
  memo.check(-1, 3, 'x-long', 'v', a.check);
  t.same(a.calls.length, 2);
  t.throws(() => memo.check(0, 5, 'x-a', ' bad', a.check));
  t.throws(() => memo.check(0, 7, 'x-a', ' bad', a.check), 'still rejected the second time');
});
