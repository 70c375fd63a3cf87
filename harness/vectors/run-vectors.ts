// The hpack-test-case runner behind `h2harness vectors`, the vectors stage of
// `run` and the vector tests: a directory is either one encoder folder
// (holding story files) or a root holding encoder folders. The stories ship
// with the project in third_party/hpack-test-case; HPACK_TEST_CASE_DIR names
// another copy (an upstream checkout, plain JSON, works as is).
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../cli/package-info.js';
import { loadStory, STORY_FILE, storyName } from './story.js';
import { checkStory, type StoryFailure } from './check-story.js';

export interface EncoderFailure extends StoryFailure {
  /** Story file name, e.g. story_07.json. */
  story: string;
}

export interface EncoderResult {
  /** Folder name, e.g. nghttp2 or raw-data. */
  encoder: string;
  dir: string;
  stories: number;
  blocks: number;
  failures: EncoderFailure[];
}

/** The copy that ships with the project (a subset of the folders in the npm package). */
export const BUNDLED_VECTORS = resolve(projectRoot, 'third_party/hpack-test-case');
export const UPSTREAM = 'https://github.com/http2jp/hpack-test-case';

/** The stories' root: $HPACK_TEST_CASE_DIR when set, else the bundled copy. */
export function defaultVectorsRoot(): string {
  return process.env.HPACK_TEST_CASE_DIR || BUNDLED_VECTORS;
}

export type VectorsUnavailableCode = 'VECTORS_MISSING' | 'VECTORS_NOT_A_FOLDER' | 'VECTORS_UNREADABLE' | 'VECTORS_EMPTY';

/**
 * The stories cannot be checked at all: not a failure of the HPACK under
 * test, so every caller reports the check as not run, with `fix`.
 */
export class VectorsUnavailableError extends Error {
  override name = 'VectorsUnavailableError';
  constructor(
    readonly code: VectorsUnavailableCode,
    message: string,
    /** What to do about it, in one sentence. */
    readonly fix: string,
  ) {
    super(message);
  }
}

/** The fix for an unusable root, depending on where it came from. */
function fixFor(dir: string): string {
  if (process.env.HPACK_TEST_CASE_DIR && resolve(dir) === resolve(process.env.HPACK_TEST_CASE_DIR)) {
    return `point HPACK_TEST_CASE_DIR at a checkout of ${UPSTREAM} (git clone ${UPSTREAM}), or unset it to use the copy in ${BUNDLED_VECTORS}`;
  }
  if (resolve(dir) === BUNDLED_VECTORS) {
    return `restore the bundled stories (git checkout -- third_party/hpack-test-case, or reinstall the package), or set HPACK_TEST_CASE_DIR to a checkout of ${UPSTREAM}`;
  }
  return `give a checkout of ${UPSTREAM} (a folder of encoder folders) or one of its encoder folders`;
}

/** Story files of one encoder folder, sorted. */
export function storyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => STORY_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function readable<T>(dir: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new VectorsUnavailableError('VECTORS_MISSING', `no hpack-test-case stories at ${dir} (it does not exist)`, fixFor(dir));
    throw new VectorsUnavailableError('VECTORS_UNREADABLE', `cannot read ${dir}: ${e.code ?? e.message}`, fixFor(dir));
  }
}

/**
 * The encoder folders `dir` stands for: itself if it holds stories, else its
 * sub-folders that do. Throws VectorsUnavailableError when there are none.
 */
export function encoderDirs(dir: string): string[] {
  if (!readable(dir, () => statSync(dir)).isDirectory()) throw new VectorsUnavailableError('VECTORS_NOT_A_FOLDER', `${dir} is not a folder`, fixFor(dir));
  const found = readable(dir, () => {
    if (storyFiles(dir).length > 0) return [dir];
    return readdirSync(dir)
      .sort()
      .map((d) => join(dir, d))
      .filter((d) => statSync(d).isDirectory() && storyFiles(d).length > 0);
  });
  if (found.length === 0) throw new VectorsUnavailableError('VECTORS_EMPTY', `no hpack-test-case stories in ${dir} (no story_NN.json files in it or its sub-folders)`, fixFor(dir));
  return found;
}

export function runEncoder(dir: string): EncoderResult {
  const result: EncoderResult = { encoder: basename(dir), dir, stories: 0, blocks: 0, failures: [] };
  for (const file of storyFiles(dir)) {
    const story = storyName(file);
    result.stories++;
    try {
      const r = checkStory(loadStory(file));
      result.blocks += r.blocks;
      for (const f of r.failures) result.failures.push({ story, ...f });
    } catch (err) {
      // A story that cannot be read is a failed case of its encoder, not a missing data set.
      result.failures.push({ story, phase: 'decode', seqno: -1, detail: `cannot read story: ${(err as Error).message}` });
    }
  }
  return result;
}

/** Runs every encoder folder found under `dirs`; throws VectorsUnavailableError when one has none. */
export function runVectors(dirs: string[]): EncoderResult[] {
  return dirs.flatMap(encoderDirs).map(runEncoder);
}
