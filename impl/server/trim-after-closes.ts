// When HTTP2Server gives freed memory back (memory-trim.ts): once a burst of
// connection closes has settled. A burst is where the allocator was left
// with free pages in the middle of its heap (each connection's read buffers);
// trimming while connections still close would only give back pages the
// next ones fault in again, and trimming per close would put the arena walk
// on the path of every short connection.
//
// Per close this is one counter and one comparison. From the `threshold`-th
// close on, one unref'd timer checks every `quietMs` whether more closed in
// between: if none did, it trims (the last close is then quietMs to 2 x
// quietMs ago); if some did, it looks again later. A trim less than
// `minIntervalMs` after the previous one waits until that much has passed,
// so a server whose connections come and go in bursts trims at most that
// often. Sustained churn (closes in every quietMs) never trims: the pages
// freed are taken again by the connections that keep coming.

import { Http2UsageError } from '../http2/errors.js';

/** Default of HTTP2ServerOptions.trimAfterCloses. */
export const DEFAULT_TRIM_AFTER_CLOSES = 64;

export interface TrimAfterClosesOptions {
  /** Closes since the last trim that make the next one worth doing; 0: never trim. */
  threshold: number;
  /** Called once per trim; what it returns (memory-trim.ts: a promise that never rejects) is not awaited. */
  trim: () => unknown;
  /** ms with no close before trimming. Default 500. */
  quietMs?: number;
  /** ms at least between two trims. Default 5000. */
  minIntervalMs?: number;
  /** The clock and the timer, so a test can run them by hand. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => { clear(): void };
}

const realTimer = (fn: () => void, ms: number): { clear(): void } => {
  const t = setTimeout(fn, ms).unref();
  return { clear: () => clearTimeout(t) };
};

export class TrimAfterCloses {
  readonly #threshold: number;
  readonly #trim: () => unknown;
  readonly #quietMs: number;
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #setTimer: (fn: () => void, ms: number) => { clear(): void };
  /** Closes since the last trim. */
  #closes = 0;
  /** #closes when the timer was last set: unchanged when it fires means the burst is over. */
  #closesSeen = 0;
  #timer: { clear(): void } | null = null;
  #lastTrim = -Infinity;
  #stopped = false;

  constructor(o: TrimAfterClosesOptions) {
    if (!Number.isInteger(o.threshold) || o.threshold < 0) {
      throw new Http2UsageError('ERR_INVALID_ARGUMENT', `trimAfterCloses must be 0 (off) or a positive whole number, not ${o.threshold}`);
    }
    this.#threshold = o.threshold;
    this.#trim = o.trim;
    this.#quietMs = o.quietMs ?? 500;
    this.#minIntervalMs = o.minIntervalMs ?? 5000;
    this.#now = o.now ?? Date.now;
    this.#setTimer = o.setTimer ?? realTimer;
  }

  /** One connection closed. */
  onClose(): void {
    if (++this.#closes < this.#threshold || this.#timer !== null || this.#threshold === 0 || this.#stopped) return;
    this.#arm(this.#quietMs);
  }

  /** No trim after this (the server is closing). */
  stop(): void {
    this.#stopped = true;
    this.#timer?.clear();
    this.#timer = null;
  }

  #arm(ms: number): void {
    this.#closesSeen = this.#closes;
    this.#timer = this.#setTimer(() => this.#check(), ms);
  }

  #check(): void {
    this.#timer = null;
    if (this.#closes !== this.#closesSeen) return this.#arm(this.#quietMs);
    const wait = this.#lastTrim + this.#minIntervalMs - this.#now();
    if (wait > 0) return this.#arm(wait);
    this.#closes = 0;
    this.#lastTrim = this.#now();
    void this.#trim();
  }
}
