// Responses that cannot move because the peer keeps its flow-control windows
// closed (RFC 9113 §6.9; CVE-2019-9517 "internal data buffering": SETTINGS_
// INITIAL_WINDOW_SIZE 0, or no WINDOW_UPDATE ever). Legal, but every such
// stream holds its queued response and its place in the stream limit for as
// long as the peer likes. Two rules, both on the caller's clock:
// - a stream with DATA queued and no window to send any of it, for
//   `streamTimeout` without a DATA frame going out on it, is reset (CANCEL:
//   we no longer want it);
// - a connection where DATA waited and none at all went out for
//   `connectionTimeout` is closed with GOAWAY ENHANCE_YOUR_CALM (§10.5: flow
//   control abused). Our own stall resets do not end that stretch, so a peer
//   cannot keep a connection by letting stalled streams be reset and opening
//   new ones; only DATA going out does, or the waiting ending otherwise (the
//   peer reset its streams, the responses ended).
// A slow reader that opens its window, however little, makes progress and is
// never cut off by either rule.
import type { QueuedData, Stream } from './stream.js';

export interface StallsDue {
  /** The connection made no progress for connectionTimeout. */
  connection: boolean;
  /** Streams stalled for streamTimeout (when the connection is not due). */
  streams: Stream[];
}

const NOTHING_DUE: StallsDue = Object.freeze({ connection: false, streams: [] }) as StallsDue;

export class FlowStall {
  /** Start of the current stretch in which DATA waited and none went out; null when not in one. */
  #connectionSince: number | null = null;
  /** The last waiting ended with our own stall resets: the stretch goes on. */
  #afterStallReset = false;

  constructor(
    /** Null: off. */
    readonly streamTimeout: number | null,
    readonly connectionTimeout: number | null,
    /**
     * The DATA queued on all streams. While it is 0, which is nearly always
     * for small responses, no stream can wait for a window and none has
     * flowStalledSince set (only framing DATA empties a live stream's queue,
     * and that is progress), so the rules below answer without walking the
     * streams: they run after every write and at every flush.
     */
    readonly queued: QueuedData,
    /** The live streams, asked for only when DATA is queued (an iterator per call is garbage per write). */
    readonly streams: { values(): Iterable<Stream> },
  ) {}

  /** A DATA frame went out on `s` (END_STREAM alone included): both clocks start again. */
  progress(s: Stream): void {
    s.flowStalledSince = null;
    this.#connectionSince = null;
    this.#afterStallReset = false;
  }

  /** After framing: marks the streams whose queued DATA cannot go out at `now` for lack of window. */
  observe(connectionWindow: number, now: number): void {
    let waiting = false;
    // Nothing queued: nothing waits, and no stream is marked (see `queued`).
    if (this.queued.bytes > 0) {
      for (const s of this.streams.values()) {
        if (s.queuedBytes > 0 && (connectionWindow <= 0 || s.sendWindow.size <= 0)) {
          waiting = true;
          s.flowStalledSince ??= now;
        } else {
          s.flowStalledSince = null;
        }
      }
    }
    if (waiting) this.#connectionSince ??= now;
    else if (!this.#afterStallReset) this.#connectionSince = null;
  }

  /** The earliest moment a rule may act, or null. */
  deadline(): number | null {
    let at = this.connectionTimeout === null || this.#connectionSince === null ? null : this.#connectionSince + this.connectionTimeout;
    if (this.streamTimeout === null || this.queued.bytes === 0) return at;
    for (const s of this.streams.values()) {
      if (s.flowStalledSince === null) continue;
      const due = s.flowStalledSince + this.streamTimeout;
      if (at === null || due < at) at = due;
    }
    return at;
  }

  /** What is due at `now`; the caller resets the streams (which counts as a stall reset here). */
  due(now: number): StallsDue {
    if (this.connectionTimeout !== null && this.#connectionSince !== null && now >= this.#connectionSince + this.connectionTimeout) return { connection: true, streams: [] };
    if (this.streamTimeout === null || this.queued.bytes === 0) return NOTHING_DUE;
    let out: Stream[] | null = null;
    for (const s of this.streams.values()) {
      if (s.flowStalledSince !== null && now >= s.flowStalledSince + this.streamTimeout) (out ??= []).push(s);
    }
    if (out === null) return NOTHING_DUE;
    this.#afterStallReset = true;
    return { connection: false, streams: out };
  }

  describe(): string {
    return `no DATA could be sent for ${this.connectionTimeout}: the peer's flow-control windows stayed closed (CVE-2019-9517)`;
  }
}
