// The deflater's output buffer: blocks are written one after another into a
// slab and handed out as views of it, as Node hands out its pooled Buffers,
// so encoding a block allocates only the view. Copying each block out with
// slice() cost 210 ns for a block over 64 bytes (its own off-heap backing
// store) against about 30 ns for a view: 9 % of encoding the hpack-test-case
// raw-data stories. A view is still the caller's alone: no later block is
// written over it. A slab stays alive while any of its blocks does.
//
// Deflaters share one writer (deflater.ts), so one slab is current in the
// process, not one per connection: with a slab per deflater, 8 KiB slabs
// were a third of the reference server's RSS per idle connection, and 1 KiB
// ones, a fresh off-heap slab every ten blocks or so, cost 4 to 16 % of
// encoding the raw-data stories.

/** Slab size of a writer of its own (a deflater called again while it deflates). */
const SLAB_SIZE = 1024;

export class ByteWriter {
  buf: Uint8Array;
  /** Write position in `buf`: the end of what was written. */
  len = 0;
  /** Where the bytes written since the last take() begin in `buf`. */
  private start = 0;

  constructor(private readonly slabSize = SLAB_SIZE) {
    this.buf = new Uint8Array(slabSize);
  }

  /** Makes room for `n` more bytes, moving what was written since the last take() to a new slab if needed. */
  reserve(n: number): void {
    // The move to a new slab is a call of its own, so that the test alone is inlined where it is called.
    if (this.len + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const pending = this.len - this.start;
    const next = new Uint8Array(Math.max(this.slabSize, (pending + n) * 2));
    next.set(this.buf.subarray(this.start, this.len));
    this.buf = next;
    this.start = 0;
    this.len = pending;
  }

  push(byte: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = byte;
  }

  /** Writes byte string `s` (char codes 0..255), one byte per char, in one native copy: for long strings. */
  writeLatin1(s: string): void {
    this.reserve(s.length);
    const buf = this.buf;
    this.len += Buffer.from(buf.buffer, buf.byteOffset, buf.length).write(s, this.len, s.length, 'latin1');
  }

  /** What was written since the last take(), as a view nothing else writes to. */
  take(): Uint8Array {
    // A view made by the constructor, not subarray(): 12 ns where subarray
    // took 21 (it goes through the species lookup); `buf` starts its buffer.
    const out = new Uint8Array(this.buf.buffer, this.start, this.len - this.start);
    this.start = this.len;
    // A slab grown for one large block is not kept for the small ones after it.
    if (this.buf.length > this.slabSize) {
      this.buf = new Uint8Array(this.slabSize);
      this.start = this.len = 0;
    }
    return out;
  }

  /** Bytes written since the last take(); a mark that truncate() goes back to, whatever reserve() moved. */
  get written(): number {
    return this.len - this.start;
  }

  /** Forgets what was written after mark `written`. */
  truncate(written: number): void {
    this.len = this.start + written;
  }

  /** Forgets what was written since the last take(). */
  discard(): void {
    this.len = this.start;
  }
}
