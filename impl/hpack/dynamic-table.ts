// The dynamic table, RFC 7541 §2.3.2 and §4: a FIFO of entries, newest at
// index 1, each counting name + value + 32 bytes (§4.1) against the maximum
// size; adding evicts from the oldest end (§4.4), and an entry larger than
// the maximum empties the table and is not added. Stored as a ring buffer so
// adding and evicting never move entries.
//
// This is the deflater's table: values are byte strings (Map keys), and each
// entry holds its name's NameSlot rather than the name, so an eviction
// reaches the slot to update without looking the name up again (a Map
// lookup per evicted entry). The inflater keeps bytes instead, in
// byte-ring-table.ts.
import type { NameSlot } from './name-slot.js';

/** RFC 7541 §4.1: the per-entry overhead. */
export const ENTRY_OVERHEAD = 32;

/** Called for each evicted entry, oldest first, with its sequence number. */
export type EvictHandler = (slot: NameSlot, value: string, seq: number) => void;

export class DynamicTable {
  private slots: NameSlot[] = [];
  private values: string[] = [];
  private cap = 0; // slots in the ring (power of two)
  private head = 0; // slot of the oldest entry
  /** Number of entries. */
  length = 0;
  /** Sum of the entries' sizes (RFC 7541 §4.1). */
  size = 0;
  /** The current maximum size (RFC 7541 §4.2). */
  maxSize: number;
  /** Entries ever added; the newest entry has sequence number `added - 1`. */
  added = 0;

  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  /** Name of the entry at 1-based dynamic index `i` (1 = newest). */
  name(i: number): string {
    return this.slots[(this.head + this.length - i) & (this.cap - 1)]!.name;
  }

  value(i: number): string {
    return this.values[(this.head + this.length - i) & (this.cap - 1)]!;
  }

  /** Dynamic index (1 = newest) of the entry added as sequence number `seq`, or 0 if evicted. */
  indexOfSeq(seq: number): number {
    const i = this.added - seq;
    return i >= 1 && i <= this.length ? i : 0;
  }

  /** Sets the maximum size and evicts until the entries fit (RFC 7541 §4.3). */
  setMaxSize(maxSize: number, onEvict: EvictHandler): void {
    this.maxSize = maxSize;
    while (this.size > maxSize) this.evictOldest(onEvict);
  }

  /** Adds an entry at index 1, evicting as needed (RFC 7541 §4.4). */
  add(slot: NameSlot, value: string, onEvict: EvictHandler): void {
    const entrySize = slot.name.length + value.length + ENTRY_OVERHEAD;
    while (this.length > 0 && this.size + entrySize > this.maxSize) this.evictOldest(onEvict);
    if (entrySize > this.maxSize) {
      // §4.4: an entry larger than the table empties it and is not added; it
      // still takes a sequence number so lookups stay consistent.
      this.added++;
      return;
    }
    if (this.length === this.cap) this.grow();
    const at = (this.head + this.length) & (this.cap - 1);
    this.slots[at] = slot;
    this.values[at] = value;
    this.length++;
    this.size += entrySize;
    this.added++;
  }

  private evictOldest(onEvict: EvictHandler): void {
    const at = this.head;
    const slot = this.slots[at]!;
    const value = this.values[at]!;
    this.size -= slot.name.length + value.length + ENTRY_OVERHEAD;
    const seq = this.added - this.length;
    this.length--;
    this.head = (this.head + 1) & (this.cap - 1);
    // Drop references so evicted strings can be collected.
    (this.slots as Array<NameSlot | undefined>)[at] = undefined;
    (this.values as Array<string | undefined>)[at] = undefined;
    onEvict(slot, value, seq);
  }

  private grow(): void {
    const cap = this.cap === 0 ? 16 : this.cap * 2;
    const slots: NameSlot[] = new Array(cap);
    const values: string[] = new Array(cap);
    for (let i = 0; i < this.length; i++) {
      const at = (this.head + i) & (this.cap - 1);
      slots[i] = this.slots[at]!;
      values[i] = this.values[at]!;
    }
    this.slots = slots;
    this.values = values;
    this.cap = cap;
    this.head = 0;
  }
}
