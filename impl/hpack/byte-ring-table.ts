// The decoder's dynamic table, RFC 7541 §2.3.2 and §4: the same FIFO as
// DynamicTable (newest at index 1, entries counting name + value + 32 bytes,
// §4.1, eviction from the oldest end, §4.4), but compact. Each small
// Uint8Array costs some 150 bytes of heap objects besides its contents, so
// the entries' bytes live back to back in one ring of bytes (name, then
// value, wrapping at the end) and each entry is three integers in a second
// ring. Both rings grow on demand and never beyond what the maximum size
// allows; reading an entry copies its bytes out.
import { ENTRY_OVERHEAD } from './dynamic-table.js';
import { copyBytes, viewOf } from './byte-copy.js';

/** Integers per entry in `meta`: start offset in `bytes`, name length, value length. */
const STRIDE = 3;
/** Smallest byte ring worth allocating: most tables hold more than this. */
const MIN_BYTES = 256;
/** Entry slots allocated first (a power of two). */
const MIN_SLOTS = 16;
/**
 * The rings of every table that holds no bytes yet, shared: nothing is ever
 * written into them (add() grows both rings before it writes). An empty
 * typed array still costs V8 a buffer of its own, and a DataView another:
 * the three took about 550 ns of every new decoder, which a connection,
 * and a fuzzer's client per scenario, make whether or not a field is ever
 * added to the table.
 */
const NO_BYTES = new Uint8Array(0);
const NO_BYTES_VIEW = viewOf(NO_BYTES);
const NO_META = new Int32Array(0);

export class ByteRingTable {
  private bytes = NO_BYTES;
  /** `bytes` as a DataView, for copyBytes. */
  private view = NO_BYTES_VIEW;
  private meta = NO_META;
  private slots = 0; // entry slots in `meta` (0 or a power of two)
  private head = 0; // slot of the oldest entry
  /** Number of entries. */
  length = 0;
  /** Sum of the entries' sizes (RFC 7541 §4.1). */
  size = 0;
  /** The current maximum size (RFC 7541 §4.2). */
  maxSize: number;

  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  /** Name length of the entry at 1-based dynamic index `i` (1 = newest). */
  nameLength(i: number): number {
    return this.meta[this.slotOf(i) * STRIDE + 1]!;
  }

  valueLength(i: number): number {
    return this.meta[this.slotOf(i) * STRIDE + 2]!;
  }

  /** Copies the name of entry `i` into `dst` at `pos`. */
  copyName(i: number, dst: DataView, pos: number): void {
    const m = this.slotOf(i) * STRIDE;
    this.copyOut(this.meta[m]!, this.meta[m + 1]!, dst, pos);
  }

  /** Copies the name and then the value of entry `i` (adjacent in the ring too) into `dst` at `pos`. */
  copyEntry(i: number, dst: DataView, pos: number): void {
    const m = this.slotOf(i) * STRIDE;
    this.copyOut(this.meta[m]!, this.meta[m + 1]! + this.meta[m + 2]!, dst, pos);
  }

  /** A fresh copy of the name of entry `i` (for getHdTable). */
  name(i: number): Uint8Array {
    const m = this.slotOf(i) * STRIDE;
    return this.fresh(this.meta[m]!, this.meta[m + 1]!);
  }

  /** A fresh copy of the value of entry `i`: it starts where the name ends. */
  value(i: number): Uint8Array {
    const m = this.slotOf(i) * STRIDE;
    const at = this.meta[m]! + this.meta[m + 1]!;
    return this.fresh(at < this.bytes.length ? at : at - this.bytes.length, this.meta[m + 2]!);
  }

  /** Sets the maximum size and evicts until the entries fit (RFC 7541 §4.3). */
  setMaxSize(maxSize: number): void {
    this.maxSize = maxSize;
    while (this.size > maxSize) this.evictOldest();
    // Keep no more memory than the new size can use.
    if (this.bytes.length > maxSize) this.resizeBytes(this.usedBytes());
  }

