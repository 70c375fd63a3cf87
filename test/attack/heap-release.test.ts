// The collection the attack target's memory is read after: once this
// process's young generation has grown (objects surviving scavenges, as a
// flood's do), it must come back with the young generation shrunk and the
// heap committed close to what is live, which a plain gc() does not do.
import t from 'tap';
import { getHeapSpaceStatistics } from 'node:v8';
import { releaseHeap } from '../../harness/attack/heap-release.js';

const MB = 1024 * 1024;
const youngMb = (): number => (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / MB;

t.test('after a young generation has grown, the release shrinks it and leaves little unused heap', async (t) => {
  // Enough survivors for V8 to grow its young generation in steps, dropped afterwards.
  let keep: Array<{ i: number; a: number[] }> = [];
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < 200_000; i++) {
      const o = { i, a: [i] };
      if (i % 20 === 0) keep.push(o);
    }
  }
  const grown = youngMb();
  t.ok(grown >= 8, `the young generation grew (${grown.toFixed(1)} MB)`);
  t.equal(keep.length, 400_000);
  keep = [];

  t.equal(await releaseHeap(), 'low-memory', 'the inspector is there in a standard Node');
  const young = youngMb();
  const { heapTotal, heapUsed } = process.memoryUsage();
  t.ok(young <= 2, `young generation ${young.toFixed(1)} MB after the release (was ${grown.toFixed(1)})`);
  t.ok(heapTotal - heapUsed < 6 * MB, `heap committed but unused: ${((heapTotal - heapUsed) / MB).toFixed(1)} MB`);
});
