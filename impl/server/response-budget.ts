// Response bytes a connection may hold queued in the core while the peer's
// flow-control window is closed (CVE-2019-9517 "internal data buffering",
// zero-window): per stream and per connection. A streaming body pulls its
// next chunk only while both are under their limit, and resumes once both
// fell below half, so a client that opens many streams and never opens its
// window holds at most `perConnection` bytes of ours, not streams × body.
/** What a chunk being pulled is assumed to weigh until it arrives (bodySource chunks are about this size). */
const PULL_ESTIMATE = 16 * 1024;

export class ResponseBudget {
  /** Bodies pulling their next chunk right now: concurrent pulls must not all pass the check at once. */
  #pulling = 0;

  constructor(
    readonly perStream: number,
    readonly perConnection: number,
    /** Octets queued in the core for stream `id`. */
    readonly queued: (id: number) => number,
    /** Octets queued in the core on all streams: kept by the core, so no walk over the streams per chunk. */
    readonly queuedAll: () => number,
  ) {}

  /** Around each pull of a body's next chunk. */
  pullStarted(): void {
    this.#pulling++;
  }
  pullEnded(): void {
    this.#pulling--;
  }

  /** Queued octets of the connection, plus what the pulls under way are expected to add. */
  total(): number {
    return this.#pulling * PULL_ESTIMATE + this.queuedAll();
  }

  /** Stream `id` must wait before queueing more. */
  full(id: number, total: number): boolean {
    return this.queued(id) >= this.perStream || total >= this.perConnection;
  }

  /** A waiting stream may go on (hysteresis: both under half). */
  hasRoom(id: number, total: number): boolean {
    return this.queued(id) < this.perStream / 2 && total < this.perConnection / 2;
  }
}
