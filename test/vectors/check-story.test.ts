// The vector runner itself: it must report a wrong block, naming the field.
import t from 'tap';
import { checkStory, firstDifference } from '../../harness/vectors/check-story.js';

t.test('a wrong expected header is reported with story block and field', async (t) => {
  const r = checkStory({
    file: 'x.json',
    cases: [{ seqno: 0, headerTableSize: 4096, wire: Uint8Array.of(0x82, 0x84), headers: [[':method', 'GET'], [':path', '/x']] }],
  });
  t.equal(r.failures.length, 1, 'only decoding sees it: the expected list itself round trips');
  t.match(r.failures[0]!, { phase: 'decode', seqno: 0, detail: /field 1: expected ":path: \/x", got ":path: \/"/ });
});

t.test('length differences are described', async (t) => {
  t.match(firstDifference([['a', 'b']], []), /field 0: expected "a: b", got no more fields/);
  t.equal(firstDifference([], []), undefined);
});

t.test('malformed wire is a failure, not a crash', async (t) => {
  const r = checkStory({ file: 'x.json', cases: [{ seqno: 3, headerTableSize: undefined, wire: Uint8Array.of(0x80), headers: [] }] });
  t.match(r.failures[0]!, { phase: 'decode', seqno: 3, detail: /HPACKError HPACK_INDEX_ZERO/ });
});
