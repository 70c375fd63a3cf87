// The streams of one connection (RFC 9113 §5.1): the live ones, a bounded
// memory of closed ones (how and when each closed), and the highest id each
// side has used. Together they give every stream id its condition in the
// state table (stream-state.ts), which decides every frame and every send.
// This is the one owner of stream records and of their `state`: streams
// open, move and close only here, and each close is reported once.
import { ErrorCode as E } from './error-codes.js';
import { Http2UsageError, StreamError, type Http2Error, type Initiator } from './errors.js';
import type { EventQueue } from './events.js';
import { conditionOf, countsTowardConcurrency, decide, decidedOnTheWire, enforce, type Role, type StreamCondition, type StreamInput, type StreamState } from './stream-state.js';
import { ClosedStreams } from './closed-streams.js';
import { QueuedData, Stream, type ClosedReason } from './stream.js';

const CLOSED_CONDITION: Record<ClosedReason, StreamCondition> = {
  ended: 'closed_end_stream',
  reset_by_us: 'closed_rst_sent',
  reset_by_peer: 'closed_rst_received',
};

export class StreamTable {
  readonly #live = new Map<number, Stream>();
  readonly #closed: ClosedStreams;
  /**
   * Live client-initiated (odd) streams in a state that counts toward
   * SETTINGS_MAX_CONCURRENT_STREAMS (§5.1.2), and live pushed (even) ones: kept
   * as states change (#move, open, close) so a new request is not a walk
   * over every open stream.
   */
  #concurrentPeer = 0;
  #pushed = 0;
  /** DATA octets queued on all live streams (each stream keeps it, see QueuedData). */
  readonly queued = new QueuedData();
  /** Highest client-initiated (odd) id seen: the "last stream processed" of GOAWAY (§6.8). */
  lastPeerStreamId = 0;
  /** Highest id we promised (even, §5.1.1). */
  lastPushedStreamId = 0;
  /** The caller's latest clock (the connection sets it): stamps closes, ages resets. */
  now = 0;

