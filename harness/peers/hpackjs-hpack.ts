// hpack.js (npm) behind the seed API: a second, pure-JS HPACK oracle and the
// baseline of the HPACK benchmark. hpack.js keeps names and values as strings
// with one char per byte, so bytes cross the boundary as latin1.
import hpackjsModule from 'hpack.js';
import type { DecodedField, DeflaterLike, HpackImplementation, InflaterLike, InputField, TableEntryLike } from './hpack-implementation.js';
import { latin1Bytes, latin1Of } from './hpack-implementation.js';

interface HpackJsHeader { name: string; value: string; neverIndex?: boolean; huffman?: boolean }
interface HpackJsTable { maxSize: number; size: number; dynamic: Array<{ name: string; value: string }> }
interface HpackJsCompressor {
  write(headers: HpackJsHeader[]): void;
  read(): Buffer | null;
  updateTableSize(size: number): void;
  _table: HpackJsTable;
}
interface HpackJsDecompressor {
  write(block: Buffer): void;
  execute(cb?: (err: Error | null) => void): void;
  read(): HpackJsHeader | null;
  updateTableSize(size: number): void;
  on(event: 'error', listener: (err: Error) => void): void;
  _table: HpackJsTable;
}
interface HpackJs {
  compressor: { create(options: { table: { maxSize: number } }): HpackJsCompressor };
  decompressor: { create(options: { table: { maxSize: number } }): HpackJsDecompressor };
}

const hpackjs = hpackjsModule as HpackJs;


function tableOf(table: HpackJsTable): TableEntryLike[] {
  return table.dynamic.map((e) => ({ name: latin1Bytes(e.name), value: latin1Bytes(e.value) })).reverse();
}

/**
 * Fields this long are sent raw: hpack.js Huffman-codes bit by bit, through
 * an array of codes per string, and the fuzzers' 16 to 66 KB fields made its
 * deflater the largest cost of a run against it (a quarter of it). Whether
 * to Huffman-code is the encoder's choice (RFC 7541 §5.2); libnghttp2's
 * blocks still bring long Huffman-coded strings to the inflater under test.
 */
const RAW_FROM = 1024;

class HpackJsDeflater implements DeflaterLike {
  readonly #comp: HpackJsCompressor;
  constructor(maxTableSize: number) {
    this.#comp = hpackjs.compressor.create({ table: { maxSize: maxTableSize } });
  }
  deflate(headers: readonly InputField[]): Uint8Array {
    this.#comp.write(
      headers.map((h) => {
        const name = latin1Of(h[0]);
        const value = latin1Of(h[1]);
        return { name, value, neverIndex: h[2]?.sensitive === true, huffman: name.length + value.length < RAW_FROM };
      }),
    );
    const chunks: Buffer[] = [];
    for (let c = this.#comp.read(); c !== null; c = this.#comp.read()) chunks.push(c);
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
  changeTableSize(size: number): void {
    this.#comp.updateTableSize(size);
  }
  getHdTable(): TableEntryLike[] {
    return tableOf(this.#comp._table);
  }
}

class HpackJsInflater implements InflaterLike {
  readonly #decomp: HpackJsDecompressor;
  constructor() {
    this.#decomp = hpackjs.decompressor.create({ table: { maxSize: 4096 } });
  }
  inflate(block: Uint8Array): DecodedField[] {
    let failure: Error | null = null;
    this.#decomp.write(Buffer.from(block.buffer, block.byteOffset, block.byteLength));
    // Without a callback hpack.js reports errors as 'error' events; with one,
    // on the next tick. Capture them synchronously instead.
    const onError = (err: Error): void => { failure = err; };
    this.#decomp.on('error', onError);
    this.#decomp.execute();
    (this.#decomp as unknown as { removeListener(e: string, l: unknown): void }).removeListener('error', onError);
    const out: DecodedField[] = [];
    for (let h = this.#decomp.read(); h !== null; h = this.#decomp.read()) out.push([latin1Bytes(h.name), latin1Bytes(h.value)]);
    if (failure) throw failure;
    return out;
  }
  changeTableSize(size: number): void {
    this.#decomp.updateTableSize(size);
  }
  getHdTable(): TableEntryLike[] {
    return tableOf(this.#decomp._table);
  }
}

export const hpackJsImplementation: HpackImplementation = {
  name: 'hpackjs',
  createDeflater: (maxTableSize = 4096) => new HpackJsDeflater(maxTableSize),
  createInflater: () => new HpackJsInflater(),
};
