// Every story of hpack-test-case (the bundled third_party/hpack-test-case, or
// $HPACK_TEST_CASE_DIR): one named test per encoder folder and story file.
// The stories are part of the repository, so their absence is a failure.
import t from 'tap';
import { basename } from 'node:path';
import { defaultVectorsRoot, encoderDirs, storyFiles, VectorsUnavailableError } from '../../harness/vectors/run-vectors.js';
import { loadStory, storyName } from '../../harness/vectors/story.js';
import { checkStory } from '../../harness/vectors/check-story.js';

const root = defaultVectorsRoot();
let dirs: string[] = [];
try {
  dirs = encoderDirs(root);
} catch (err) {
  if (!(err instanceof VectorsUnavailableError)) throw err;
  t.fail(`${err.message}; ${err.fix}`);
}
for (const dir of dirs) {
  t.test(basename(dir), async (t) => {
    for (const file of storyFiles(dir)) {
      t.test(storyName(file), async (t) => {
        const r = checkStory(loadStory(file));
        t.ok(r.blocks > 0, 'has blocks');
        t.same(r.failures, [], `${r.blocks} blocks decode, re-encode and decode back`);
      });
    }
  });
}
