// Each JavaScript HPACK peer driven through its own API, the way its users
// call it (not through the seed-API adapters the fuzzers use, which convert
// every field for hpack.js). Input is converted to the peer's own shape
// before timing (`prepare`), and output back to bytes after (`toBytes`).
import type { BlockStories, ByteField, FieldStories } from './bench-input.js';

/**
 * Outputs go to a callback, one block or list at a time: the timed runs drop
 * them, as a server does once a block is handled (keeping every run's 40 000
 * decoded fields alive made the JavaScript peers pay for promoting them to
 * the old generation, which native C never does); the verification run keeps them.
 */
export interface OwnApiCodec<Prepared, Decoded> {
  /** The header lists in the shape this peer's users hold them. Untimed. */
  prepare(encode: FieldStories, decode: BlockStories): { lists: Prepared; blocks: unknown[][] };
  /** One deflater per story (table size 4096), every list deflated. Timed. */
  encodeAll(lists: Prepared, onBlock: (story: number, block: Uint8Array) => void): void;
  /** One inflater per story, every block inflated. Timed. */
  decodeAll(blocks: unknown[][], onList: (story: number, list: Decoded) => void): void;
  /** A decoded list as bytes, for verification. Untimed. */
  toBytes(list: Decoded): ByteField[];
}

export const OWN_API_PEERS = ['ours', 'hpackjs', 'nghttp2-koffi'] as const;
export type OwnApiPeer = (typeof OWN_API_PEERS)[number];

const text = new TextDecoder();
const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const latin1Bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** Ours: `new HDDeflater(4096).deflate([[name, value], …])` on strings, `new HDInflater().inflate(block)` to bytes. */
async function ours(): Promise<OwnApiCodec<Array<Array<Array<[string, string]>>>, ByteField[]>> {
  const { HDDeflater, HDInflater } = await import('../../impl/index.js');
  return {
    prepare: (encode, decode) => ({ lists: encode.map((s) => s.map((l) => l.map(([n, v]): [string, string] => [text.decode(n), text.decode(v)]))), blocks: decode }),
    encodeAll: (lists, onBlock) =>
      lists.forEach((story, s) => {
        const d = new HDDeflater(4096);
        for (const l of story) onBlock(s, d.deflate(l));
      }),
    decodeAll: (blocks, onList) =>
      blocks.forEach((story, s) => {
        const i = new HDInflater();
        for (const b of story) onList(s, i.inflate(b as Uint8Array));
      }),
    toBytes: (list) => list,
  };
}

interface HpackJsHeader {
  name: string;
  value: string;
}
interface HpackJsStream {
  write(chunk: unknown): void;
  read(): unknown;
  execute?(): void;
}
interface HpackJs {
  compressor: { create(o: { table: { maxSize: number } }): HpackJsStream };
  decompressor: { create(o: { table: { maxSize: number } }): HpackJsStream & { execute(): void } };
}

/**
 * hpack.js as spdy-transport drives it: a compressor stream written a list
 * of `{ name, value }` (strings, one char per octet) and read for Buffers; a
 * decompressor written a block's Buffer, executed, and read for headers.
 */
async function hpackjs(): Promise<OwnApiCodec<HpackJsHeader[][][], HpackJsHeader[]>> {
  const hpack = (await import('hpack.js')).default as unknown as HpackJs;
  return {
    prepare: (encode, decode) => ({
      lists: encode.map((s) => s.map((l) => l.map(([n, v]) => ({ name: latin1(n), value: latin1(v) })))),
      blocks: decode.map((s) => s.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))),
    }),
    encodeAll: (lists, onBlock) =>
      lists.forEach((story, s) => {
        const c = hpack.compressor.create({ table: { maxSize: 4096 } });
        for (const l of story) {
          c.write(l);
          const chunks: Buffer[] = [];
          for (let chunk = c.read() as Buffer | null; chunk !== null; chunk = c.read() as Buffer | null) chunks.push(chunk);
          onBlock(s, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
        }
      }),
    decodeAll: (blocks, onList) =>
      blocks.forEach((story, s) => {
        const d = hpack.decompressor.create({ table: { maxSize: 4096 } });
        for (const b of story) {
          d.write(b);
          d.execute();
          const out: HpackJsHeader[] = [];
          for (let h = d.read() as HpackJsHeader | null; h !== null; h = d.read() as HpackJsHeader | null) out.push(h);
          onList(s, out);
        }
      }),
    toBytes: (list) => list.map((h): ByteField => [latin1Bytes(h.name), latin1Bytes(h.value)]),
  };
}

/** libnghttp2 through the harness's koffi wrapper (harness/peers/nghttp2-hpack.ts): its API is the seed's, on bytes. */
async function nghttp2Koffi(): Promise<OwnApiCodec<FieldStories, ByteField[]>> {
  const { Nghttp2Deflater, Nghttp2Inflater } = await import('../../harness/peers/nghttp2-hpack.js');
  return {
    prepare: (encode, decode) => ({ lists: encode, blocks: decode }),
    encodeAll: (lists, onBlock) =>
      lists.forEach((story, s) => {
        const d = new Nghttp2Deflater(4096);
        for (const l of story) onBlock(s, d.deflate(l));
        d.destroy();
      }),
    decodeAll: (blocks, onList) =>
      blocks.forEach((story, s) => {
        const i = new Nghttp2Inflater();
        for (const b of story) onList(s, i.inflate(b as Uint8Array));
        i.destroy();
      }),
    toBytes: (list) => list,
  };
}

export async function loadOwnApiCodec(name: OwnApiPeer): Promise<OwnApiCodec<any, any>> {
  switch (name) {
    case 'ours':
      return ours();
    case 'hpackjs':
      return hpackjs();
    case 'nghttp2-koffi':
      return nghttp2Koffi();
  }
}
