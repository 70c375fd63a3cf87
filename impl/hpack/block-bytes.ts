// Where the inflater puts the bytes of one block's fields (RFC 7541 §3.2: a
// block decodes to an ordered list of fields). Names and values are written
// one after another into a reused scratch, then copied once into a slab of
// fresh memory that the returned arrays are views of. A separate
// ArrayBuffer per name and value would cost far more than the bytes: heap
// objects for each and, above 64 bytes, a backing-store allocation each.
//
// The arrays are still fresh copies the caller may keep or modify: nothing
// else (the table, another block, another field) refers to their bytes;
// fields (of one block or of several) only share the ArrayBuffer, as Node's
// pooled Buffers do.
import type { DecodedField, FieldSpans } from './types.js';

/** Scratch bytes kept between blocks; a larger scratch, grown for one big block, is let go. */
const KEPT_CAPACITY = 1 << 16;
/** Likewise for the field spans (two integers per field). */
const KEPT_SPANS = 1 << 12;

/**
 * Blocks are copied out one after another into a slab of this size, as Node
 * hands out its pooled Buffers (and as the deflater's ByteWriter does): a
 * fresh ArrayBuffer per block, off-heap above 64 bytes, cost about 10 % of
 * decoding the nghttp2 stories. A slab stays alive while any field of its
 * blocks does, so slabs are small; a block over half a slab gets its own.
 */
const SLAB_SIZE = 8192;

/** Copies `src[0, n)` into `dst` at `at`: a loop for the few bytes most blocks have, one native copy beyond. */
function copyInto(src: Uint8Array, n: number, dst: Uint8Array, at: number): void {
  if (n > 64) {
    dst.set(src.subarray(0, n), at);
    return;
  }
  for (let i = 0; i < n; i++) dst[at + i] = src[i]!;
}

export class BlockBytes {
  /** The scratch: the block's names and values so far, back to back. */
  buf = new Uint8Array(1024);
  /** Bytes written. */
  len = 0;
  /** Per finished field: name length, then value length. */
  private spans = new Int32Array(128);
  private count = 0;
  /** Where finished blocks are copied to, and how much of it is handed out. */
  private slab = new Uint8Array(SLAB_SIZE);
  private slabUsed = 0;

  /**
   * Makes room for `n` more bytes. Callers bound `n` by the input left or
   * by the limits first, so hostile input cannot make this allocate much.
   */
  reserve(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Records a field whose name and value are the last `nameLength + valueLength` bytes. */
  endField(nameLength: number, valueLength: number): void {
    let spans = this.spans;
    if (this.count * 2 === spans.length) {
      spans = new Int32Array(spans.length * 2);
      spans.set(this.spans);
      this.spans = spans;
    }
    spans[this.count * 2] = nameLength;
    spans[this.count * 2 + 1] = valueLength;
    this.count++;
  }

  /** The recorded fields as views of one fresh copy of the bytes; empties the scratch. */
  finish(): DecodedField[] {
    const n = this.len;
    let whole: ArrayBuffer;
    let pos: number;
    if (n > SLAB_SIZE / 2) {
      whole = this.buf.slice(0, n).buffer;
      pos = 0;
    } else {
      if (this.slabUsed + n > SLAB_SIZE) {
        this.slab = new Uint8Array(SLAB_SIZE);
        this.slabUsed = 0;
      }
      whole = this.slab.buffer;
      pos = this.slabUsed;
      copyInto(this.buf, n, this.slab, pos);
      this.slabUsed = pos + n;
    }
    const spans = this.spans;
    const fields: DecodedField[] = [];
    for (let k = 0; k < this.count; k++) {
      const nameLength = spans[k * 2]!;
      const valueLength = spans[k * 2 + 1]!;
      fields.push([new Uint8Array(whole, pos, nameLength), new Uint8Array(whole, pos + nameLength, valueLength)]);
      pos += nameLength + valueLength;
    }
    this.clear();
    return fields;
  }

  /**
   * The recorded fields where they are, uncopied: for a caller that turns
   * them into something else at once (the HTTP/2 core makes strings of
   * them). A view per name and value, as finish() makes, was the largest
   * cost of decoding a block of many small fields (CVE-2019-9516's hundreds
   * of empty ones), in creation and in garbage. Valid until the next block
   * is decoded by any inflater.
   */
  spansView(): FieldSpans {
    return { bytes: this.buf, lengths: this.spans, count: this.count };
  }

  /** Forgets the block so far, and a scratch grown past what is worth keeping. */
  clear(): void {
    this.len = 0;
    this.count = 0;
    if (this.buf.length > KEPT_CAPACITY) this.buf = new Uint8Array(KEPT_CAPACITY);
    if (this.spans.length > KEPT_SPANS) this.spans = new Int32Array(KEPT_SPANS);
  }
}

/**
 * One scratch for every inflater: a block is decoded synchronously from
 * start to end, calling no outside code, so no two decodes ever interleave.
 */
export const blockBytes = new BlockBytes();
