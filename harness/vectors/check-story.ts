// Checks one hpack-test-case story against impl/hpack: decode every block's
// wire and compare with its headers; then re-encode the story with our
// deflater (honouring table size changes) and decode that back.
import { HDDeflater, HDInflater, HPACKError, type DecodedField, type HDTableEntry } from '../../impl/index.js';
import type { Story } from './story.js';

export interface StoryFailure {
  phase: 'decode' | 're-encode';
  seqno: number;
  /** What differed: the first differing field, or the error. */
  detail: string;
}

export interface StoryResult {
  blocks: number;
  failures: StoryFailure[];
}

const utf8 = new TextEncoder();
const show = new TextDecoder();

export function checkStory(story: Story): StoryResult {
  const failures: StoryFailure[] = [];
  let blocks = 0;
  // 1. Decode the encoder's wire.
  const inflater = new HDInflater();
  for (const c of story.cases) {
    if (c.wire === undefined) continue;
    blocks++;
    const fail = attempt(() => {
      if (c.headerTableSize !== undefined) inflater.changeTableSize(c.headerTableSize);
      return firstDifference(c.headers, inflater.inflate(c.wire!));
    });
    if (fail !== undefined) {
      failures.push({ phase: 'decode', seqno: c.seqno, detail: fail });
      if (fail.startsWith('HPACKError')) break; // the inflater is unusable now
    }
  }
  // 2. Re-encode with our deflater, decode back, compare both tables.
  const cap = Math.max(4096, ...story.cases.map((c) => c.headerTableSize ?? 0));
  const deflater = new HDDeflater(cap);
  const back = new HDInflater({ maxTableSize: 4096 });
  for (const c of story.cases) {
    blocks++;
    const fail = attempt(() => {
      if (c.headerTableSize !== undefined) {
        deflater.changeTableSize(c.headerTableSize);
        back.changeTableSize(c.headerTableSize);
      }
      return firstDifference(c.headers, back.inflate(deflater.deflate(c.headers))) ?? tableDifference(deflater.getHdTable(), back.getHdTable());
    });
    if (fail !== undefined) {
      failures.push({ phase: 're-encode', seqno: c.seqno, detail: fail });
      break;
    }
  }
  return { blocks, failures };
}

function attempt(check: () => string | undefined): string | undefined {
  try {
    return check();
  } catch (err) {
    if (err instanceof HPACKError) return `HPACKError ${err.code}: ${err.message}`;
    return `unexpected ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
}

function field(name: Uint8Array | string, value: Uint8Array | string): string {
  const text = (p: Uint8Array | string): string => (typeof p === 'string' ? p : show.decode(p));
  return JSON.stringify(`${text(name)}: ${text(value)}`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The first field where `got` differs from `want`, described; undefined when equal. */
export function firstDifference(want: ReadonlyArray<[string, string]>, got: DecodedField[]): string | undefined {
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    const w = want[i];
    const g = got[i];
    if (w === undefined) return `field ${i}: expected no more fields, got ${field(g![0], g![1])}`;
    if (g === undefined) return `field ${i}: expected ${field(w[0], w[1])}, got no more fields`;
    if (!sameBytes(utf8.encode(w[0]), g[0]) || !sameBytes(utf8.encode(w[1]), g[1])) {
      return `field ${i}: expected ${field(w[0], w[1])}, got ${field(g[0], g[1])}`;
    }
  }
  return undefined;
}

/** The first entry where two dynamic tables differ, described; undefined when equal. */
export function tableDifference(encoder: HDTableEntry[], decoder: HDTableEntry[]): string | undefined {
  const n = Math.max(encoder.length, decoder.length);
  for (let i = 0; i < n; i++) {
    const a = encoder[i];
    const b = decoder[i];
    if (!a || !b || !sameBytes(a.name, b.name) || !sameBytes(a.value, b.value)) {
      return `dynamic table entry ${i + 1}: encoder has ${a ? field(a.name, a.value) : 'none'}, decoder has ${b ? field(b.name, b.value) : 'none'}`;
    }
  }
  return undefined;
}
