// The HPACK identity stage: every raw-data story deflated by ours and by
// libnghttp2 with the same inputs must give the same bytes and leave the same
// dynamic table after every block (ours is meant to be byte-identical).
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { HDDeflater } from '../../../impl/index.js';
import { Nghttp2Deflater } from '../../peers/nghttp2-hpack.js';
import { defaultVectorsRoot, storyFiles } from '../../vectors/run-vectors.js';
import { loadStory } from '../../vectors/story.js';

export interface IdentityMismatch {
  story: string;
  seqno: number;
  what: 'bytes' | 'table';
  ours: string;
  nghttp2: string;
}

export interface IdentityResult {
  stories: number;
  blocks: number;
  mismatches: IdentityMismatch[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const tableOf = (t: Array<{ name: Uint8Array; value: Uint8Array }>): string[] => t.map((e) => `${hex(e.name)}:${hex(e.value)}`);

export function runNghttp2Identity(storiesDir = join(defaultVectorsRoot(), 'raw-data')): IdentityResult {
  const result: IdentityResult = { stories: 0, blocks: 0, mismatches: [] };
  for (const file of storyFiles(storiesDir)) {
    const story = loadStory(file);
    result.stories++;
    const ours = new HDDeflater();
    const theirs = new Nghttp2Deflater();
    try {
      for (const c of story.cases) {
        result.blocks++;
        const a = ours.deflate(c.headers);
        const b = theirs.deflate(c.headers);
        if (!isDeepStrictEqual(a, b)) {
          result.mismatches.push({ story: file, seqno: c.seqno, what: 'bytes', ours: hex(a), nghttp2: hex(b) });
          break;
        }
        const ta = tableOf(ours.getHdTable());
        const tb = tableOf(theirs.getHdTable());
        if (!isDeepStrictEqual(ta, tb)) {
          result.mismatches.push({ story: file, seqno: c.seqno, what: 'table', ours: ta.join(' '), nghttp2: tb.join(' ') });
          break;
        }
      }
    } finally {
      theirs.destroy();
    }
  }
  return result;
}
