#!/usr/bin/env node
// Imports an hpack-test-case checkout (github.com/http2jp/hpack-test-case)
// into third_party/hpack-test-case/: every story JSON compressed with Brotli
// (quality 11), which keeps one file per story and the upstream folder names
// while taking 3.7 MB instead of 59 MB (gzip -9 would take 5.7 MB). The
// harness reads them with node:zlib, no extraction step.
//   node scripts/import-hpack-test-case.mjs /path/to/hpack-test-case
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const src = process.argv[2];
if (!src || !existsSync(join(src, 'LICENSE'))) {
  console.error('usage: node scripts/import-hpack-test-case.mjs HPACK_TEST_CASE_CHECKOUT (a folder with LICENSE and encoder folders)');
  process.exit(2);
}
const dest = resolve(dirname(fileURLToPath(import.meta.url)), '../third_party/hpack-test-case');
mkdirSync(dest, { recursive: true });
copyFileSync(join(src, 'LICENSE'), join(dest, 'LICENSE'));
// SOURCE-COMMIT: the upstream commit the stories are from (a checkout's `git log -1 --format='%H %ci'`).
if (existsSync(join(src, 'SOURCE-COMMIT'))) copyFileSync(join(src, 'SOURCE-COMMIT'), join(dest, 'SOURCE-COMMIT'));
let files = 0;
let bytes = 0;
for (const folder of readdirSync(src).sort()) {
  const from = join(src, folder);
  if (!statSync(from).isDirectory() || folder.startsWith('.')) continue;
  const stories = readdirSync(from).filter((f) => /^story_\d+\.json$/.test(f)).sort();
  if (stories.length === 0) continue;
  const to = join(dest, folder);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to);
  for (const story of stories) {
    const json = readFileSync(join(from, story));
    JSON.parse(json.toString('utf8')); // refuse to import a file that is not JSON
    const packed = brotliCompressSync(json, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
    });
    writeFileSync(join(to, `${story}.br`), packed);
    files++;
    bytes += packed.length;
  }
}
console.log(`${files} stories, ${(bytes / 1e6).toFixed(1)} MB, in ${dest}`);
