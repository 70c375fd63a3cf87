// One stream's record: its RFC 9113 §5.1 state, both flow-control windows,
// the content-length bookkeeping of §8.1.1 and the queue of what we still
// have to send on it (kept per stream so a stream's frames leave in order).
import { FlowWindow, ReceiveWindow } from './flow-window.js';
import type { FieldInput } from './fields.js';
import type { StreamState } from './stream-state.js';


/** What waits to be framed. Field blocks are HPACK-encoded only when framed, so blocks hit the wire in encoding order. */
export type OutboundItem =
  | { kind: 'headers'; fields: FieldInput; endStream: boolean }
  | { kind: 'push_promise'; promisedStreamId: number; fields: FieldInput }
  | { kind: 'data'; bytes: Uint8Array; endStream: boolean };

/**
 * The DATA octets queued on all streams of a connection, kept by the streams
 * themselves: when it is 0 no stream can be waiting for a window, so the
 * flow-stall rules (flow-stall.ts) need not look at every stream after every
 * write.
 */
export class QueuedData {
  bytes = 0;
}

/** Why a stream is closed, which decides how late frames are treated (§5.1 "closed"). */
export type ClosedReason = 'ended' | 'reset_by_peer' | 'reset_by_us';

export class Stream {
  /** The §5.1 state on the wire. Changed only by the stream table (stream-table.ts). */
  state: StreamState = 'idle';
  /**
   * The state once everything queued is framed: the application's sends are
   * decided against it at call time, because the wire state moves only when
   * dataToSend() frames them. Changed only by the stream table.
   */
  planned: StreamState = 'idle';
  readonly sendWindow: FlowWindow;
  readonly recvWindow: ReceiveWindow;
  /** Declared content-length of the request body, and what arrived so far. */
  contentLength: number | null = null;
  bodyReceived = 0;
  /** A response header section was queued: a second one is trailers (§8.1). */
  headersQueued = false;
  /** A pushed stream waits until its PUSH_PROMISE has been framed (§8.4). */
  awaitingPromise = false;
  readonly outbound: OutboundItem[] = [];
  /** DATA octets queued and not yet framed; changed through enqueue(), dequeued() and clearOutbound() only, which keep `#tally` too. */
  queuedBytes = 0;
  readonly #tally: QueuedData;
  /** Since when queued DATA has waited for a window with none going out (caller's clock); see flow-stall.ts. */
  flowStalledSince: number | null = null;

  constructor(
    readonly id: number,
    sendWindow: number,
    recvWindow: number,
    tally: QueuedData = new QueuedData(),
  ) {
    this.#tally = tally;
    this.sendWindow = new FlowWindow(sendWindow);
    this.recvWindow = new ReceiveWindow(recvWindow);
  }

  enqueue(item: OutboundItem): void {
    this.outbound.push(item);
    if (item.kind === 'data') {
      this.queuedBytes += item.bytes.length;
      this.#tally.bytes += item.bytes.length;
    }
  }

  /** `n` queued DATA octets were framed. */
  dequeued(n: number): void {
    this.queuedBytes -= n;
    this.#tally.bytes -= n;
  }

  /** Our END_STREAM is queued (or sent): the response is complete as far as the application goes. */
  get endPlanned(): boolean {
    return this.planned === 'closed' || this.planned === 'half_closed_local';
  }

  clearOutbound(): void {
    this.outbound.length = 0;
    this.#tally.bytes -= this.queuedBytes;
    this.queuedBytes = 0;
  }
}
