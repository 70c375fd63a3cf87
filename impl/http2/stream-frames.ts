// The frames that act on an existing stream (RFC 9113 §6.1 DATA, §6.3
// PRIORITY, §6.4 RST_STREAM, §6.6 PUSH_PROMISE, §6.9 WINDOW_UPDATE). Whether
// a frame applies, is ignored or is an error is the state table's decision
// (stream-state.ts, through the stream table); these handlers only act on it.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';
import type { EventQueue } from './events.js';
import type { ConnectionFlow } from './connection-flow.js';
import type { ControlQueue } from './control-queue.js';
import { encodeWindowUpdate } from './frame-encoder.js';
import type { FrameOf, PriorityFields } from './frame-types.js';
import type { StreamTable } from './stream-table.js';

export class StreamFrames {
  constructor(
    readonly streams: StreamTable,
    readonly flow: ConnectionFlow,
    readonly control: ControlQueue,
    readonly events: EventQueue,
  ) {}

  onData(f: FrameOf<'DATA'>): void {
    // §6.9, §5.1: DATA counts against the connection window even when the table ignores it.
    this.flow.receiveData(f.flowLength);
    const s = this.streams.receiveOnLive(f.streamId, f.endStream ? 'recv_data_es' : 'recv_data');
    if (s === null) return;
    if (!s.recvWindow.fits(f.flowLength)) {
      throw new StreamError(s.id, E.FLOW_CONTROL_ERROR, '6.9.1', `DATA of ${f.flowLength} octets exceeds the stream window ${s.recvWindow.window.size}`);
    }
    s.recvWindow.receive(f.flowLength);
    s.bodyReceived += f.data.length;
    if (s.contentLength !== null && s.bodyReceived > s.contentLength) {
      throw new StreamError(s.id, E.PROTOCOL_ERROR, '8.1.1', `request body longer than content-length ${s.contentLength}`);
    }
    // An empty DATA frame carries nothing to report: with END_STREAM its end is StreamEnded, without it nothing at all
    // (no event per frame of an empty-frame flood).
    if (f.data.length > 0) this.events.push({ type: 'DataReceived', streamId: s.id, data: f.data, endStream: f.endStream });
    if (!f.endStream) {
      // The application consumes events synchronously: credit the stream back at once.
      const inc = s.recvWindow.release(f.flowLength);
      if (inc > 0) this.control.push(encodeWindowUpdate(s.id, inc));
      return;
    }
    this.streams.peerEnded(s);
  }

  onPriority(id: number, priority: PriorityFields): void {
    if (this.streams.receive(id, 'recv_priority') === null) return;
    // §5.3.1: a stream cannot depend on itself.
    if (priority.dependsOn === id) throw new StreamError(id, E.PROTOCOL_ERROR, '5.3.1', `stream ${id} depends on itself`);
    this.events.push({ type: 'PriorityReceived', streamId: id, priority });
  }

  onRstStream(f: FrameOf<'RST_STREAM'>): void {
    const s = this.streams.receiveOnLive(f.streamId, 'recv_rst');
    if (s === null) return;
    this.events.push({ type: 'StreamReset', streamId: s.id, errorCode: f.errorCode });
    this.streams.close(s, 'reset_by_peer', f.errorCode, 'remote', null);
  }

  onPushPromise(f: FrameOf<'PUSH_PROMISE'>): void {
    // §8.4, §6.6: decided on the associated stream; a server's table refuses every PUSH_PROMISE.
    this.streams.receive(f.streamId, 'recv_push_promise');
    // Only a client's table lets one through, and this connection is a server's.
    throw new ConnectionError(E.INTERNAL_ERROR, '8.4', `PUSH_PROMISE on stream ${f.streamId} reached a ${this.streams.role} connection`, 'library');
  }

  onWindowUpdate(f: FrameOf<'WINDOW_UPDATE'>): void {
    if (f.streamId === 0) {
      this.flow.onWindowUpdate(f.increment);
      this.events.push({ type: 'WindowUpdated', streamId: 0, increment: f.increment });
      return;
    }
    const s = this.streams.receiveOnLive(f.streamId, 'recv_window_update');
    if (s === null) return;
    if (f.increment === 0) throw new StreamError(s.id, E.PROTOCOL_ERROR, '6.9', `WINDOW_UPDATE with increment 0 on stream ${s.id}`);
    if (!s.sendWindow.grow(f.increment)) throw new StreamError(s.id, E.FLOW_CONTROL_ERROR, '6.9.1', `stream ${s.id} window above 2^31-1`);
    this.events.push({ type: 'WindowUpdated', streamId: s.id, increment: f.increment });
  }
}
