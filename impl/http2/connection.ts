// The server side of one HTTP/2 connection, sans-I/O (DESIGN.md): bytes go
// in with receive(bytes, now) and come back as events; outgoing bytes wait
// until the caller drains dataToSend(). No sockets, no timers, no callbacks.
// Every protocol error is caught in one place (#fail) and becomes exactly one
// RST_STREAM or GOAWAY (STYLE.md §6).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, Http2Error, Http2UsageError, StreamError } from './errors.js';
import type { H2Event } from './events.js';
import { decodeFieldBlock, type HeaderCodec, type HeaderCodecFactory } from './header-codec.js';
import { FlowWindow, ReceiveWindow } from './flow-window.js';
import { FrameSplitter, parseFrame } from './frame-decoder.js';
import { encodeGoAway, encodePing, encodeRstStream, encodeSettings, encodeSettingsAck, encodeWindowUpdate } from './frame-encoder.js';
import { MAX_WINDOW, type Frame, type FrameOf, type PriorityFields } from './frame-types.js';
import { HeaderBlockAssembler } from './header-block.js';
import { hpackCodec } from './hpack-codec.js';
import { DEFAULT_LIMITS, type ConnectionLimits } from './limits.js';
import { frameQueued } from './outbound.js';
import { fieldListSize, validateRequestHeaders, validateTrailers, type FieldList } from './request-validation.js';
import { applySetting, DEFAULT_SETTINGS, LocalSettings, type Settings } from './settings.js';
import { countsTowardConcurrency, transition, type StreamInput } from './stream-state.js';
import { ClosedStreams, Stream, type ClosedReason, type FieldInput } from './stream.js';

/** RFC 9113 §3.4: the client connection preface. */
export const CLIENT_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface ConnectionOptions {
  limits?: Partial<ConnectionLimits>;
  /** Makes the HPACK encoder/decoder pair (default: impl/hpack); see header-codec.ts. */
  headerCodec?: HeaderCodecFactory;
}

export class ServerConnection {
  readonly limits: ConnectionLimits;
  readonly #codec: HeaderCodec;
  readonly #local = new LocalSettings();
  /** The peer's settings, applied on receipt (§6.5.3). */
  readonly peerSettings: Settings = { ...DEFAULT_SETTINGS };
  readonly #splitter = new FrameSplitter();
  readonly #block = new HeaderBlockAssembler();
  readonly #streams = new Map<number, Stream>();
  readonly #closed: ClosedStreams;
  readonly #sendWindow = new FlowWindow(65_535);
  readonly #recvWindow: ReceiveWindow;
  #control: Uint8Array[] = [];
  #controlBytes = 0;
  #events: H2Event[] = [];
  #prefaceSeen = 0;
  #settingsSeen = false;
  #lastPeerStreamId = 0;
  #lastPushedStreamId = 0;
  #goAwaySent: number | null = null;
  #goAwayReceived = false;
  #terminated = false;
  #pings = new Map<string, number>();

