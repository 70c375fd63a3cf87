// The stories bundled in third_party/hpack-test-case: the licence and the
// source commit travel with them, every folder of the upstream set is there,
// and every compressed story reads back as a story with cases.
import t from 'tap';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BUNDLED_VECTORS, storyFiles } from '../../harness/vectors/run-vectors.js';
import { loadStory, readStoryText, storyName } from '../../harness/vectors/story.js';

t.test('licence, source commit and readme are there', async (t) => {
  t.match(readFileSync(join(BUNDLED_VECTORS, 'LICENSE'), 'utf8'), /Permission is hereby granted/);
  t.match(readFileSync(join(BUNDLED_VECTORS, 'SOURCE-COMMIT'), 'utf8'), /^[0-9a-f]{40} /);
  t.ok(existsSync(join(BUNDLED_VECTORS, 'README.md')));
});

t.test('the 13 upstream folders, each with its stories, all readable', async (t) => {
  const folders = readdirSync(BUNDLED_VECTORS).filter((d) => statSync(join(BUNDLED_VECTORS, d)).isDirectory());
  t.equal(folders.length, 13, folders.join(', '));
  let stories = 0;
  for (const f of folders) {
    const files = storyFiles(join(BUNDLED_VECTORS, f));
    t.ok(files.length >= 31, `${f}: ${files.length} stories`);
    for (const file of files) {
      const s = loadStory(file);
      if (s.cases.length === 0) t.fail(`${file}: no cases`);
      stories++;
    }
  }
  t.equal(stories, 414, 'every story of the source commit');
});

t.test('plain, gzip and Brotli stories read the same', async (t) => {
  const br = storyFiles(join(BUNDLED_VECTORS, 'raw-data'))[0]!;
  const text = readStoryText(br);
  const dir = mkdtempSync(join(tmpdir(), 'h2harness-story-'));
  writeFileSync(join(dir, 'story_00.json'), text);
  writeFileSync(join(dir, 'story_01.json.gz'), gzipSync(text));
  const [plain, gz] = storyFiles(dir);
  t.same(loadStory(plain!).cases, loadStory(br).cases);
  t.same(loadStory(gz!).cases, loadStory(br).cases);
  t.equal(storyName(gz!), 'story_01.json');
  t.equal(storyName(br), 'story_00.json');
});
