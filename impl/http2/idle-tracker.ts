// RFC 9113 §9.1: "Servers are encouraged to maintain open connections for as
// long as possible but are permitted to terminate idle connections if
// necessary." Idle here means: no open stream, and no frame from the peer
// since the later of the last frame and the moment the last stream closed.
// (Counting from the last frame alone would close a connection the moment a
// long response, during which the client had nothing to say, completes.)
export class IdleTracker {
  /** Start of the current quiet period; null until the caller's clock is known. */
  #since: number | null;

  constructor(
    /** Null when idle closing is off. */
    readonly timeout: number | null,
    startedAt: number | null,
  ) {
    this.#since = startedAt;
  }

  /** A frame arrived, or the last stream closed: the quiet period starts again. */
  activity(now: number): void {
    // max: an out-of-order `now` (a caller mixing clocks) never moves the deadline back.
    this.#since = this.#since === null ? now : Math.max(this.#since, now);
  }

  /** Gives the first known time to a connection created before the caller's clock was known. */
  stamp(now: number): void {
    this.#since ??= now;
  }

  /** When the connection counts as idle, given how many streams are open; null when it cannot. */
  deadline(openStreams: number): number | null {
    if (this.timeout === null || this.#since === null || openStreams > 0) return null;
    return this.#since + this.timeout;
  }
}
