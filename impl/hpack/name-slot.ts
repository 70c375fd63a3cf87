// The deflater's index of one name: what the static table says of it (its
// smallest index, its static values, its indexing policy), and the
// dynamic-table entries that share it (the newest one, how many there are,
// and the newest entry for each value). One Map lookup of the name finds all
// of it: the name's lookups in the static names, in the policy's name list
// and in the dynamic names were three per field before.
//
// Most names have a single value in the table, so that value is kept inline
// and a Map is made only for a second one: a Map per name cost more memory
// than the 4096-byte table it indexes.
import type { NamePolicy } from './deflate-strategy.js';

const NO_STATIC_VALUES: ReadonlyMap<string, number> = new Map();

export class NameSlot {
  /** The name, a byte string. */
  readonly name: string;
  /** Smallest static index carrying the name, 0 when it is no static name. */
  readonly staticIndex: number;
  /** Value -> static index for every static row with this name (empty for other names). */
  readonly staticValues: ReadonlyMap<string, number>;
  readonly policy: NamePolicy;
  /** Sequence number of the newest entry with this name (valid while count > 0). */
  newest = -1;
  /** Entries with this name in the dynamic table. */
  count = 0;
  #value = '';
  #valueSeq = -1;
  #values: Map<string, number> | null = null;

  constructor(name: string, policy: NamePolicy, staticIndex = 0, staticValues = NO_STATIC_VALUES) {
    this.name = name;
    this.policy = policy;
    this.staticIndex = staticIndex;
    this.staticValues = staticValues;
  }

  /** Sequence number of the newest dynamic entry with this name and `value`. */
  find(value: string): number | undefined {
    if (this.#values !== null) return this.#values.get(value);
    return this.count !== 0 && this.#value === value ? this.#valueSeq : undefined;
  }

  add(value: string, seq: number): void {
    this.newest = seq;
    if (this.count++ === 0) {
      this.#value = value;
      this.#valueSeq = seq;
    } else if (this.#values !== null) this.#values.set(value, seq);
    else if (this.#value === value) this.#valueSeq = seq;
    else {
      // Two set() calls: the constructor's iterable of pairs is its slow path.
      const values = new Map<string, number>();
      values.set(this.#value, this.#valueSeq);
      values.set(value, seq);
      this.#values = values;
    }
  }

  /** The entry (value, seq) left the table, oldest first; true when none with this name is left. */
  evicted(value: string, seq: number): boolean {
    if (--this.count === 0) {
      // A static name's slot outlives its entries (the deflater keeps it): start afresh.
      this.#values = null;
      this.#value = '';
      return true;
    }
    // Entries leave oldest first: a newer entry with the same value keeps its own seq.
    if (this.#values !== null && this.#values.get(value) === seq) this.#values.delete(value);
    return false;
  }
}
