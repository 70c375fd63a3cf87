// RFC 9113 §6.8: how a connection ends. Gracefully, with GOAWAY NO_ERROR:
// streams already accepted finish and new ones are ignored. Or at once, for
// a connection error (§5.4.1): GOAWAY with the code is the last frame, and
// every open stream closes with it.
//
// A graceful shutdown the server starts is two GOAWAYs, as §6.8 says it
// SHOULD be: the first with last-stream-id 2^31-1 and a PING, so requests
// the client sent before it saw the GOAWAY are still served; once the PING
// is acknowledged (one round trip: nothing the client opened can still be in
// flight), or DRAIN_TIMEOUT_MS later, the second with the last stream
// processed. Only then is the connection closing.
import { ErrorCode as E } from './error-codes.js';
import type { Initiator } from './errors.js';
import type { EventQueue } from './events.js';
import type { ControlQueue } from './control-queue.js';
import { encodeGoAway, encodePing } from './frame-encoder.js';
import type { FrameOf } from './frame-types.js';
import type { StreamTable } from './stream-table.js';

/** §6.8: debug data is for diagnostics only; keep it short. */
const MAX_DEBUG_CHARS = 256;
/** One encoder for every GOAWAY: a connection that fails builds its debug data once, and needs no encoder of its own. */
const UTF8 = new TextEncoder();

/** §6.8: the first GOAWAY of a graceful shutdown announces every stream id there can be. */
export const ANNOUNCED_LAST_STREAM_ID = 0x7fffffff;
/** The opaque data of the PING that goes with it ("h2-drain"); its ACK ends the drain. */
export const DRAIN_PING = Uint8Array.from([0x68, 0x32, 0x2d, 0x64, 0x72, 0x61, 0x69, 0x6e]);
/** How long the final GOAWAY waits for that ACK (caller's clock, ms): a client that never answers does not hold the shutdown. */
export const DRAIN_TIMEOUT_MS = 1000;

const sameOctets = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export class Shutdown {
  /** The last stream id our graceful GOAWAY announced, or null before one was sent. */
  goAwaySent: number | null = null;
  goAwayReceived = false;
  terminated = false;
  /** Between the two GOAWAYs of a graceful shutdown: when the final one is due at the latest. */
  drainDeadline: number | null = null;
  #drainDebug = '';

  constructor(
    readonly streams: StreamTable,
    readonly control: ControlQueue,
    readonly events: EventQueue,
  ) {}

  /** No new streams either way: ours were refused by the peer's GOAWAY, theirs by ours. */
  get closing(): boolean {
    return this.goAwaySent !== null || this.goAwayReceived;
  }

  /** A GOAWAY went out or came in, the first of two included: we open no stream (a push) any more. */
  get goingAway(): boolean {
    return this.closing || this.drainDeadline !== null;
  }

  /** The first step of a graceful shutdown: GOAWAY 2^31-1 NO_ERROR and the PING whose ACK ends the drain. */
  announce(debug: string, now: number): void {
    if (this.terminated || this.goAwaySent !== null || this.drainDeadline !== null) return;
    this.drainDeadline = now + DRAIN_TIMEOUT_MS;
    this.#drainDebug = debug;
    this.control.push(encodeGoAway(ANNOUNCED_LAST_STREAM_ID, E.NO_ERROR, UTF8.encode(debug)));
    this.control.push(encodePing(DRAIN_PING, false));
  }

  /** A PING ACK came: ours ends the drain with the final GOAWAY. */
  onPingAck(opaque: Uint8Array): void {
    if (this.drainDeadline !== null && sameOctets(opaque, DRAIN_PING)) this.goAway(this.#drainDebug);
  }

  /** The clock moved: a drain whose PING went unanswered ends at its deadline. */
  onTime(now: number): void {
    if (this.drainDeadline !== null && now >= this.drainDeadline) this.goAway(this.#drainDebug);
  }

  onGoAway(f: FrameOf<'GOAWAY'>): void {
    this.goAwayReceived = true;
    this.events.push({ type: 'GoAwayReceived', lastStreamId: f.lastStreamId, errorCode: f.errorCode, debugData: f.debugData });
  }

  /** Graceful: GOAWAY NO_ERROR with the last stream we processed; the caller closes once streams drain. */
  goAway(debug: string): void {
    if (this.terminated || this.goAwaySent !== null) return;
    this.drainDeadline = null;
    this.goAwaySent = this.streams.lastPeerStreamId;
    this.control.push(encodeGoAway(this.streams.lastPeerStreamId, E.NO_ERROR, UTF8.encode(debug)));
  }

  /** checkTimeouts() found the connection idle: a graceful GOAWAY, reported as such. */
  closeIdle(): void {
    if (this.terminated || this.goAwaySent !== null || this.drainDeadline !== null) return;
    this.goAway('idle timeout');
    this.events.push({ type: 'IdleTimedOut', lastStreamId: this.streams.lastPeerStreamId });
  }

  /** Immediate: GOAWAY with `code` seals the output and every open stream closes. */
  terminate(code: number, reason: string, initiator: Initiator, section: string | null): void {
    if (this.terminated) return;
    this.terminated = true;
    this.control.seal(encodeGoAway(this.streams.lastPeerStreamId, code, UTF8.encode(reason.slice(0, MAX_DEBUG_CHARS))));
    this.streams.closeAll(code, initiator);
    this.events.push({ type: 'ConnectionTerminated', errorCode: code, initiator, reason, section });
  }
}
