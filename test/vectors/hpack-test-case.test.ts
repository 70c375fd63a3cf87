// Every story of hpack-test-case (../shared/hpack-test-case, or
// $HPACK_TEST_CASE_DIR): one named test per encoder folder and story file.
import t from 'tap';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { defaultVectorsRoot, encoderDirs, storyFiles } from '../../harness/vectors/run-vectors.js';
import { loadStory } from '../../harness/vectors/story.js';
import { checkStory } from '../../harness/vectors/check-story.js';

const root = defaultVectorsRoot();

if (!existsSync(root)) {
  t.fail(`hpack-test-case not found at ${root} (set HPACK_TEST_CASE_DIR)`);
} else {
  const dirs = encoderDirs(root);
  t.ok(dirs.length > 0, `encoder folders under ${root}`);
  for (const dir of dirs) {
    t.test(basename(dir), async (t) => {
      for (const file of storyFiles(dir)) {
        t.test(basename(file), async (t) => {
          const r = checkStory(loadStory(file));
          t.ok(r.blocks > 0, 'has blocks');
          t.same(r.failures, [], `${r.blocks} blocks decode, re-encode and decode back`);
        });
      }
    });
  }
}
