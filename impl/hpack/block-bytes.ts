// Where the inflater puts the bytes of one block's fields (RFC 7541 §3.2: a
// block decodes to an ordered list of fields). Names and values are decoded
// straight into a slab of fresh memory, name then value, and each field is
// handed out as two views of it as soon as it is complete. A separate
// ArrayBuffer per name and value would cost far more than the bytes: heap
// objects for each and, above 64 bytes, a backing-store allocation each.
// Decoding into a scratch first, then copying each block into the slab and
// making the views in a second pass over recorded lengths, cost one more
// copy and that pass: decoding the nghttp2 stories +2 to +14 % this way
// (CPU time, same run).
//
// The arrays are still fresh copies the caller may keep or modify: nothing
// else (the table, another block, another field) refers to their bytes;
// fields (of one block or of several) only share the ArrayBuffer, as Node's
// pooled Buffers do. The bytes of a block that fails to decode are left
// unused.
import type { DecodedField } from './types.js';
import { viewOf } from './byte-copy.js';

/**
 * Fields are decoded one after another into a slab of this size, as Node
 * hands out its pooled Buffers (and as the deflater's ByteWriter does): a
 * fresh ArrayBuffer per block, off-heap above 64 bytes, cost about 10 % of
 * decoding the nghttp2 stories. A slab stays alive while any field in it
 * does, so slabs are small; a field larger than a slab gets a buffer of its
 * own, which is not written to after its block.
 */
const SLAB_SIZE = 8192;

export class BlockBytes {
  /** The slab being written: fields handed out, then the field being decoded. */
  buf: Uint8Array = new Uint8Array(SLAB_SIZE);
  /** `buf` as a DataView, for copyBytes. */
  view = viewOf(this.buf);
  /** `buf`'s ArrayBuffer, kept: reading `buf.buffer` for every field cost about 4 % (same run). */
  private whole: ArrayBufferLike = this.buf.buffer;
  /** Write position in `buf`. */
  len = 0;
  /** Where the field being decoded starts in `buf`: its name, then its value, end at `len`. */
  fieldStart = 0;
  private fields: DecodedField[] = [];

  /** Starts the next field at the write position. */
  startField(): void {
    this.fieldStart = this.len;
  }

  /**
   * Makes room for `n` more bytes. Callers bound `n` by the input left or
   * by the limits first, so hostile input cannot make this allocate much.
   */
  reserve(n: number): void {
    if (this.len + n > this.buf.length) this.newSlab(n);
  }

  /** Moves to a new slab, taking the field decoded so far along so that it stays in one piece. */
  private newSlab(n: number): void {
    const partial = this.len - this.fieldStart;
    const next = new Uint8Array(Math.max(SLAB_SIZE, partial + n));
    next.set(this.buf.subarray(this.fieldStart, this.len));
    this.setBuf(next);
    this.fieldStart = 0;
    this.len = partial;
  }

  /** Hands out the field whose name and value are the bytes from `fieldStart` to `len`. */
  endField(nameLength: number, valueLength: number): void {
    const whole = this.whole;
    const at = this.fieldStart;
    this.fields.push([new Uint8Array(whole, at, nameLength), new Uint8Array(whole, at + nameLength, valueLength)]);
  }

  /** The block's fields; the next block starts a new list. */
  finish(): DecodedField[] {
    const fields = this.fields;
    this.fields = [];
    // A buffer made for one large field is let go with the block's fields.
    if (this.buf.length > SLAB_SIZE) this.startSlab();
    return fields;
  }

  /** Forgets the block so far (its bytes stay unused). */
  clear(): void {
    if (this.fields.length !== 0) this.fields = [];
    this.fieldStart = this.len;
    if (this.buf.length > SLAB_SIZE) this.startSlab();
  }

  private startSlab(): void {
    this.setBuf(new Uint8Array(SLAB_SIZE));
    this.fieldStart = this.len = 0;
  }

  private setBuf(buf: Uint8Array): void {
    this.buf = buf;
    this.whole = buf.buffer;
    this.view = viewOf(buf);
  }
}

/**
 * One slab for every inflater: a block is decoded synchronously from
 * start to end, calling no outside code, so no two decodes ever interleave.
 */
export const blockBytes = new BlockBytes();
