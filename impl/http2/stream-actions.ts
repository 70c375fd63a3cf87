// What the application does on streams: respond (§8.1), push (§8.4) and
// reset (§6.4). Calls are checked here and queued on the stream; the frames
// are made later by dataToSend() (outbound.ts), so misuse is an
// Http2UsageError thrown to the caller, never a frame.
import { ErrorCode as E } from './error-codes.js';
import { Http2UsageError } from './errors.js';
import type { ControlQueue } from './control-queue.js';
import { encodeRstStream } from './frame-encoder.js';
import { MAX_WINDOW } from './frame-types.js';
import type { SettingsExchange } from './settings-exchange.js';
import type { Shutdown } from './shutdown.js';
import { transition } from './stream-state.js';
import type { StreamTable } from './stream-table.js';
import { Stream, type FieldInput } from './stream.js';

export class StreamActions {
  constructor(
    readonly streams: StreamTable,
    readonly settings: SettingsExchange,
    readonly shutdown: Shutdown,
    readonly control: ControlQueue,
  ) {}

  sendHeaders(id: number, fields: FieldInput, endStream: boolean): void {
    const s = this.#writable(id);
    if (s.headersQueued && !endStream) throw new Http2UsageError('ERR_STREAM_STATE', 'trailers must end the stream');
    s.headersQueued = true;
    s.endQueued = endStream;
    s.enqueue({ kind: 'headers', fields, endStream });
  }

  sendData(id: number, data: Uint8Array, endStream: boolean): void {
    const s = this.#writable(id);
    if (!s.headersQueued) throw new Http2UsageError('ERR_STREAM_STATE', `DATA before HEADERS on stream ${id}`);
    s.endQueued = endStream;
    s.enqueue({ kind: 'data', bytes: data, endStream });
  }

  pushPromise(parentId: number, requestFields: FieldInput): number {
    const parent = this.#writable(parentId);
    const peer = this.settings.peer;
    if (!peer.enablePush) throw new Http2UsageError('ERR_PUSH_DISABLED', 'the client disabled server push (SETTINGS_ENABLE_PUSH = 0)');
    if (this.shutdown.closing) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is going away');
    if (parent.id % 2 === 0) throw new Http2UsageError('ERR_STREAM_STATE', 'cannot push on a pushed stream');
    if (this.streams.pushedStreams() >= peer.maxConcurrentStreams) throw new Http2UsageError('ERR_PUSH_LIMIT', 'the client\'s SETTINGS_MAX_CONCURRENT_STREAMS is reached');
    const id = this.streams.lastPushedStreamId + 2; // §5.1.1: server-initiated streams are even, increasing
    if (id > MAX_WINDOW) throw new Http2UsageError('ERR_PUSH_LIMIT', 'stream identifiers exhausted');
    this.streams.lastPushedStreamId = id;
    const stream = new Stream(id, peer.initialWindowSize, this.settings.local.acknowledged.initialWindowSize);
    stream.state = transition(id, 'idle', 'send_push_promise');
    stream.awaitingPromise = true;
    this.streams.add(stream);
    parent.enqueue({ kind: 'push_promise', promisedStreamId: id, fields: requestFields });
    return id;
  }

  resetStream(id: number, code: number = E.CANCEL): void {
    const s = this.streams.get(id);
    if (!s || this.shutdown.terminated) return;
    this.streams.close(s, 'reset_by_us', code, 'local', null);
    this.control.push(encodeRstStream(id, code));
  }

  #writable(id: number): Stream {
    if (this.shutdown.terminated) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is closed');
    const s = this.streams.get(id);
    if (!s) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} is not open`);
    if (s.endQueued) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} has already ended its side`);
    return s;
  }
}
