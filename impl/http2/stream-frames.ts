// The frames that act on an existing stream (RFC 9113 §6.1 DATA, §6.3
// PRIORITY, §6.4 RST_STREAM, §6.9 WINDOW_UPDATE), checked against §5.1: a
// frame for a stream we no longer hold is a stream error, a connection
// error, or ignored, depending on how that stream ended.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';
import type { EventQueue } from './events.js';
import type { ConnectionFlow } from './connection-flow.js';
import type { ControlQueue } from './control-queue.js';
import { encodeWindowUpdate } from './frame-encoder.js';
import type { FrameOf, PriorityFields } from './frame-types.js';
import { transition } from './stream-state.js';
import type { StreamTable } from './stream-table.js';

export class StreamFrames {
  constructor(
    readonly streams: StreamTable,
    readonly flow: ConnectionFlow,
    readonly control: ControlQueue,
    readonly events: EventQueue,
  ) {}

  onData(f: FrameOf<'DATA'>): void {
    this.flow.receiveData(f.flowLength);
    const s = this.streams.get(f.streamId);
    if (!s) {
      const why = this.streams.closedOrIdle(f.streamId, 'DATA');
      if (why === 'idle') throw new ConnectionError(E.PROTOCOL_ERROR, '5.1', `DATA on idle stream ${f.streamId}`);
      if (why === 'ended') throw new ConnectionError(E.STREAM_CLOSED, '5.1', `DATA on closed stream ${f.streamId}`);
      if (why === 'reset_by_peer') throw new StreamError(f.streamId, E.STREAM_CLOSED, '5.1', `DATA after RST_STREAM on stream ${f.streamId}`);
      return; // §5.1: ignored after we sent RST_STREAM.
    }
    s.state = transition(s.id, s.state, f.endStream ? 'recv_data_es' : 'recv_data');
    if (!s.recvWindow.fits(f.flowLength)) {
      throw new StreamError(s.id, E.FLOW_CONTROL_ERROR, '6.9.1', `DATA of ${f.flowLength} octets exceeds the stream window ${s.recvWindow.window.size}`);
    }
    s.recvWindow.receive(f.flowLength);
    s.bodyReceived += f.data.length;
    if (s.contentLength !== null && s.bodyReceived > s.contentLength) {
      throw new StreamError(s.id, E.PROTOCOL_ERROR, '8.1.1', `request body longer than content-length ${s.contentLength}`);
    }
    if (f.data.length > 0 || !f.endStream) this.events.push({ type: 'DataReceived', streamId: s.id, data: f.data, endStream: f.endStream });
    if (!f.endStream) {
      // The application consumes events synchronously: credit the stream back at once.
      const inc = s.recvWindow.release(f.flowLength);
      if (inc > 0) this.control.push(encodeWindowUpdate(s.id, inc));
      return;
    }
    this.streams.peerEnded(s);
  }

  onPriority(id: number, priority: PriorityFields): void {
    // §5.3.1: a stream cannot depend on itself.
    if (priority.dependsOn === id) throw new StreamError(id, E.PROTOCOL_ERROR, '5.3.1', `stream ${id} depends on itself`);
    this.events.push({ type: 'PriorityReceived', streamId: id, priority });
  }

  onRstStream(f: FrameOf<'RST_STREAM'>): void {
    const s = this.streams.get(f.streamId);
    if (!s) {
      if (this.streams.closedOrIdle(f.streamId, 'RST_STREAM') === 'idle') {
        throw new ConnectionError(E.PROTOCOL_ERROR, '6.4', `RST_STREAM on idle stream ${f.streamId}`);
      }
      return; // §5.1: RST_STREAM on a closed stream is ignored (never answered with RST_STREAM).
    }
    s.state = transition(s.id, s.state, 'recv_rst');
    this.events.push({ type: 'StreamReset', streamId: s.id, errorCode: f.errorCode });
    this.streams.close(s, 'reset_by_peer', f.errorCode, 'remote', null);
  }

  onWindowUpdate(f: FrameOf<'WINDOW_UPDATE'>): void {
    if (f.streamId === 0) {
      this.flow.onWindowUpdate(f.increment);
      this.events.push({ type: 'WindowUpdated', streamId: 0, increment: f.increment });
      return;
    }
    const s = this.streams.get(f.streamId);
    if (!s) {
      if (this.streams.closedOrIdle(f.streamId, 'WINDOW_UPDATE') === 'idle') {
        throw new ConnectionError(E.PROTOCOL_ERROR, '5.1', `WINDOW_UPDATE on idle stream ${f.streamId}`);
      }
      return; // §6.9: may arrive shortly after a stream closed; ignored.
    }
    s.state = transition(s.id, s.state, 'recv_window_update');
    if (f.increment === 0) throw new StreamError(s.id, E.PROTOCOL_ERROR, '6.9', `WINDOW_UPDATE with increment 0 on stream ${s.id}`);
    if (!s.sendWindow.grow(f.increment)) throw new StreamError(s.id, E.FLOW_CONTROL_ERROR, '6.9.1', `stream ${s.id} window above 2^31-1`);
    this.events.push({ type: 'WindowUpdated', streamId: s.id, increment: f.increment });
  }
}