  constructor(options: ConnectionOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#codec = options.headerCodec ? options.headerCodec() : hpackCodec(this.limits.maxHeaderListSize);
    this.#closed = new ClosedStreams(this.limits.maxClosedStreamsRemembered);
    this.#recvWindow = new ReceiveWindow(this.limits.connectionWindowSize);
    this.#recvWindow.window.size = 65_535; // §6.9.2: the connection window starts at 65535 whatever we advertise
    // §3.4: the server preface is a SETTINGS frame, sent first.
    this.#sendSettings({
      maxConcurrentStreams: this.limits.maxConcurrentStreams,
      initialWindowSize: this.limits.initialWindowSize,
      maxFrameSize: this.limits.maxFrameSize,
      maxHeaderListSize: this.limits.maxHeaderListSize,
    });
    const grant = this.limits.connectionWindowSize - 65_535;
    if (grant > 0) {
      this.#recvWindow.window.grow(grant);
      this.#queueControl(encodeWindowUpdate(0, grant));
    }
  }

  // ---- state the I/O layer reads -------------------------------------------------

  /** True once a GOAWAY for an error was queued: flush dataToSend() and close. */
  get terminated(): boolean {
    return this.#terminated;
  }
  /** True after goAway(): no new streams, close when activeStreams is 0. */
  get closing(): boolean {
    return this.#goAwaySent !== null || this.#goAwayReceived;
  }
  get activeStreams(): number {
    return this.#streams.size;
  }
  streamState(id: number): Stream['state'] {
    const s = this.#streams.get(id);
    if (s) return s.state;
    return this.#closed.get(id) !== undefined || (id % 2 === 1 ? id <= this.#lastPeerStreamId : id <= this.#lastPushedStreamId) ? 'closed' : 'idle';
  }
  /** Octets queued by sendData() on `id` and not yet framed (backpressure for the caller). */
  queuedBytes(id: number): number {
    return this.#streams.get(id)?.queuedBytes ?? 0;
  }
  /** How much DATA stream `id` could send now (min of both windows). */
  sendCapacity(id: number): number {
    const s = this.#streams.get(id);
    return s ? Math.max(0, Math.min(s.sendWindow.size, this.#sendWindow.size)) : 0;
  }

  // ---- input ----------------------------------------------------------------------

  /** Feeds bytes from the peer; returns what happened, in order. `now` is the caller's clock. */
  receive(bytes: Uint8Array, now = 0): H2Event[] {
    if (!this.#terminated) {
      try {
        this.#receive(bytes, now);
      } catch (err) {
        this.#fail(err);
      }
    }
    return this.takeEvents();
  }

  /** Events produced outside receive() (e.g. a stream closing when its last DATA is framed). */
  takeEvents(): H2Event[] {
    const out = this.#events;
    this.#events = [];
    return out;
  }

  #receive(bytes: Uint8Array, now: number): void {
    let rest = bytes;
    if (this.#prefaceSeen < CLIENT_PREFACE.length) {
      const n = Math.min(CLIENT_PREFACE.length - this.#prefaceSeen, rest.length);
      for (let i = 0; i < n; i++) {
        if (rest[i] !== CLIENT_PREFACE[this.#prefaceSeen + i]) {
          throw new ConnectionError(E.PROTOCOL_ERROR, '3.4', 'invalid connection preface');
        }
      }
      this.#prefaceSeen += n;
      rest = rest.subarray(n);
    }
    this.#splitter.push(rest);
    for (;;) {
      if (this.#terminated) return;
      const raw = this.#splitter.next(this.#local.acknowledged.maxFrameSize);
      if (raw === null) return;
      try {
        const frame = parseFrame(raw.header, raw.payload);
        if (!this.#settingsSeen) {
          // §3.4: the client preface ends with a SETTINGS frame.
          if (frame.type !== 'SETTINGS' || frame.ack) throw new ConnectionError(E.PROTOCOL_ERROR, '3.4', 'first frame is not SETTINGS');
          this.#settingsSeen = true;
        }
        this.#dispatch(frame, now);
      } catch (err) {
        if (err instanceof StreamError) this.#fail(err);
        else throw err;
      }
    }
  }

  #dispatch(f: Frame, now: number): void {
    // §6.10: while a field block is open only its CONTINUATIONs may arrive.
    if (this.#block.open && f.type !== 'CONTINUATION') {
      throw new ConnectionError(E.PROTOCOL_ERROR, '6.10', `${f.type} frame inside a field block of stream ${this.#block.streamId}`);
    }
    switch (f.type) {
      case 'DATA':
        return this.#onData(f);
      case 'HEADERS':
        return this.#onHeadersFrame(f);
      case 'CONTINUATION':
        return this.#onBlockComplete(this.#block.continuation(f, this.limits.maxHeaderBlockSize));
      case 'PRIORITY':
        return this.#onPriority(f.streamId, f.priority);
      case 'RST_STREAM':
        return this.#onRstStream(f);
      case 'SETTINGS':
        return this.#onSettings(f);
      case 'PUSH_PROMISE':
        // §8.4: a client cannot push.
        throw new ConnectionError(E.PROTOCOL_ERROR, '8.4', 'PUSH_PROMISE received by a server');
      case 'PING':
        return this.#onPing(f, now);
      case 'GOAWAY':
        this.#goAwayReceived = true;
        this.#events.push({ type: 'GoAwayReceived', lastStreamId: f.lastStreamId, errorCode: f.errorCode, debugData: f.debugData });
        return;
      case 'WINDOW_UPDATE':
        return this.#onWindowUpdate(f);
      case 'UNKNOWN':
        // §5.5: unknown frame types are ignored.
        this.#events.push({ type: 'UnknownFrameReceived', frameType: f.frameType, streamId: f.streamId });
        return;
    }
  }

  /** §5.1: how a frame on a stream we no longer (or never) had is treated. */
  #closedOrIdle(id: number, what: 'DATA' | 'HEADERS' | 'WINDOW_UPDATE' | 'RST_STREAM'): ClosedReason | 'idle' {
    const reason = this.#closed.get(id);
    if (reason !== undefined) return reason;
    const seen = id % 2 === 1 ? id <= this.#lastPeerStreamId : id <= this.#lastPushedStreamId;
    if (!seen) return 'idle';
    // Older than the newest stream yet unknown: implicitly closed without ever opening (§5.1.1),
    // or forgotten. Either way a connection error.
    throw new ConnectionError(E.PROTOCOL_ERROR, '5.1.1', `${what} on stream ${id}, which is closed or was skipped`);
  }

  #onData(f: FrameOf<'DATA'>): void {
    // §6.9.1: the whole frame, padding included, counts against the connection window first.
    if (!this.#recvWindow.fits(f.flowLength)) {
      throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.1', `DATA of ${f.flowLength} octets exceeds the connection window ${this.#recvWindow.window.size}`);
    }
    this.#recvWindow.receive(f.flowLength);
    this.#creditConnection(f.flowLength);
    const s = this.#streams.get(f.streamId);
    if (!s) {
      const why = this.#closedOrIdle(f.streamId, 'DATA');
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
    if (f.data.length > 0 || !f.endStream) this.#events.push({ type: 'DataReceived', streamId: s.id, data: f.data, endStream: f.endStream });
    if (!f.endStream) {
      // The application consumes events synchronously: credit the stream back at once.
      const inc = s.recvWindow.release(f.flowLength);
      if (inc > 0) this.#queueControl(encodeWindowUpdate(s.id, inc));
      return;
    }
    this.#remoteEnded(s);
  }

  #creditConnection(n: number): void {
    const inc = this.#recvWindow.release(n);
    if (inc > 0) this.#queueControl(encodeWindowUpdate(0, inc));
  }

  /** END_STREAM from the peer: checks content-length (§8.1.1) and reports the end. */
  #remoteEnded(s: Stream): void {
    if (s.contentLength !== null && s.bodyReceived !== s.contentLength) {
      throw new StreamError(s.id, E.PROTOCOL_ERROR, '8.1.1', `request body of ${s.bodyReceived} octets, content-length says ${s.contentLength}`);
    }
    this.#events.push({ type: 'StreamEnded', streamId: s.id });
    if (s.state === 'closed') this.#close(s, 'ended', 0, null, null);
  }

  #onHeadersFrame(f: FrameOf<'HEADERS'>): void {
    // §5.1.1: streams initiated by a client use odd identifiers.
    if (f.streamId % 2 === 0) throw new ConnectionError(E.PROTOCOL_ERROR, '5.1.1', `HEADERS on even stream ${f.streamId}`);
    this.#onBlockComplete(this.#block.start(f, this.limits.maxHeaderBlockSize));
  }

  #onBlockComplete(done: ReturnType<HeaderBlockAssembler['start']>): void {
    if (done === null) return;
    // Decode first, always: the HPACK context must see every block (§4.3).
    const fields = decodeFieldBlock(this.#codec.decoder, done.block);
    const { streamId: id, endStream, priority } = done;
    const s = this.#streams.get(id);
    if (s) return this.#onTrailers(s, fields, endStream);
    const why = this.#closedOrIdle(id, 'HEADERS');
    if (why === 'ended') throw new ConnectionError(E.STREAM_CLOSED, '5.1', `HEADERS on closed stream ${id}`);
    if (why === 'reset_by_peer') throw new StreamError(id, E.STREAM_CLOSED, '5.1', `HEADERS after RST_STREAM on stream ${id}`);
    if (why === 'reset_by_us') return;
    this.#lastPeerStreamId = id;
    // §6.8: after our GOAWAY, new streams are ignored.
    if (this.#goAwaySent !== null) return;
    if (priority && priority.dependsOn === id) throw new StreamError(id, E.PROTOCOL_ERROR, '5.3.1', `stream ${id} depends on itself`);
    if (this.#concurrentPeerStreams() >= this.limits.maxConcurrentStreams) {
      throw new StreamError(id, E.REFUSED_STREAM, '5.1.2', `more than ${this.limits.maxConcurrentStreams} concurrent streams`);
    }
    if (fieldListSize(fields) > this.limits.maxHeaderListSize) {
      throw new StreamError(id, E.PROTOCOL_ERROR, '10.5.1', `field section larger than SETTINGS_MAX_HEADER_LIST_SIZE ${this.limits.maxHeaderListSize}`);
    }
    const request = validateRequestHeaders(id, fields);
    if (endStream && request.contentLength !== null && request.contentLength !== 0) {
      throw new StreamError(id, E.PROTOCOL_ERROR, '8.1.1', `no body but content-length ${request.contentLength}`);
    }
    const stream = new Stream(id, this.peerSettings.initialWindowSize, this.#local.acknowledged.initialWindowSize);
    stream.state = transition(id, 'idle', endStream ? 'recv_headers_es' : 'recv_headers');
    stream.contentLength = request.contentLength;
    this.#streams.set(id, stream);
    this.#events.push({ type: 'RequestReceived', streamId: id, headers: fields, request, endStream, priority });
    if (endStream) this.#events.push({ type: 'StreamEnded', streamId: id });
  }

  #onTrailers(s: Stream, fields: FieldList, endStream: boolean): void {
    s.state = transition(s.id, s.state, endStream ? 'recv_headers_es' : 'recv_headers');
    // §8.1: a second HEADERS (trailers) must end the stream.
    if (!endStream) throw new StreamError(s.id, E.PROTOCOL_ERROR, '8.1', 'trailers without END_STREAM');
    validateTrailers(s.id, fields);
    this.#events.push({ type: 'TrailersReceived', streamId: s.id, headers: fields });
    this.#remoteEnded(s);
  }

  #concurrentPeerStreams(): number {
    let n = 0;
    for (const s of this.#streams.values()) if (s.id % 2 === 1 && countsTowardConcurrency(s.state)) n++;
    return n;
  }

  #onPriority(id: number, priority: PriorityFields): void {
    // §5.3.1: a stream cannot depend on itself.
    if (priority.dependsOn === id) throw new StreamError(id, E.PROTOCOL_ERROR, '5.3.1', `stream ${id} depends on itself`);
    this.#events.push({ type: 'PriorityReceived', streamId: id, priority });
  }

  #onRstStream(f: FrameOf<'RST_STREAM'>): void {
    const s = this.#streams.get(f.streamId);
    if (!s) {
      if (this.#closedOrIdle(f.streamId, 'RST_STREAM') === 'idle') {
        throw new ConnectionError(E.PROTOCOL_ERROR, '6.4', `RST_STREAM on idle stream ${f.streamId}`);
      }
      return; // §5.1: RST_STREAM on a closed stream is ignored (never answered with RST_STREAM).
    }
    s.state = transition(s.id, s.state, 'recv_rst');
    this.#events.push({ type: 'StreamReset', streamId: s.id, errorCode: f.errorCode });
    this.#close(s, 'reset_by_peer', f.errorCode, 'remote', null);
  }

  #onSettings(f: FrameOf<'SETTINGS'>): void {
    if (f.ack) {
      const acked = this.#local.acknowledge();
      if (acked) this.#applyAcknowledged(acked.previous);
      this.#events.push({ type: 'SettingsAcknowledged' });
      return;
    }
    const changed: Array<keyof Settings> = [];
    for (const pair of f.settings) {
      const before = { ...this.peerSettings };
      if (!applySetting(this.peerSettings, pair)) continue;
      for (const k of Object.keys(before) as Array<keyof Settings>) if (before[k] !== this.peerSettings[k] && !changed.includes(k)) changed.push(k);
      if (before.initialWindowSize !== this.peerSettings.initialWindowSize) {
        // §6.9.2: adjust every stream send window by the difference; overflow is a connection error.
        const delta = this.peerSettings.initialWindowSize - before.initialWindowSize;
        for (const s of this.#streams.values()) {
          if (!s.sendWindow.grow(delta)) throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.2', `SETTINGS_INITIAL_WINDOW_SIZE change overflows stream ${s.id}`);
        }
      }
      if (before.headerTableSize !== this.peerSettings.headerTableSize) {
        // RFC 7541 §4.2: our encoder may use at most what the peer allows (we cap at 4096).
        this.#codec.encoder.changeTableSize(Math.min(this.peerSettings.headerTableSize, 4096));
      }
    }
    // §6.5.3: ACK once all values are processed.
    this.#queueControl(encodeSettingsAck());
    this.#events.push({ type: 'SettingsReceived', settings: { ...this.peerSettings }, changed });
  }

  /** §6.5.3: our settings bind the peer only once acknowledged. */
  #applyAcknowledged(previous: Settings): void {
    const now = this.#local.acknowledged;
    if (now.initialWindowSize !== previous.initialWindowSize) {
      const delta = now.initialWindowSize - previous.initialWindowSize;
      for (const s of this.#streams.values()) {
        s.recvWindow.target = now.initialWindowSize;
        s.recvWindow.window.grow(delta);
      }
    }
    if (now.headerTableSize !== previous.headerTableSize) this.#codec.decoder.changeTableSize(now.headerTableSize);
  }

  #onPing(f: FrameOf<'PING'>, now: number): void {
    if (!f.ack) {
      // §6.7: answer with the same opaque data.
      this.#queueControl(encodePing(f.opaque, true));
      this.#events.push({ type: 'PingReceived', opaque: f.opaque });
      return;
    }
    const key = Buffer.from(f.opaque).toString('hex');
    const sent = this.#pings.get(key);
    this.#pings.delete(key);
    this.#events.push({ type: 'PingAcknowledged', opaque: f.opaque, rtt: sent === undefined ? null : now - sent });
  }

  #onWindowUpdate(f: FrameOf<'WINDOW_UPDATE'>): void {
    if (f.streamId === 0) {
      if (f.increment === 0) throw new ConnectionError(E.PROTOCOL_ERROR, '6.9', 'WINDOW_UPDATE with increment 0 on the connection');
      if (!this.#sendWindow.grow(f.increment)) throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.1', 'connection window above 2^31-1');
      this.#events.push({ type: 'WindowUpdated', streamId: 0, increment: f.increment });
      return;
    }
    const s = this.#streams.get(f.streamId);
    if (!s) {
      if (this.#closedOrIdle(f.streamId, 'WINDOW_UPDATE') === 'idle') {
        throw new ConnectionError(E.PROTOCOL_ERROR, '5.1', `WINDOW_UPDATE on idle stream ${f.streamId}`);
      }
      return; // §6.9: may arrive shortly after a stream closed; ignored.
    }
    s.state = transition(s.id, s.state, 'recv_window_update');
    if (f.increment === 0) throw new StreamError(s.id, E.PROTOCOL_ERROR, '6.9', `WINDOW_UPDATE with increment 0 on stream ${s.id}`);
    if (!s.sendWindow.grow(f.increment)) throw new StreamError(s.id, E.FLOW_CONTROL_ERROR, '6.9.1', `stream ${s.id} window above 2^31-1`);
    this.#events.push({ type: 'WindowUpdated', streamId: s.id, increment: f.increment });
  }

  // ---- errors: the one place they become frames (STYLE.md §6) -----------------------

  #fail(err: unknown): void {
    if (err instanceof StreamError) {
      const s = this.#streams.get(err.streamId);
      if (s) {
        s.state = 'closed';
        this.#close(s, 'reset_by_us', err.code, err.initiator, err);
      } else {
        this.#closed.add(err.streamId, 'reset_by_us');
        this.#events.push({ type: 'StreamClosed', streamId: err.streamId, errorCode: err.code, initiator: err.initiator, reason: err.message });
      }
      this.#queueControl(encodeRstStream(err.streamId, err.code));
      return;
    }
    const e =
      err instanceof ConnectionError
        ? err
        : new ConnectionError(E.INTERNAL_ERROR, '5.4.1', `internal failure: ${(err as Error)?.message ?? String(err)}`, 'library');
    this.#terminate(e.code, e.message, e.initiator, e.section);
  }

  #terminate(code: number, reason: string, initiator: Http2Error['initiator'], section: string | null): void {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#queueControl(encodeGoAway(this.#lastPeerStreamId, code, new TextEncoder().encode(reason.slice(0, 256))), true);
    for (const s of [...this.#streams.values()]) this.#close(s, 'reset_by_us', code, initiator, null);
    this.#events.push({ type: 'ConnectionTerminated', errorCode: code, initiator, reason, section });
  }

  #close(s: Stream, reason: ClosedReason, code: number, initiator: Http2Error['initiator'] | null, err: Http2Error | null): void {
    if (!this.#streams.delete(s.id)) return;
    s.state = 'closed';
    s.clearOutbound();
    this.#closed.add(s.id, reason);
    this.#events.push({ type: 'StreamClosed', streamId: s.id, errorCode: code, initiator, reason: err?.message ?? null });
  }

  #queueControl(frame: Uint8Array, force = false): void {
    if (this.#terminated && !force) return;
    this.#control.push(frame);
    this.#controlBytes += frame.length;
    // §10.5: a peer that makes us queue without reading (PING or SETTINGS floods) is cut off.
    if (this.#controlBytes > this.limits.maxQueuedOutput && !this.#terminated) {
      this.#terminate(E.ENHANCE_YOUR_CALM, 'too much queued output', 'remote', '10.5');
    }
  }

  #sendSettings(change: Partial<Settings>): void {
    this.#queueControl(encodeSettings(this.#local.queue(change)));
  }

  // ---- output ---------------------------------------------------------------------

  /** Bytes to write to the peer now (control frames first, then DATA as windows allow). */
  dataToSend(budget = 256 * 1024): Uint8Array {
    const parts = this.#control;
    this.#control = [];
    this.#controlBytes = 0;
    if (!this.#terminated) {
      const ctx = {
        connectionWindow: this.#sendWindow,
        maxFrameSize: this.peerSettings.maxFrameSize,
        encode: (fields: FieldInput) => this.#codec.encoder.deflate(fields),
        framed: (s: Stream, input: StreamInput) => this.#framed(s, input),
        promised: (id: number) => {
          const p = this.#streams.get(id);
          if (p) p.awaitingPromise = false;
        },
      };
      parts.push(...frameQueued(this.#streams.values(), ctx, budget));
    }
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts);
  }

  #framed(s: Stream, input: StreamInput): void {
    s.state = transition(s.id, s.state, input);
    if (s.state === 'closed') this.#close(s, 'ended', 0, null, null);
  }

  // ---- the application's actions ------------------------------------------------------

  #writable(id: number): Stream {
    if (this.#terminated) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is closed');
    const s = this.#streams.get(id);
    if (!s) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} is not open`);
    if (s.endQueued) throw new Http2UsageError('ERR_STREAM_STATE', `stream ${id} has already ended its side`);
    return s;
  }

  /** Queues a response header section (or trailers when headers were already sent, which must end the stream). */
  sendHeaders(id: number, fields: FieldInput, endStream = false): void {
    const s = this.#writable(id);
    if (s.headersQueued && !endStream) throw new Http2UsageError('ERR_STREAM_STATE', 'trailers must end the stream');
    s.headersQueued = true;
    s.endQueued = endStream;
    s.enqueue({ kind: 'headers', fields, endStream });
  }

  /** Queues body bytes; framed by dataToSend() as flow control allows. Watch queuedBytes() for backpressure. */
  sendData(id: number, data: Uint8Array, endStream = false): void {
    const s = this.#writable(id);
    if (!s.headersQueued) throw new Http2UsageError('ERR_STREAM_STATE', `DATA before HEADERS on stream ${id}`);
    s.endQueued = endStream;
    s.enqueue({ kind: 'data', bytes: data, endStream });
  }

  /**
   * §8.4: promises a pushed response on `parentId`. Returns the promised
   * (even) stream id, in reserved (local) state; send its response with
   * sendHeaders/sendData. Refused when the client disabled push.
   */
  pushPromise(parentId: number, requestFields: FieldInput): number {
    const parent = this.#writable(parentId);
    if (!this.peerSettings.enablePush) throw new Http2UsageError('ERR_PUSH_DISABLED', 'the client disabled server push (SETTINGS_ENABLE_PUSH = 0)');
    if (this.#goAwayReceived || this.#goAwaySent !== null) throw new Http2UsageError('ERR_CONNECTION_CLOSED', 'the connection is going away');
    if (parent.id % 2 === 0) throw new Http2UsageError('ERR_STREAM_STATE', 'cannot push on a pushed stream');
    let pushed = 0;
    for (const s of this.#streams.values()) if (s.id % 2 === 0) pushed++;
    if (pushed >= this.peerSettings.maxConcurrentStreams) throw new Http2UsageError('ERR_PUSH_LIMIT', 'the client\'s SETTINGS_MAX_CONCURRENT_STREAMS is reached');
    const id = this.#lastPushedStreamId + 2; // §5.1.1: server-initiated streams are even, increasing
    if (id > MAX_WINDOW) throw new Http2UsageError('ERR_PUSH_LIMIT', 'stream identifiers exhausted');
    this.#lastPushedStreamId = id;
    const stream = new Stream(id, this.peerSettings.initialWindowSize, this.#local.acknowledged.initialWindowSize);
    stream.state = transition(id, 'idle', 'send_push_promise');
    stream.awaitingPromise = true;
    this.#streams.set(id, stream);
    parent.enqueue({ kind: 'push_promise', promisedStreamId: id, fields: requestFields });
    return id;
  }

  /** Resets a stream (§6.4); its queued output is dropped. */
  resetStream(id: number, code: number = E.CANCEL): void {
    const s = this.#streams.get(id);
    if (!s || this.#terminated) return;
    this.#close(s, 'reset_by_us', code, 'local', null);
    this.#queueControl(encodeRstStream(id, code));
  }

  /**
   * §6.8: graceful shutdown with NO_ERROR (streams already accepted finish),
   * or an immediate close with an error code.
   */
  goAway(code: number = E.NO_ERROR, debug = ''): void {
    if (this.#terminated) return;
    if (code !== E.NO_ERROR) return this.#terminate(code, debug, 'local', null);
    if (this.#goAwaySent !== null) return;
    this.#goAwaySent = this.#lastPeerStreamId;
    this.#queueControl(encodeGoAway(this.#lastPeerStreamId, code, new TextEncoder().encode(debug)));
  }

  /** §6.7: sends a PING; the ACK comes back as PingAcknowledged with its round-trip time. */
  ping(opaque: Uint8Array, now = 0): void {
    if (opaque.length !== 8) throw new Http2UsageError('ERR_INVALID_ARGUMENT', 'PING opaque data is 8 octets');
    this.#pings.set(Buffer.from(opaque).toString('hex'), now);
    this.#queueControl(encodePing(opaque, false));
  }

  /** Sends new local settings (§6.5.3); they apply once the peer acknowledges them. */
  updateSettings(change: Partial<Settings>): void {
    this.#sendSettings(change);
  }

  /**
   * RFC 7540 §3.2 (h2c Upgrade): the HTTP2-Settings payload counts as the
   * peer's first SETTINGS (no ACK is sent) and the HTTP/1.1 request becomes
   * stream 1, half-closed (remote). The client preface must still follow.
   */
  upgrade(settingsPayload: Uint8Array, requestFields: FieldList): H2Event[] {
    try {
      const frame = parseFrame({ length: settingsPayload.length, type: 0x4, flags: 0, streamId: 0 }, settingsPayload);
      if (frame.type === 'SETTINGS') for (const pair of frame.settings) applySetting(this.peerSettings, pair);
      this.#codec.encoder.changeTableSize(Math.min(this.peerSettings.headerTableSize, 4096));
      const request = validateRequestHeaders(1, requestFields);
      const stream = new Stream(1, this.peerSettings.initialWindowSize, this.#local.acknowledged.initialWindowSize);
      stream.state = 'half_closed_remote';
      this.#streams.set(1, stream);
      this.#lastPeerStreamId = 1;
      this.#events.push({ type: 'RequestReceived', streamId: 1, headers: requestFields, request, endStream: true, priority: null });
      this.#events.push({ type: 'StreamEnded', streamId: 1 });
    } catch (err) {
      this.#fail(err);
    }
    return this.takeEvents();
  }
}
