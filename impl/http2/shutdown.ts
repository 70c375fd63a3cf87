// RFC 9113 §6.8: how a connection ends. Gracefully, with GOAWAY NO_ERROR:
// streams already accepted finish and new ones are ignored. Or at once, for
// a connection error (§5.4.1): GOAWAY with the code is the last frame, and
// every open stream closes with it.
import { ErrorCode as E } from './error-codes.js';
import type { Initiator } from './errors.js';
import type { EventQueue } from './events.js';
import type { ControlQueue } from './control-queue.js';
import { encodeGoAway } from './frame-encoder.js';
import type { FrameOf } from './frame-types.js';
import type { StreamTable } from './stream-table.js';

/** §6.8: debug data is for diagnostics only; keep it short. */
const MAX_DEBUG_CHARS = 256;

export class Shutdown {
  /** The last stream id our graceful GOAWAY announced, or null before one was sent. */
  goAwaySent: number | null = null;
  goAwayReceived = false;
  terminated = false;

  constructor(
    readonly streams: StreamTable,
    readonly control: ControlQueue,
    readonly events: EventQueue,
  ) {}

  /** No new streams either way: ours were refused by the peer's GOAWAY, theirs by ours. */
  get closing(): boolean {
    return this.goAwaySent !== null || this.goAwayReceived;
  }

  onGoAway(f: FrameOf<'GOAWAY'>): void {
    this.goAwayReceived = true;
    this.events.push({ type: 'GoAwayReceived', lastStreamId: f.lastStreamId, errorCode: f.errorCode, debugData: f.debugData });
  }

  /** Graceful: GOAWAY NO_ERROR with the last stream we processed; the caller closes once streams drain. */
  goAway(debug: string): void {
    if (this.terminated || this.goAwaySent !== null) return;
    this.goAwaySent = this.streams.lastPeerStreamId;
    this.control.push(encodeGoAway(this.streams.lastPeerStreamId, E.NO_ERROR, new TextEncoder().encode(debug)));
  }

  /** checkTimeouts() found the connection idle: a graceful GOAWAY, reported as such. */
  closeIdle(): void {
    if (this.terminated || this.goAwaySent !== null) return;
    this.goAway('idle timeout');
    this.events.push({ type: 'IdleTimedOut', lastStreamId: this.streams.lastPeerStreamId });
  }

  /** Immediate: GOAWAY with `code` seals the output and every open stream closes. */
  terminate(code: number, reason: string, initiator: Initiator, section: string | null): void {
    if (this.terminated) return;
    this.terminated = true;
    this.control.seal(encodeGoAway(this.streams.lastPeerStreamId, code, new TextEncoder().encode(reason.slice(0, MAX_DEBUG_CHARS))));
    this.streams.closeAll(code, initiator);
    this.events.push({ type: 'ConnectionTerminated', errorCode: code, initiator, reason, section });
  }
}
