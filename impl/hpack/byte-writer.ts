// A growable output buffer reused across deflate calls, so encoding a block
// allocates only its result.

export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  push(byte: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = byte;
  }

  /** A copy of what was written; the writer is then emptied for reuse. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    // Do not keep a huge buffer alive after one exceptional block.
    if (this.buf.length > 1 << 20) this.buf = new Uint8Array(256);
    return out;
  }
}
