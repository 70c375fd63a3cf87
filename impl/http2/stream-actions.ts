// What the application does on streams: respond (§8.1), push (§8.4) and
// reset (§6.4). Each call is decided at call time, all or nothing: the state
// table (through the stream table) says whether the stream may send it, the
// fields are validated (outbound-fields.ts), and only then is anything
// queued. Misuse is an Http2UsageError thrown to the caller, never a frame.
// The frames are made later by dataToSend() (outbound.ts).
import { ErrorCode as E } from './error-codes.js';
import { Http2UsageError } from './errors.js';
import type { ControlQueue } from './control-queue.js';
import type { FieldInput } from './fields.js';
import { encodeRstStream } from './frame-encoder.js';
import { MAX_WINDOW } from './frame-types.js';
import { checkPushRequest, checkResponseFields } from './outbound-fields.js';
import type { SettingsExchange } from './settings-exchange.js';
import type { Shutdown } from './shutdown.js';
import type { StreamTable } from './stream-table.js';

export class StreamActions {
  constructor(
    readonly streams: StreamTable,
    readonly settings: SettingsExchange,
    readonly shutdown: Shutdown,
    readonly control: ControlQueue,
  ) {}

  sendHeaders(id: number, fields: FieldInput, endStream: boolean): void {
    this.#open();
    const plan = this.streams.plan(id, endStream ? 'send_headers_es' : 'send_headers');
    if (plan === null) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} is not open`);
    const s = plan.stream;
    // §8.1: a second header section is trailers, which end the stream.
    if (s.headersQueued && !endStream) throw new Http2UsageError('ERR_STREAM_STATE', 'trailers must end the stream');
    const checked = checkResponseFields(fields, s.headersQueued);
    this.streams.commit(s, plan.next);
    s.headersQueued = true;
    s.enqueue({ kind: 'headers', fields: checked, endStream });
  }

  sendData(id: number, data: Uint8Array, endStream: boolean): void {
    this.#open();
    if (!(data instanceof Uint8Array)) throw new Http2UsageError('ERR_INVALID_ARGUMENT', `sendData(${id}): data must be a Uint8Array`);
    const plan = this.streams.plan(id, endStream ? 'send_data_es' : 'send_data');
    if (plan === null) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} is not open`);
    const s = plan.stream;
    // §8.1: a response begins with its header section.
    if (!s.headersQueued) throw new Http2UsageError('ERR_STREAM_STATE', `DATA before HEADERS on stream ${id}`);
    this.streams.commit(s, plan.next);
    s.enqueue({ kind: 'data', bytes: data, endStream });
  }

  pushPromise(parentId: number, requestFields: FieldInput): number {
    this.#open();
    const plan = this.streams.plan(parentId, 'send_push_promise');
    if (plan === null) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${parentId} is not open`);
    const parent = plan.stream;
    const peer = this.settings.peer;
    if (!peer.enablePush) throw new Http2UsageError('ERR_PUSH_DISABLED', 'the client disabled server push (SETTINGS_ENABLE_PUSH = 0)');
    if (this.shutdown.goingAway) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is going away');
    if (parent.id % 2 === 0) throw new Http2UsageError('ERR_STREAM_STATE', 'cannot push on a pushed stream');
    if (this.streams.pushedStreams() >= peer.maxConcurrentStreams) throw new Http2UsageError('ERR_PUSH_LIMIT', 'the client\'s SETTINGS_MAX_CONCURRENT_STREAMS is reached');
    const id = this.streams.lastPushedStreamId + 2; // §5.1.1: server-initiated streams are even, increasing
    if (id > MAX_WINDOW) throw new Http2UsageError('ERR_PUSH_LIMIT', 'stream identifiers exhausted');
    const checked = checkPushRequest(requestFields);
    this.streams.commit(parent, plan.next);
    const stream = this.streams.open(id, 'send_push_promise', peer.initialWindowSize, this.settings.local.acknowledged.initialWindowSize);
    stream.awaitingPromise = true;
    parent.enqueue({ kind: 'push_promise', promisedStreamId: id, fields: checked });
    return id;
  }

  resetStream(id: number, code: number = E.CANCEL): void {
    if (this.shutdown.terminated) return;
    const plan = this.streams.plan(id, 'send_rst');
    if (plan === null) return; // §5.1: already closed, nothing to reset
    this.streams.close(plan.stream, 'reset_by_us', code, 'local', null);
    this.control.push(encodeRstStream(id, code));
  }

  #open(): void {
    if (this.shutdown.terminated) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is closed');
  }
}
