// HEADERS and CONTINUATION from the client (RFC 9113 §6.2, §6.10, §8.1): a
// complete field block either opens a request stream or carries trailers.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';
import type { EventQueue } from './events.js';
import type { FrameOf } from './frame-types.js';
import { HeaderBlockAssembler, type CompleteBlock } from './header-block.js';
import { decodedListSize, fieldListOf, inflateFieldBlock, type HeaderCodec } from './header-codec.js';
import { CheckedFields } from './checked-fields.js';
import { FIELD_STRING_SLOTS, FieldStrings } from './field-strings.js';
import type { ConnectionLimits } from './limits.js';
import type { FieldList } from './fields.js';
import { checkField, checkTrailer, validateRequestHeaders } from './request-validation.js';
import type { SettingsExchange } from './settings-exchange.js';
import type { Shutdown } from './shutdown.js';
import type { StreamTable } from './stream-table.js';
import type { Stream } from './stream.js';

/** §8.2: a request's field, pseudo-header or not. */
function checkRequestField(id: number, name: string, value: string): void {
  checkField(id, name, value, name.startsWith(':'));
}

export class RequestFrames {
  readonly block = new HeaderBlockAssembler();
  readonly #strings = new FieldStrings();
  readonly #checked = new CheckedFields(FIELD_STRING_SLOTS);

  constructor(
    readonly limits: ConnectionLimits,
    readonly codec: HeaderCodec,
    readonly streams: StreamTable,
    readonly settings: SettingsExchange,
    readonly shutdown: Shutdown,
    readonly events: EventQueue,
    /** Closed streams that still count toward the limit (reset-rate.ts). */
    readonly lingering: () => number = () => 0,
  ) {}

  onHeaders(f: FrameOf<'HEADERS'>): void {
    this.#complete(this.block.start(f, this.limits.maxHeaderBlockSize));
  }

  onContinuation(f: FrameOf<'CONTINUATION'>): void {
    this.#complete(this.block.continuation(f, this.limits.maxHeaderBlockSize));
  }

  #complete(done: CompleteBlock | null): void {
    if (done === null) return;
    // Decode first, always: the HPACK context must see every block (§4.3).
    // Its fields become strings only once the stream is known to take them.
    const decoded = inflateFieldBlock(this.codec.decoder, done.block);
    const { streamId: id, endStream, priority } = done;
    const input = endStream ? 'recv_headers_es' : 'recv_headers';
    // §5.1: the table decides (and moves a live stream); null: ignored, the block was still decoded above.
    if (this.streams.receive(id, input) === null) return;
    const s = this.streams.get(id);
    if (s) return this.#trailers(s, fieldListOf(decoded, this.#strings, this.#checked, id, checkTrailer));
    // From idle: a new request. §5.1.1: streams initiated by a client use odd identifiers.
    if (id % 2 === 0) throw new ConnectionError(E.PROTOCOL_ERROR, '5.1.1', `HEADERS opening even stream ${id}`);
    this.streams.lastPeerStreamId = id;
    // §6.8: after our GOAWAY, new streams are ignored.
    if (this.shutdown.goAwaySent !== null) return;
    if (priority && priority.dependsOn === id) throw new StreamError(id, E.PROTOCOL_ERROR, '5.3.1', `stream ${id} depends on itself`);
    if (this.streams.concurrentPeerStreams() + this.lingering() >= this.limits.maxConcurrentStreams) {
      throw new StreamError(id, E.REFUSED_STREAM, '5.1.2', `more than ${this.limits.maxConcurrentStreams} concurrent streams`);
    }
    if (decodedListSize(decoded) > this.limits.maxHeaderListSize) {
      throw new StreamError(id, E.PROTOCOL_ERROR, '10.5.1', `field section larger than SETTINGS_MAX_HEADER_LIST_SIZE ${this.limits.maxHeaderListSize}`);
    }
    // §8.1.1: one malformed field makes the request malformed; fields after it are not made (CVE-2019-9516 sends hundreds).
    const fields = fieldListOf(decoded, this.#strings, this.#checked, id, checkRequestField);
    const request = validateRequestHeaders(id, fields, true);
    if (endStream && request.contentLength !== null && request.contentLength !== 0) {
      throw new StreamError(id, E.PROTOCOL_ERROR, '8.1.1', `no body but content-length ${request.contentLength}`);
    }
    const stream = this.streams.open(id, input, this.settings.peer.initialWindowSize, this.settings.local.acknowledged.initialWindowSize);
    stream.contentLength = request.contentLength;
    this.events.push({ type: 'RequestReceived', streamId: id, headers: fields, request, endStream, priority });
    if (endStream) this.events.push({ type: 'StreamEnded', streamId: id });
  }

  /** §8.1: trailers (checked as they were made); the table has already refused a second HEADERS without END_STREAM. */
  #trailers(s: Stream, fields: FieldList): void {
    this.events.push({ type: 'TrailersReceived', streamId: s.id, headers: fields });
    this.streams.peerEnded(s);
  }
}
