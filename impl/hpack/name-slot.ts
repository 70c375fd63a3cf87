// The deflater's index of the dynamic-table entries that share one name: the
// newest one, how many there are, and the newest entry for each value. Most
// names have a single value in the table, so that value is kept inline and a
// Map is made only for a second one: a Map per name cost more memory than the
// 4096-byte table it indexes.

export class NameSlot {
  /** Sequence number of the newest entry with this name. */
  newest: number;
  /** Entries with this name still in the table. */
  count = 0;
  #value: string;
  #valueSeq: number;
  #values: Map<string, number> | null = null;

  constructor(value: string, seq: number) {
    this.newest = seq;
    this.#value = value;
    this.#valueSeq = seq;
  }

  /** Sequence number of the newest entry with this name and `value`. */
  find(value: string): number | undefined {
    if (this.#values !== null) return this.#values.get(value);
    return this.#value === value ? this.#valueSeq : undefined;
  }

  add(value: string, seq: number): void {
    this.newest = seq;
    this.count++;
    if (this.#values !== null) this.#values.set(value, seq);
    else if (this.#value === value) this.#valueSeq = seq;
    else this.#values = new Map([[this.#value, this.#valueSeq], [value, seq]]);
  }

  /** The entry (value, seq) left the table, oldest first; true when none with this name is left. */
  evicted(value: string, seq: number): boolean {
    if (--this.count === 0) return true;
    // Entries leave oldest first: a newer entry with the same value keeps its own seq.
    if (this.#values !== null && this.#values.get(value) === seq) this.#values.delete(value);
    return false;
  }
}
