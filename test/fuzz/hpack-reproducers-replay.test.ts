// Every committed HPACK reproducer (corpus/hpack/*.json) replays against ours
// with zero failures: a fixed bug stays fixed.
import t from 'tap';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayReproducer } from '../../harness/fuzz/hpack/replay-reproducer.js';

const corpus = resolve(fileURLToPath(import.meta.url), '../../../../corpus/hpack');
const files = readdirSync(corpus).filter((f) => f.endsWith('.json')).sort();

t.ok(files.length > 0, `${files.length} reproducers in corpus/hpack`);
for (const file of files) {
  t.test(file, async (t) => {
    const lines: string[] = [];
    const { failures } = await replayReproducer(join(corpus, file), { log: (l) => lines.push(l) });
    t.equal(failures, 0, failures === 0 ? 'no failure against ours' : lines.join('\n'));
  });
}
