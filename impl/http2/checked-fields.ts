// The fields of a connection that passed a check already. A client repeats
// most fields on every request of a connection (:method, :scheme,
// :authority, user-agent, accept…), and checking a field (request-
// validation.ts: §8.2.1 character rules, §8.2.2 connection-specific fields)
// is a function of its name and value alone, so a field equal to one that
// passed the same check needs no second look. Direct-mapped by the slot
// field-strings.ts gave the name when it was a repeat: one remembered
// value per slot, a miss just checks. A field is remembered from its
// first repeat on, so a connection that sent one request holds no memo
// (before that, 1 000 idle connections, each with one GET answered, held
// about 2 KiB more each). One memo per connection, as the strings are.

/** A check of one field; throws for a bad one. Pure: the same name and value always give the same answer. */
export type FieldCheck = (streamId: number, name: string, value: string) => void;

export class CheckedFields {
  #names: Array<string | undefined> | null = null;
  #values: Array<string | undefined> = [];
  #checks: Array<FieldCheck | undefined> = [];

  constructor(readonly slots: number) {}

  /** Runs `check` unless this field passed it before; `slot` is the name's (-1: not a repeat, checked and not remembered). */
  check(slot: number, streamId: number, name: string, value: string, check: FieldCheck): void {
    const names = this.#names;
    if (slot >= 0 && names !== null && names[slot] === name && this.#values[slot] === value && this.#checks[slot] === check) return;
    check(streamId, name, value);
    if (slot < 0) return;
    // Allocated on the first field checked, so an idle connection holds no memo.
    if (names === null) {
      this.#names = new Array<string | undefined>(this.slots).fill(undefined);
      this.#values = new Array<string | undefined>(this.slots).fill(undefined);
      this.#checks = new Array<FieldCheck | undefined>(this.slots).fill(undefined);
    }
    this.#names![slot] = name;
    this.#values[slot] = value;
    this.#checks[slot] = check;
  }
}