  /**
   * Adds an entry at index 1, evicting as needed (RFC 7541 §4.4); an entry
   * larger than the maximum size empties the table and is not added. The
   * name is `src[start, start + nameLength)`, the value follows it; the
   * table copies them, so the caller may reuse or hand out `src`.
   */
  add(src: DataView, start: number, nameLength: number, valueLength: number): void {
    const entrySize = nameLength + valueLength + ENTRY_OVERHEAD;
    while (this.length > 0 && this.size + entrySize > this.maxSize) this.evictOldest();
    if (entrySize > this.maxSize) return;
    // Fits now, so used + name + value <= maxSize - 32: the ring never outgrows the maximum size.
    const used = this.usedBytes();
    const need = used + nameLength + valueLength;
    if (this.slots === 0) this.firstRings(need);
    if (need > this.bytes.length) this.resizeBytes(Math.min(this.maxSize, Math.max(need, MIN_BYTES, this.bytes.length * 2)));
    if (this.length === this.slots) this.growSlots();
    const cap = this.bytes.length;
    const first = this.length === 0 ? 0 : this.meta[this.head * STRIDE]!;
    const pos = first + used < cap ? first + used : first + used - cap;
    const m = ((this.head + this.length) & (this.slots - 1)) * STRIDE;
    this.meta[m] = pos;
    this.meta[m + 1] = nameLength;
    this.meta[m + 2] = valueLength;
    // In two runs, up to the ring's end and then from its start: no wrap test per byte.
    const len = nameLength + valueLength;
    const head = Math.min(len, cap - pos);
    copyBytes(src, start, this.view, pos, head);
    copyBytes(src, start + head, this.view, 0, len - head);
    this.length++;
    this.size += entrySize;
  }

  private slotOf(i: number): number {
    return (this.head + this.length - i) & (this.slots - 1);
  }

  private usedBytes(): number {
    return this.size - this.length * ENTRY_OVERHEAD;
  }

  private evictOldest(): void {
    const m = this.head * STRIDE;
    this.size -= this.meta[m + 1]! + this.meta[m + 2]! + ENTRY_OVERHEAD;
    this.length--;
    this.head = (this.head + 1) & (this.slots - 1);
  }

  /** Copies `len` ring bytes from `start`, wrapping at the ring's end, into `dst` at `pos`. */
  private copyOut(start: number, len: number, dst: DataView, pos: number): void {
    // In two runs, as add() writes them, not a wrap test per byte (decoding the nghttp2 stories: 0 to +6 %, CPU time, same run).
    const head = Math.min(len, this.bytes.length - start);
    copyBytes(this.view, start, dst, pos, head);
    copyBytes(this.view, 0, dst, pos + head, len - head);
  }

  private fresh(start: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    this.copyOut(start, len, viewOf(out), 0);
    return out;
  }

  /** Moves the entries' bytes, oldest first, to the start of a new ring of `cap` bytes. */
  private resizeBytes(cap: number): void {
    const old = this.bytes;
    const next = new Uint8Array(cap);
    if (this.length > 0) {
      // The entries are back to back from the oldest one's start, wrapping once at most.
      const first = this.meta[this.head * STRIDE]!;
      const used = this.usedBytes();
      const tail = Math.min(used, old.length - first);
      next.set(old.subarray(first, first + tail), 0);
      next.set(old.subarray(0, used - tail), tail);
      // New starts are running sums: an empty entry's old start alone cannot
      // tell whether it lies before or after a wrap.
      const meta = this.meta;
      let pos = 0;
      for (let k = 0; k < this.length; k++) {
        const m = ((this.head + k) & (this.slots - 1)) * STRIDE;
        meta[m] = pos;
        pos += meta[m + 1]! + meta[m + 2]!;
      }
    }
    this.bytes = next;
    this.view = viewOf(next);
  }

  /**
   * Both rings of the first entry in one ArrayBuffer: making one is most of
   * what a ring costs (about 300 ns whatever its size, against 15 for a
   * view of it), and every decoder that is given a field to index makes
   * them. Rings grown later are buffers of their own; the first byte ring's
   * few hundred octets then stay with the first slots until those grow too.
   */
  private firstRings(need: number): void {
    const cap = Math.min(this.maxSize, Math.max(need, MIN_BYTES));
    const metaAt = (cap + 3) & ~3; // an Int32Array view starts on a multiple of 4
    const buffer = new ArrayBuffer(metaAt + MIN_SLOTS * STRIDE * Int32Array.BYTES_PER_ELEMENT);
    this.bytes = new Uint8Array(buffer, 0, cap);
    this.view = new DataView(buffer, 0, cap);
    this.meta = new Int32Array(buffer, metaAt, MIN_SLOTS * STRIDE);
    this.slots = MIN_SLOTS;
  }

  private growSlots(): void {
    const slots = this.slots === 0 ? MIN_SLOTS : this.slots * 2;
    const meta = new Int32Array(slots * STRIDE);
    for (let k = 0; k < this.length; k++) {
      const from = ((this.head + k) & (this.slots - 1)) * STRIDE;
      meta.set(this.meta.subarray(from, from + STRIDE), k * STRIDE);
    }
    this.meta = meta;
    this.slots = slots;
    this.head = 0;
  }
}
