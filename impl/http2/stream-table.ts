// The streams of one connection (RFC 9113 §5.1): the live ones, a bounded
// memory of closed ones, and the highest id each side has used. Together
// they tell a frame on a closed stream from one on an idle stream, which
// the RFC treats differently. This is the one owner of stream records:
// streams open and close only here, and each close is reported once.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError, type Http2Error, type Initiator } from './errors.js';
import type { EventQueue } from './events.js';
import { countsTowardConcurrency, type StreamState } from './stream-state.js';
import { ClosedStreams, type ClosedReason, type Stream } from './stream.js';

export class StreamTable {
  readonly #live = new Map<number, Stream>();
  readonly #closed: ClosedStreams;
  /** Highest client-initiated (odd) id seen: the "last stream processed" of GOAWAY (§6.8). */
  lastPeerStreamId = 0;
  /** Highest id we promised (even, §5.1.1). */
  lastPushedStreamId = 0;

  constructor(
    maxClosedRemembered: number,
    readonly events: EventQueue,
    /** Runs when the last live stream closes: the connection may become idle from then on. */
    readonly onEmpty: () => void,
  ) {
    this.#closed = new ClosedStreams(maxClosedRemembered);
  }

  get size(): number {
    return this.#live.size;
  }
  get(id: number): Stream | undefined {
    return this.#live.get(id);
  }
  values(): IterableIterator<Stream> {
    return this.#live.values();
  }
  add(s: Stream): void {
    this.#live.set(s.id, s);
  }

  state(id: number): StreamState {
    const s = this.#live.get(id);
    if (s) return s.state;
    return this.#closed.get(id) !== undefined || this.#seen(id) ? 'closed' : 'idle';
  }

  /** §5.1: how a frame on a stream we no longer (or never) had is treated. */
  closedOrIdle(id: number, what: 'DATA' | 'HEADERS' | 'WINDOW_UPDATE' | 'RST_STREAM'): ClosedReason | 'idle' {
    const reason = this.#closed.get(id);
    if (reason !== undefined) return reason;
    if (!this.#seen(id)) return 'idle';
    // Older than the newest stream yet unknown: implicitly closed without ever opening (§5.1.1),
    // or forgotten. Either way a connection error.
    throw new ConnectionError(E.PROTOCOL_ERROR, '5.1.1', `${what} on stream ${id}, which is closed or was skipped`);
  }

  /** §5.1.2: only open and half-closed streams count toward the peer's limit. */
  concurrentPeerStreams(): number {
    let n = 0;
    for (const s of this.#live.values()) if (s.id % 2 === 1 && countsTowardConcurrency(s.state)) n++;
    return n;
  }

  pushedStreams(): number {
    let n = 0;
    for (const s of this.#live.values()) if (s.id % 2 === 0) n++;
    return n;
  }

  /** END_STREAM from the peer: checks content-length (§8.1.1) and reports the end. */
  peerEnded(s: Stream): void {
    if (s.contentLength !== null && s.bodyReceived !== s.contentLength) {
      throw new StreamError(s.id, E.PROTOCOL_ERROR, '8.1.1', `request body of ${s.bodyReceived} octets, content-length says ${s.contentLength}`);
    }
    this.events.push({ type: 'StreamEnded', streamId: s.id });
    if (s.state === 'closed') this.close(s, 'ended', 0, null, null);
  }

  close(s: Stream, reason: ClosedReason, code: number, initiator: Initiator | null, err: Http2Error | null): void {
    if (!this.#live.delete(s.id)) return;
    s.state = 'closed';
    s.clearOutbound();
    this.#closed.add(s.id, reason);
    this.events.push({ type: 'StreamClosed', streamId: s.id, errorCode: code, initiator, reason: err?.message ?? null });
    if (this.#live.size === 0) this.onEmpty();
  }

  /** A stream error on a stream with no live record (idle or already closed): remember we reset it. */
  resetUnknown(err: StreamError): void {
    this.#closed.add(err.streamId, 'reset_by_us');
    this.events.push({ type: 'StreamClosed', streamId: err.streamId, errorCode: err.code, initiator: err.initiator, reason: err.message });
  }

  closeAll(code: number, initiator: Initiator): void {
    for (const s of [...this.#live.values()]) this.close(s, 'reset_by_us', code, initiator, null);
  }

  #seen(id: number): boolean {
    return id % 2 === 1 ? id <= this.lastPeerStreamId : id <= this.lastPushedStreamId;
  }
}
