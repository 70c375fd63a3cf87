// What every HPACK peer in the comparison is fed, and what it hands back, in
// one binary layout that a C program reads as easily as JavaScript does
// (native/hpack-bench.c documents it): little-endian u32 counts and lengths.
//
//   encode set = stories of header lists (the raw-data stories)
//   decode set = stories of blocks (the nghttp2 stories' wire bytes)
//
// A peer writes back its encoding of the encode set (in the decode-set
// layout) and its decoding of the decode set (in the encode-set layout); the
// parent verifies both after timing.
import { join } from 'node:path';
import { defaultVectorsRoot, storyFiles } from '../../harness/vectors/run-vectors.js';
import { loadStory } from '../../harness/vectors/story.js';

export type ByteField = [Uint8Array, Uint8Array];
export type FieldStories = ByteField[][][];
export type BlockStories = Uint8Array[][];

export interface BenchInput {
  /** Header lists to encode, story by story. */
  encode: FieldStories;
  /** Blocks to decode, story by story, and the lists they decode to. */
  decode: BlockStories;
  decodeExpected: FieldStories;
}

const utf8 = new TextEncoder();
const asBytes = (headers: Array<[string, string]>): ByteField[] => headers.map(([n, v]) => [utf8.encode(n), utf8.encode(v)]);

/** The hpack-test-case stories: raw-data to encode, nghttp2's encodings to decode (all at table size 4096). */
export function loadBenchInput(root = defaultVectorsRoot()): BenchInput {
  const encode = storyFiles(join(root, 'raw-data')).map((f) => loadStory(f).cases.map((c) => asBytes(c.headers)));
  const decodeStories = storyFiles(join(root, 'nghttp2')).map((f) => loadStory(f).cases);
  return {
    encode,
    decode: decodeStories.map((cases) => cases.map((c) => c.wire ?? new Uint8Array(0))),
    decodeExpected: decodeStories.map((cases) => cases.map((c) => asBytes(c.headers))),
  };
}

export const fieldCount = (stories: FieldStories): number => stories.reduce((n, s) => n + s.reduce((m, b) => m + b.length, 0), 0);

class Writer {
  private chunks: Uint8Array[] = [];
  u32(n: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    this.chunks.push(b);
  }
  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.chunks.push(b);
  }
  done(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  u32(): number {
    if (this.pos + 4 > this.buf.length) throw new Error('bench data truncated');
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return n;
  }
  bytes(): Uint8Array {
    const n = this.u32();
    if (this.pos + n > this.buf.length) throw new Error('bench data truncated');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

function writeFields(w: Writer, stories: FieldStories): void {
  w.u32(stories.length);
  for (const story of stories) {
    w.u32(story.length);
    for (const list of story) {
      w.u32(list.length);
      for (const [n, v] of list) {
        w.bytes(n);
        w.bytes(v);
      }
    }
  }
}

function writeBlocks(w: Writer, stories: BlockStories): void {
  w.u32(stories.length);
  for (const story of stories) {
    w.u32(story.length);
    for (const block of story) w.bytes(block);
  }
}

function readFields(r: Reader): FieldStories {
  return Array.from({ length: r.u32() }, () => Array.from({ length: r.u32() }, () => Array.from({ length: r.u32() }, (): ByteField => [r.bytes(), r.bytes()])));
}

function readBlocks(r: Reader): BlockStories {
  return Array.from({ length: r.u32() }, () => Array.from({ length: r.u32() }, () => r.bytes()));
}

/** The input file a peer process reads. */
export function encodeInput(input: Pick<BenchInput, 'encode' | 'decode'>): Uint8Array {
  const w = new Writer();
  writeFields(w, input.encode);
  writeBlocks(w, input.decode);
  return w.done();
}

export function decodeInput(bytes: Uint8Array): Pick<BenchInput, 'encode' | 'decode'> {
  const r = new Reader(bytes);
  return { encode: readFields(r), decode: readBlocks(r) };
}

/** What a peer hands back: its blocks for the encode set, its fields for the decode set. */
export interface PeerOutput {
  encoded: BlockStories;
  decoded: FieldStories;
}

export function encodeOutput(out: PeerOutput): Uint8Array {
  const w = new Writer();
  writeBlocks(w, out.encoded);
  writeFields(w, out.decoded);
  return w.done();
}

export function decodeOutput(bytes: Uint8Array): PeerOutput {
  const r = new Reader(bytes);
  return { encoded: readBlocks(r), decoded: readFields(r) };
}
