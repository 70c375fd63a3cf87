// hpack-test-case story files (github.com/http2jp/hpack-test-case): reading
// them leniently, since vectors found in the wild omit or null optional fields.
// A story is plain JSON (an upstream checkout) or compressed: `.json.br` is
// how third_party/hpack-test-case keeps them, `.json.gz` is accepted too.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface StoryCase {
  seqno: number;
  /** SETTINGS_HEADER_TABLE_SIZE acknowledged just before this case, if it changed. */
  headerTableSize: number | undefined;
  /** The encoded block, absent in raw-data stories. */
  wire: Uint8Array | undefined;
  headers: Array<[string, string]>;
}

export interface Story {
  file: string;
  cases: StoryCase[];
}

interface RawCase {
  seqno?: number | null;
  header_table_size?: number | null;
  wire?: string | null;
  headers?: Array<Record<string, string>> | null;
}

/** The file names a story can have: story_00.json, story_00.json.br, story_00.json.gz. */
export const STORY_FILE = /\.json(\.br|\.gz)?$/;

/** A story file's JSON text, decompressed by its extension. */
export function readStoryText(path: string): string {
  const bytes = readFileSync(path);
  if (path.endsWith('.br')) return brotliDecompressSync(bytes).toString('utf8');
  if (path.endsWith('.gz')) return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

/** A story file's name without its compression suffix: story_07.json. */
export function storyName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(br|gz)$/, '');
}

/** Reads one story; throws an Error naming the file when it is not a story at all. */
export function loadStory(path: string): Story {
  const raw = JSON.parse(readStoryText(path)) as { cases?: RawCase[] | null };
  if (raw === null || typeof raw !== 'object') throw new Error(`${path}: not a hpack-test-case story (no object)`);
  const cases = (raw.cases ?? []).map((c, i): StoryCase => {
    const wire = typeof c.wire === 'string' ? Buffer.from(c.wire, 'hex') : undefined;
    if (wire !== undefined && wire.length * 2 !== c.wire!.length) throw new Error(`${path}: case ${i}: wire is not hex`);
    return {
      seqno: typeof c.seqno === 'number' ? c.seqno : i,
      headerTableSize: typeof c.header_table_size === 'number' ? c.header_table_size : undefined,
      wire,
      headers: (c.headers ?? []).flatMap((h) => Object.entries(h)),
    };
  });
  return { file: path, cases };
}
