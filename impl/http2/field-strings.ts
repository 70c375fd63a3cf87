// Decoded field names and values become latin1 strings (one char per octet,
// so every byte survives and validation sees raw octets). A client repeats
// most fields on every request of a connection (:method, :scheme,
// :authority, user-agent, accept…), so each connection keeps the strings it
// made last, in a small direct-mapped table: a repeat costs a hash and a
// compare instead of a native decode and a new string for the collector
// (under h2load, -m 10 over h2c, the server's CPU per request went from about
// 8.8 to about 7.5 µs: medians of four runs each, side by side).
// One table per connection, never shared: whether a value is cached must
// say nothing about another client's fields.
const latin1 = new TextDecoder('latin1');

/** Slots of the table (a power of two); a collision just decodes again. */
export const FIELD_STRING_SLOTS = 64;
const SLOTS = FIELD_STRING_SLOTS;
/** Longer octet strings are decoded each time: they repeat less and cost more to compare. */
const MAX_CACHED_LENGTH = 64;

export class FieldStrings {
  #slots: Array<string | undefined> | null = null;
  /**
   * The slot of the string text() returned last when it was a repeat (found
   * in the table), else -1 (see checked-fields.ts: a connection that sent
   * one request, as most idle ones did, holds no memo).
   */
  slot = -1;

  /** The `n` octets of `bytes` from `at` as a string (a range, so the decoder's scratch needs no view per field). */
  text(bytes: Uint8Array, at: number, n: number): string {
    this.slot = -1;
    if (n === 0) return '';
    if (n > MAX_CACHED_LENGTH) return latin1.decode(bytes.subarray(at, at + n));
    let h = n;
    for (let i = at; i < at + n; i++) h = (Math.imul(h, 31) + bytes[i]!) | 0;
    const slot = (h ^ (h >>> 11)) & (SLOTS - 1);
    // Allocated on the first field, so an idle connection holds no table.
    const slots = (this.#slots ??= new Array<string | undefined>(SLOTS).fill(undefined));
    const cached = slots[slot];
    if (cached !== undefined && sameOctets(cached, bytes, at, n)) {
      this.slot = slot;
      return cached;
    }
    const s = String.fromCharCode.apply(null, bytes.subarray(at, at + n) as unknown as number[]);
    slots[slot] = s;
    return s;
  }
}

function sameOctets(s: string, bytes: Uint8Array, at: number, n: number): boolean {
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== bytes[at + i]) return false;
  return true;
}
