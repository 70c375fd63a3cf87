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
//
// A block may instead be lent (HDInflater.inflateSpans): no views at all,
// only each field's two lengths, over bytes that stay in the slab until the
// next block starts and are then written over. A view per name and value
// was the largest cost of a block of many small fields (CVE-2019-9516's
// hundreds of empty ones), in creation and in garbage, and the HTTP/2 core
// turns every field into strings at once anyway.
import type { DecodedField, FieldSpans } from './types.js';
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

/** Room for this many lent fields' lengths is kept between blocks (two per field). */
const KEPT_LENGTHS = 2 * 256;

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
  /** Set while a lent block is decoded: fields are recorded as lengths, not handed out. */
  private lending = false;
  /** Where the block being decoded starts in `buf`; a lent block is kept in one piece from here. */
  private blockStart = 0;
  /** Two lengths per field of a lent block (name, value); a larger array, grown for one big block, is let go. */
  private lengths = new Int32Array(KEPT_LENGTHS);
  private count = 0;
  /** What a lent block is shown as: one object, valid until the next block. */
  private readonly spans: { bytes: Uint8Array; start: number; lengths: Int32Array; count: number } = { bytes: this.buf, start: 0, lengths: this.lengths, count: 0 };

  /**
   * Starts a block, lent or not. A lent block before it is over (its bytes
   * were valid only until now), so its room in the slab is taken again.
   */
  startBlock(lend: boolean): void {
    if (this.lending) this.len = this.blockStart;
    this.clear();
    this.lending = lend;
    this.blockStart = this.len;
    this.count = 0;
  }

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

  /**
   * Moves to a new slab, taking the field decoded so far along so that it
   * stays in one piece (a lent block: the whole block so far, and the slab
   * doubles, so that a block of many large fields is not copied per field).
   */
  private newSlab(n: number): void {
    const from = this.lending ? this.blockStart : this.fieldStart;
    const kept = this.len - from;
    const size = this.lending ? Math.max(SLAB_SIZE, 2 * (kept + n)) : Math.max(SLAB_SIZE, kept + n);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(from, this.len));
    this.setBuf(next);
    this.fieldStart -= from;
    this.blockStart = this.lending ? 0 : this.blockStart;
    this.len = kept;
  }

  /** Hands out the field whose name and value are the bytes from `fieldStart` to `len`. */
  endField(nameLength: number, valueLength: number): void {
    if (this.lending) {
      if (2 * this.count + 2 > this.lengths.length) this.growLengths();
      this.lengths[2 * this.count] = nameLength;
      this.lengths[2 * this.count + 1] = valueLength;
      this.count++;
      return;
    }
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

  /**
   * The lent block's fields where they are, uncopied: valid until the next
   * block is decoded by any inflater.
   */
  lent(): FieldSpans {
    const spans = this.spans;
    spans.bytes = this.buf;
    spans.start = this.blockStart;
    spans.lengths = this.lengths;
    spans.count = this.count;
    return spans;
  }

  private growLengths(): void {
    const next = new Int32Array(2 * this.lengths.length);
    next.set(this.lengths);
    this.lengths = next;
  }

  /** Forgets the block so far (its bytes stay unused), and what a lent block grew past what is worth keeping. */
  clear(): void {
    if (this.fields.length !== 0) this.fields = [];
    this.lending = false;
    this.fieldStart = this.len;
    if (this.buf.length > SLAB_SIZE) this.startSlab();
    if (this.lengths.length > KEPT_LENGTHS) this.lengths = new Int32Array(KEPT_LENGTHS);
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