  constructor(
    maxClosedRemembered: number,
    /** §5.1: how long after our RST_STREAM the peer's late frames are ignored (caller's clock units). */
    readonly resetGrace: number,
    readonly events: EventQueue,
    /** Runs when the last live stream closes: the connection may become idle from then on. */
    readonly onEmpty: () => void,
    readonly role: Role = 'server',
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

  /** The §5.1 state as the application sees it: every kind of closed is `closed`. */
  state(id: number): StreamState {
    const c = this.condition(id);
    return c.startsWith('closed') ? 'closed' : (c as StreamState);
  }

  /** The row of the state table that decides the next frame on `id`. */
  condition(id: number): StreamCondition {
    const s = this.#live.get(id);
    if (s) return conditionOf(s.state);
    const reason = this.#closed.reason(id);
    if (reason !== null) {
      if (reason === 'reset_by_us' && this.now - this.#closed.closedAt(id) > this.resetGrace) return 'closed_rst_sent_expired';
      return CLOSED_CONDITION[reason];
    }
    // Below the newest stream yet unknown: implicitly closed without ever opening (§5.1.1), or forgotten.
    return this.#seen(id) ? 'closed_unknown' : 'idle';
  }

  /**
   * A frame from the peer on `id` (§5.1): throws the table's error; returns
   * null when the frame is to be ignored, else the next state, already
   * applied to a live stream. From idle nothing exists yet: the caller opens
   * the stream with open() once the request is accepted.
   */
  receive(id: number, input: StreamInput): StreamState | null {
    const condition = this.condition(id);
    const next = enforce(decide(this.role, condition, input), id, condition, input);
    const s = this.#live.get(id);
    if (next === null || s === undefined) return next;
    this.#move(s, next);
    // What is queued but not framed still follows: the peer's half moves in both.
    const planned = decide(this.role, conditionOf(s.planned), input);
    if (planned.kind === 'move') s.planned = planned.next;
    return next;
  }

  /** receive() for the frames that act on an existing stream: the live stream, or null when ignored or none exists. */
  receiveOnLive(id: number, input: StreamInput): Stream | null {
    return this.receive(id, input) === null ? null : (this.#live.get(id) ?? null);
  }

  /**
   * The application asks to send `input` on `id`: decided at call time
   * against what is already queued (`planned`), or for a reset against the
   * wire state (see decidedOnTheWire). Throws Http2UsageError when
   * the state forbids it; returns the stream, or null when there is nothing
   * to do (a reset of a stream already closed). Changes nothing: commit()
   * does, once the caller's own checks have passed too.
   */
  plan(id: number, input: StreamInput): { stream: Stream; next: StreamState } | null {
    const s = this.#live.get(id);
    const condition = s ? conditionOf(decidedOnTheWire(input) ? s.state : s.planned) : this.condition(id);
    const next = enforce(decide(this.role, condition, input), id, condition, input);
    if (next === null) return null;
    // A move from idle creates the stream: only open() does that.
    if (s === undefined) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} is not open`);
    return { stream: s, next };
  }

  commit(s: Stream, next: StreamState): void {
    s.planned = next;
  }

  /** A frame of ours was framed: the wire state moves (decided at plan() time, so a failure here is our bug). */
  sent(s: Stream, input: StreamInput): void {
    const condition = conditionOf(s.state);
    const next = enforce(decide(this.role, condition, input), s.id, condition, input);
    if (next === null) return;
    this.#move(s, next);
    if (next === 'closed') this.close(s, 'ended', 0, null, null);
  }

  /** A stream leaves idle by `input` (the peer's HEADERS, or our PUSH_PROMISE reserving it). */
  open(id: number, input: StreamInput, sendWindow: number, recvWindow: number): Stream {
    // The caller has already taken the id (lastPeerStreamId), so it is no longer idle by condition(): decide as idle.
    if (this.#live.has(id)) throw new Error(`stream ${id} is already open`);
    const next = enforce(decide(this.role, 'idle', input), id, 'idle', input);
    if (next === null) throw new Error(`${input} does not open stream ${id}`);
    const s = new Stream(id, sendWindow, recvWindow, this.queued);
    if (id % 2 === 0) this.#pushed++;
    this.#move(s, next);
    s.planned = s.state;
    this.#live.set(id, s);
    if (id % 2 === (this.role === 'server' ? 1 : 0)) this.lastPeerStreamId = Math.max(this.lastPeerStreamId, id);
    else this.lastPushedStreamId = Math.max(this.lastPushedStreamId, id);
    return s;
  }

  /** §5.1.2: only open and half-closed streams count toward the peer's limit. */
  concurrentPeerStreams(): number {
    return this.#concurrentPeer;
  }

  pushedStreams(): number {
    return this.#pushed;
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
    this.#move(s, 'closed');
    if (s.id % 2 === 0) this.#pushed--;
    s.planned = 'closed';
    s.clearOutbound();
    this.#closed.add(s.id, reason, this.now);
    this.events.push({ type: 'StreamClosed', streamId: s.id, errorCode: code, initiator, reason: err?.message ?? null });
    if (this.#live.size === 0) this.onEmpty();
  }

  /** A stream error on a stream with no live record (idle or already closed): remember we reset it. */
  resetUnknown(err: StreamError): void {
    this.#closed.add(err.streamId, 'reset_by_us', this.now);
    this.events.push({ type: 'StreamClosed', streamId: err.streamId, errorCode: err.code, initiator: err.initiator, reason: err.message });
  }

  closeAll(code: number, initiator: Initiator): void {
    for (const s of [...this.#live.values()]) this.close(s, 'reset_by_us', code, initiator, null);
  }

  /** The one place a stream's wire state changes: the concurrency count follows it. */
  #move(s: Stream, next: StreamState): void {
    if (s.id % 2 === 1) this.#concurrentPeer += (countsTowardConcurrency(next) ? 1 : 0) - (countsTowardConcurrency(s.state) ? 1 : 0);
    s.state = next;
  }

  #seen(id: number): boolean {
    const peerParity = this.role === 'server' ? 1 : 0;
    return id % 2 === peerParity ? id <= this.lastPeerStreamId : id <= this.lastPushedStreamId;
  }
}
