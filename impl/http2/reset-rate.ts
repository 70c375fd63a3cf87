// Stream resets, bounded (CVE-2023-44487 "rapid reset", CVE-2019-9514 "reset
// flood"). Two rules:
// - a stream the peer resets before our response was complete still counts
//   toward SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 §5.1.2) until the
//   application says its handler is done (release()), so HEADERS+RST_STREAM
//   pairs cannot start unbounded work within the stream limit;
// - resets per time window, the peer's on unfinished streams and the ones
//   its frames make us send, are bounded; past the limit the connection ends
//   with ENHANCE_YOUR_CALM (§10.5).
import { RateWindow } from './rate-window.js';

export class ResetRate {
  readonly #rate: RateWindow;
  /** Ids the peer reset while their response was unfinished and the application has not released. */
  readonly #lingering = new Set<number>();

  constructor(
    readonly maxResets: number,
    readonly window: number,
  ) {
    this.#rate = new RateWindow(maxResets, window);
  }

  /** Streams that still count toward concurrency although closed. */
  get lingering(): number {
    return this.#lingering.size;
  }

  /** The peer reset stream `id`; `unfinished`: our response had not ended. True when over the budget. */
  peerReset(id: number, unfinished: boolean, now: number): boolean {
    if (!unfinished) return false;
    this.#lingering.add(id);
    return this.#rate.hit(now);
  }

  /** We reset a stream because of the peer's frames (a stream error). True when over the budget. */
  localReset(now: number): boolean {
    return this.#rate.hit(now);
  }

  /** The application is done with stream `id`: it stops counting toward concurrency. */
  release(id: number): void {
    this.#lingering.delete(id);
  }

  describe(): string {
    return `more than ${this.maxResets} stream resets in ${this.window} (CVE-2023-44487 rapid reset, CVE-2019-9514 reset flood)`;
  }
}
