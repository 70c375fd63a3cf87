// A count of events per fixed window of the caller's time (the core reads no
// clock: `now` comes in with every frame). The flood defences are built on it:
// a peer may do a bounded amount of a thing per window, never an unbounded one.
export class RateWindow {
  #start: number | null = null;
  #count = 0;

  constructor(
    /** Events allowed per window; more is over the limit. */
    readonly limit: number,
    /** The window's length, in the units of `now`. */
    readonly window: number,
  ) {}

  /** Counts one event at `now`; true when this one is over the limit. */
  hit(now: number): boolean {
    if (this.#start === null || now >= this.#start + this.window || now < this.#start) {
      this.#start = now;
      this.#count = 0;
    }
    this.#count++;
    return this.#count > this.limit;
  }
}
