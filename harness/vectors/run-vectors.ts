// The hpack-test-case runner behind `h2harness vectors` and the vector tests:
// a directory is either one encoder folder (holding story_*.json) or a root
// holding encoder folders.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../cli/package-info.js';
import { loadStory } from './story.js';
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

/** The shared copy beside the repository, unless HPACK_TEST_CASE_DIR names another. */
export function defaultVectorsRoot(): string {
  return process.env.HPACK_TEST_CASE_DIR || resolve(projectRoot, '../shared/hpack-test-case');
}

/** Story files of one encoder folder, sorted. */
export function storyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** The encoder folders `dir` stands for: itself if it holds stories, else its sub-folders that do. */
export function encoderDirs(dir: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  if (storyFiles(dir).length > 0) return [dir];
  return readdirSync(dir)
    .sort()
    .map((d) => join(dir, d))
    .filter((d) => statSync(d).isDirectory() && storyFiles(d).length > 0);
}

export function runEncoder(dir: string): EncoderResult {
  const result: EncoderResult = { encoder: basename(dir), dir, stories: 0, blocks: 0, failures: [] };
  for (const file of storyFiles(dir)) {
    const story = basename(file);
    result.stories++;
    try {
      const r = checkStory(loadStory(file));
      result.blocks += r.blocks;
      for (const f of r.failures) result.failures.push({ story, ...f });
    } catch (err) {
      result.failures.push({ story, phase: 'decode', seqno: -1, detail: `cannot read story: ${(err as Error).message}` });
    }
  }
  return result;
}

/** Runs every encoder folder found under `dirs`. */
export function runVectors(dirs: string[]): EncoderResult[] {
  return dirs.flatMap(encoderDirs).map(runEncoder);
}
