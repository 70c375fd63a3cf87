// Bounded memory of closed streams (RFC 9113 §5.1): enough to tell how a
// stream closed (which decides a late frame on it) without growing forever
// on a long-lived connection. It remembers, per parity, exactly the closed
// streams among the `capacity` newest ids; an older one is "closed long ago", which
// the stream table already answers from the highest id seen (§5.1.1), so
// forgetting it changes only how precisely a very late frame is judged.
//
// Stream ids of one parity only grow (§5.1.1), so a record's place is its
// id modulo the ring's size: no hashing, no per-record object, and a newer
// id evicts exactly the record that fell out of the window. A Map of
// { reason, at } records (insertion order as the eviction order) took about
// 10 % of the server's CPU profile under h2load -m 10 (finding its oldest key
// walked the holes its deletions left, and every record was an object that
// lived long enough to be promoted before it died); the ring takes under 1 %
// and allocates nothing per stream.
import type { ClosedReason } from './stream.js';

const REASONS: readonly ClosedReason[] = ['ended', 'reset_by_peer', 'reset_by_us'];
const REASON_CODE: Record<ClosedReason, number> = { ended: 0, reset_by_peer: 1, reset_by_us: 2 };

/** Slots of a ring when its first record comes: small, so a connection that served a few requests holds little. */
const INITIAL_SLOTS = 16;

/** The closed ids of one parity, each at slot (id >> 1) mod size; 0 marks an empty slot (no stream has id 0). */
class IdRing {
  ids: Int32Array;
  reasons: Uint8Array;
  at: Float64Array;
  /** The highest id recorded: the window is the `capacity` ids of this parity up to it. */
  highest = 0;

  constructor(slots: number) {
    this.ids = new Int32Array(slots);
    this.reasons = new Uint8Array(slots);
    this.at = new Float64Array(slots);
  }

  slot(id: number): number {
    return (id >>> 1) & (this.ids.length - 1);
  }
}

export class ClosedStreams {
  /** Odd ids at 1, even at 0; each made on its parity's first record. */
  readonly #rings: [IdRing | null, IdRing | null] = [null, null];
  /** The ring never grows past this: a power of two of at least `capacity` slots, so two ids in one window never share a slot. */
  readonly #maxSlots: number;

  constructor(readonly capacity: number) {
    let slots = INITIAL_SLOTS;
    while (slots < capacity) slots *= 2;
    this.#maxSlots = slots;
  }

  add(id: number, reason: ClosedReason, at: number): void {
    if (this.capacity <= 0) return;
    const parity = id & 1;
    const ring = (this.#rings[parity] ??= new IdRing(Math.min(INITIAL_SLOTS, this.#maxSlots)));
    let slot = ring.slot(id);
    if (id > ring.highest) ring.highest = id;
    else if (!this.#inWindow(ring, id)) {
      // Closed long ago: not remembered, and an earlier record of it must not answer for this close.
      if (ring.ids[slot] === id) ring.ids[slot] = 0;
      return;
    }
    // The slot's record is still in the window: the ring is too small for what it must remember.
    while (ring.ids[slot] !== 0 && ring.ids[slot] !== id && this.#inWindow(ring, ring.ids[slot]!) && ring.ids.length < this.#maxSlots) {
      this.#grow(ring);
      slot = ring.slot(id);
    }
    ring.ids[slot] = id;
    ring.reasons[slot] = REASON_CODE[reason];
    ring.at[slot] = at;
  }

  /** How `id` closed, or null when it is not remembered. */
  reason(id: number): ClosedReason | null {
    const ring = this.#rings[id & 1];
    if (ring === null) return null;
    const slot = ring.slot(id);
    // A record left in its slot after its id fell out of the window is not answered: what is remembered is exactly the window.
    return ring.ids[slot] === id && this.#inWindow(ring, id) ? REASONS[ring.reasons[slot]!]! : null;
  }

  /** When `id` closed (caller's clock); only meaningful when reason(id) is not null. */
  closedAt(id: number): number {
    const ring = this.#rings[id & 1];
    return ring === null ? 0 : ring.at[ring.slot(id)]!;
  }

  #inWindow(ring: IdRing, id: number): boolean {
    return (ring.highest - id) / 2 < this.capacity;
  }

  /** Doubles the ring, keeping the records still in the window. */
  #grow(ring: IdRing): void {
    const { ids, reasons, at } = ring;
    const slots = ids.length * 2;
    ring.ids = new Int32Array(slots);
    ring.reasons = new Uint8Array(slots);
    ring.at = new Float64Array(slots);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === 0 || !this.#inWindow(ring, id)) continue;
      const slot = ring.slot(id);
      ring.ids[slot] = id;
      ring.reasons[slot] = reasons[i]!;
      ring.at[slot] = at[i]!;
    }
  }
}
