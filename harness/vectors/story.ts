// hpack-test-case story files (github.com/http2jp/hpack-test-case): reading
// them leniently, since vectors found in the wild omit or null optional fields.
import { readFileSync } from 'node:fs';

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

/** Reads one story; throws an Error naming the file when it is not a story at all. */
export function loadStory(path: string): Story {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { cases?: RawCase[] | null };
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
