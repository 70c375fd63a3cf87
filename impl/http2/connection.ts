// The server side of one HTTP/2 connection, sans-I/O: bytes go in with
// receive(bytes, now) and come back as events; outgoing bytes wait until the
// caller drains dataToSend(). No sockets, no timers, no callbacks, so the
// core runs the same under a socket, a test or a fuzzer.
// This file is the public face and the wiring: each concept lives in its
// own module (frame-dispatch, stream-table, settings-exchange, ...). Every
// protocol error is caught in one place (#fail) and becomes exactly one
// RST_STREAM or GOAWAY, so no error can produce two answers or none.
import { AbuseBudget } from './abuse-budget.js';
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, Http2UsageError, StreamError } from './errors.js';
import { EventQueue, type H2Event } from './events.js';
import { ConnectionFlow } from './connection-flow.js';
import { ConnectionFraming } from './connection-framing.js';
import { ControlQueue } from './control-queue.js';
import { FlowStall } from './flow-stall.js';
import { FrameDispatcher } from './frame-dispatch.js';
import { parseFrame } from './frame-decoder.js';
import { encodeRstStream } from './frame-encoder.js';
import { FrameType } from './frame-types.js';
import type { HeaderCodec, HeaderCodecFactory } from './header-codec.js';
import { hpackCodec } from './hpack-codec.js';
import { IdleTracker } from './idle-tracker.js';
import { DEFAULT_LIMITS, type ConnectionLimits } from './limits.js';
import { OutboundScheduler, type FramingContext } from './outbound.js';
import { OutputFrames } from './output-frames.js';
import { PingTracker } from './ping-tracker.js';
import { RequestFrames } from './request-frames.js';
import type { FieldInput, FieldList } from './fields.js';
import { ResetRate } from './reset-rate.js';
import { validateRequestHeaders } from './request-validation.js';
import { SettingsExchange } from './settings-exchange.js';
import type { Settings } from './settings.js';
import { Shutdown } from './shutdown.js';
import { StreamActions } from './stream-actions.js';
import { StreamFrames } from './stream-frames.js';
import { StreamTable } from './stream-table.js';
import type { StreamState } from './stream-state.js';
import { earliest, timeoutOption } from './timeouts.js';

export { CLIENT_PREFACE } from './preface.js';

export interface ConnectionOptions {
  limits?: Partial<ConnectionLimits>;
  /** Makes the HPACK encoder/decoder pair (default: impl/hpack); see header-codec.ts. */
  headerCodec?: HeaderCodecFactory;
  /**
   * The caller's clock when the connection starts: our first SETTINGS counts
   * as sent then. Without it, the first `now` given to receive() or
   * checkTimeouts() stands in. Timeouts below are in the same units.
   */
  now?: number;
  /**
   * RFC 9113 §6.5.3: how long the peer may take to ACK each SETTINGS we send
   * before checkTimeouts() ends the connection with GOAWAY SETTINGS_TIMEOUT.
   * 0 or Infinity: never. Default 10 000 (10 s when `now` is in ms).
   */
  settingsTimeout?: number;
  /**
   * How long the connection may go without an open stream and without a
   * frame from the peer before checkTimeouts() closes it gracefully (GOAWAY
   * NO_ERROR, event IdleTimedOut). 0 or Infinity: never. Default 0: idle
   * closing is server policy (HTTP2Server sets it), not a protocol rule.
   */
  idleTimeout?: number;
}

export const DEFAULT_SETTINGS_TIMEOUT = 10_000;

export class ServerConnection {
  readonly limits: ConnectionLimits;
  readonly #codec: HeaderCodec;
  readonly #events = new EventQueue();
  readonly #control: ControlQueue;
  readonly #streams: StreamTable;
  readonly #settings: SettingsExchange;
  readonly #flow: ConnectionFlow;
  readonly #shutdown: Shutdown;
  readonly #pings: PingTracker;
  readonly #actions: StreamActions;
  readonly #inbound: FrameDispatcher;
  readonly #idle: IdleTracker;
  readonly #resets: ResetRate;
  readonly #stall: FlowStall;
  /** The latest `now` the caller gave; stamps events that happen outside receive() (a stream closing in dataToSend()). */
  #clock: number | null;
  /** Built once: dataToSend() runs per write and must not allocate closures. */
  readonly #framing: FramingContext;
  readonly #scheduler = new OutboundScheduler();
  readonly #output = new OutputFrames();

  constructor(options: ConnectionOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#codec = options.headerCodec ? options.headerCodec() : hpackCodec(this.limits.maxHeaderListSize);
    this.#clock = options.now ?? null;
    this.#idle = new IdleTracker(timeoutOption('idleTimeout', options.idleTimeout ?? 0), this.#clock);
    this.#control = new ControlQueue(this.limits.maxQueuedOutput, () => this.#shutdown.terminate(E.ENHANCE_YOUR_CALM, 'too much queued output', 'remote', '10.5'));
    this.#streams = new StreamTable(this.limits.maxClosedStreamsRemembered, this.limits.resetStreamGrace, this.#events, () => {
      if (this.#clock !== null) this.#idle.activity(this.#clock);
    });
    this.#shutdown = new Shutdown(this.#streams, this.#control, this.#events);
    const settingsTimeout = timeoutOption('settingsTimeout', options.settingsTimeout ?? DEFAULT_SETTINGS_TIMEOUT);
    this.#settings = new SettingsExchange(this.#codec, this.#streams, this.#control, this.#events, settingsTimeout);
    // §3.4: the server preface is a SETTINGS frame, sent first (before the connection WINDOW_UPDATE).
    this.#settings.send({
      maxConcurrentStreams: this.limits.maxConcurrentStreams,
      initialWindowSize: this.limits.initialWindowSize,
      maxFrameSize: this.limits.maxFrameSize,
      maxHeaderListSize: this.limits.maxHeaderListSize,
    }, this.#clock);
    this.#flow = new ConnectionFlow(this.limits.connectionWindowSize, this.#control);
    this.#pings = new PingTracker(this.#control, this.#events);
    this.#actions = new StreamActions(this.#streams, this.#settings, this.#shutdown, this.#control);
    const budget = new AbuseBudget(this.limits.maxWorklessFrames, this.limits.floodWindow, this.limits.minWindowUpdate);
    const resets = (this.#resets = new ResetRate(this.limits.maxResets, this.limits.floodWindow));
    const requests = new RequestFrames(this.limits, this.#codec, this.#streams, this.#settings, this.#shutdown, this.#events, () => resets.lingering);
    const streamFrames = new StreamFrames(this.#streams, this.#flow, this.#control, this.#events);
    this.#inbound = new FrameDispatcher(
      { requests, streamFrames, settings: this.#settings, pings: this.#pings, shutdown: this.#shutdown, events: this.#events, idle: this.#idle, budget, resets },
      (err) => this.#fail(err),
    );
    const stall = (this.#stall = new FlowStall(
      timeoutOption('streamFlowStallTimeout', this.limits.streamFlowStallTimeout),
      timeoutOption('connectionFlowStallTimeout', this.limits.connectionFlowStallTimeout),
      this.#streams.queued,
      this.#streams,
    ));
    this.#framing = new ConnectionFraming(this.#flow.send, this.#settings, this.#streams, this.#codec, stall);
  }

  // ---- state the I/O layer reads -------------------------------------------------

  /** The peer's settings, applied on receipt (§6.5.3). */
  get peerSettings(): Settings {
    return this.#settings.peer;
  }
  /** True once a GOAWAY for an error was queued: flush dataToSend() and close. */
  get terminated(): boolean {
    return this.#shutdown.terminated;
  }
  /** True once the final GOAWAY went out (or the peer's came in): no new streams, close when activeStreams is 0. */
  get closing(): boolean {
    return this.#shutdown.closing;
  }
  get activeStreams(): number {
    return this.#streams.size;
  }
  streamState(id: number): StreamState {
    return this.#streams.state(id);
  }
  /** Octets queued by sendData() on `id` and not yet framed (backpressure for the caller). */
  queuedBytes(id: number): number {
    return this.#streams.get(id)?.queuedBytes ?? 0;
  }
  /** Octets queued by sendData() on all streams and not yet framed. */
  get queuedBytesTotal(): number {
    return this.#streams.queued.bytes;
  }
  /** How much DATA stream `id` could send now (min of both windows). */
  sendCapacity(id: number): number {
    const s = this.#streams.get(id);
    return s ? Math.max(0, Math.min(s.sendWindow.size, this.#flow.send.size)) : 0;
  }

  // ---- input ----------------------------------------------------------------------

  /** receive() stopped at maxFramesPerReceive with bytes left: call it again (with no bytes) soon. */
  get hasBufferedInput(): boolean {
    return !this.#shutdown.terminated && this.#inbound.hasBufferedInput;
  }

  /** Feeds bytes from the peer; returns what happened, in order. `now` is the caller's clock. */
  receive(bytes: Uint8Array, now = 0): H2Event[] {
    if (!this.#shutdown.terminated) {
      this.#observe(now);
      // A drain past its deadline ends before these frames are read: a new stream in them is after the final GOAWAY.
      this.#shutdown.onTime(now);
      try {
        this.#inbound.receive(bytes, now, this.limits.maxFramesPerReceive);
      } catch (err) {
        this.#fail(err);
      }
      if (this.#shutdown.terminated) this.#inbound.discardInput();
    }
    return this.takeEvents();
  }

  // ---- time: the caller's clock, never ours -------------------------------------------

  /**
   * Acts on the deadlines that have passed at `now`: §6.5.3 SETTINGS_TIMEOUT
   * (GOAWAY, ConnectionTerminated) first, else the idle timeout (graceful
   * GOAWAY NO_ERROR, IdleTimedOut). Also moves the clock on, so call it
   * before dataToSend() when time has passed since the last receive().
   */
  checkTimeouts(now: number): H2Event[] {
    if (!this.#shutdown.terminated) {
      this.#observe(now);
      const settingsDue = this.#settings.deadline();
      if (settingsDue !== null && now >= settingsDue) {
        const reason = `SETTINGS not acknowledged within ${this.#settings.timeout}`;
        this.#shutdown.terminate(E.SETTINGS_TIMEOUT, reason, 'remote', '6.5.3');
      } else {
        this.#checkStalls(now);
        if (this.#shutdown.terminated) {
          // A stalled connection was just ended: nothing else is due.
        } else if (this.#shutdown.drainDeadline !== null) {
          this.#shutdown.onTime(now);
        } else if (!this.#shutdown.closing) {
          const idleDue = this.#idle.deadline(this.#streams.size);
          if (idleDue !== null && now >= idleDue) this.#shutdown.closeIdle();
        }
      }
    }
    return this.takeEvents();
  }

  /** The flow-stall rules (flow-stall.ts): GOAWAY for a connection where nothing moved, else CANCEL for each stalled stream. */
  #checkStalls(now: number): void {
    this.#stall.observe(this.#flow.send.size, now);
    const due = this.#stall.due(now);
    if (due.connection) return this.#shutdown.terminate(E.ENHANCE_YOUR_CALM, this.#stall.describe(), 'remote', '10.5');
    // A stalled response often has its END_STREAM queued but not sent: the reset drops exactly that unsent rest.
    for (const s of due.streams) this.#actions.resetStream(s.id, E.CANCEL);
  }

  /** When checkTimeouts() next has something to do (caller's clock), or null: no timer needed. */
  nextDeadline(): number | null {
    if (this.#shutdown.terminated) return null;
    const idle = this.#shutdown.goingAway ? null : this.#idle.deadline(this.#streams.size);
    return earliest(earliest(earliest(this.#settings.deadline(), idle), this.#shutdown.drainDeadline), this.#stall.deadline());
  }

  #observe(now: number): void {
    this.#clock = this.#clock === null ? now : Math.max(this.#clock, now);
    this.#streams.now = this.#clock;
    this.#settings.stamp(now);
    this.#idle.stamp(now);
  }

  /** Events produced outside receive() (e.g. a stream closing when its last DATA is framed). */
  takeEvents(): H2Event[] {
    return this.#events.take();
  }

  // ---- errors: the one place they become frames ---------------------------------------

  #fail(err: unknown): void {
    if (err instanceof StreamError) {
      const s = this.#streams.get(err.streamId);
      if (s) {
        this.#streams.close(s, 'reset_by_us', err.code, err.initiator, err);
      } else {
        this.#streams.resetUnknown(err);
      }
      this.#control.push(encodeRstStream(err.streamId, err.code));
      // CVE-2019-9514: resets the peer provokes count toward the same budget as its own.
      if (err.initiator === 'remote' && this.#resets.localReset(this.#clock ?? 0)) this.#shutdown.terminate(E.ENHANCE_YOUR_CALM, this.#resets.describe(), 'remote', '10.5');
      return;
    }
    const e =
      err instanceof ConnectionError
        ? err
        : new ConnectionError(E.INTERNAL_ERROR, '5.4.1', `internal failure: ${(err as Error)?.message ?? String(err)}`, 'library');
    this.#shutdown.terminate(e.code, e.message, e.initiator, e.section);
  }

  // ---- output ---------------------------------------------------------------------

  /**
   * Bytes to write to the peer now: control frames first, then the streams'
   * frames as windows allow, up to about `budget` octets (DATA is cut to fit;
   * a field block is never cut). Empty when nothing can move.
   */
  dataToSend(budget = 256 * 1024): Uint8Array {
    this.#frameOutput(budget);
    return this.#output.take();
  }

  /**
   * dataToSend() as parts to write in order (a writev): large DATA payloads
   * are handed over as they are instead of copied into the write. Empty
   * when nothing can move.
   */
  dataToSendParts(budget = 256 * 1024): Uint8Array[] {
    this.#frameOutput(budget);
    return this.#output.takeParts();
  }

  #frameOutput(budget: number): void {
    const out = this.#output;
    out.addEncoded(this.#control.take());
    if (this.#shutdown.terminated) return;
    try {
      this.#scheduler.frame(this.#framing, budget, out);
    } catch (err) {
      // A failure while framing is ours (a bug or an encoder that broke): the
      // connection cannot go on consistently, so it ends as any other error does.
      this.#fail(err);
      out.addEncoded(this.#control.take());
    }
    // What could not go out for lack of window starts (or continues) its stall from here.
    if (this.#clock !== null) this.#stall.observe(this.#flow.send.size, this.#clock);
  }

  // ---- the application's actions ------------------------------------------------------

  /** Queues a response header section (or trailers when headers were already sent, which must end the stream). */
  sendHeaders(id: number, fields: FieldInput, endStream = false): void {
    this.#actions.sendHeaders(id, fields, endStream);
  }

  /** Queues body bytes; framed by dataToSend() as flow control allows. Watch queuedBytes() for backpressure. */
  sendData(id: number, data: Uint8Array, endStream = false): void {
    this.#actions.sendData(id, data, endStream);
  }

  /**
   * §8.4: promises a pushed response on `parentId`. Returns the promised
   * (even) stream id, in reserved (local) state; send its response with
   * sendHeaders/sendData. Refused when the client disabled push.
   */
  pushPromise(parentId: number, requestFields: FieldInput): number {
    return this.#actions.pushPromise(parentId, requestFields);
  }

  /**
   * The application is done with stream `id` (its handler finished). A
   * stream the peer reset before our response ended counts toward
   * maxConcurrentStreams until then (CVE-2023-44487); call this for every
   * stream whose StreamClosed you have handled. Unknown ids are ignored.
   */
  releaseStream(id: number): void {
    this.#resets.release(id);
  }

  /** Resets a stream (§6.4); its queued output is dropped. */
  resetStream(id: number, code: number = E.CANCEL): void {
    this.#actions.resetStream(id, code);
  }

  /**
   * §6.8: graceful shutdown with NO_ERROR — GOAWAY 2^31-1 and a PING, then,
   * once the PING is acknowledged or DRAIN_TIMEOUT_MS after `now` (checkTimeouts),
   * GOAWAY with the last stream processed; streams accepted until then
   * finish — or an immediate close with an error code.
   */
  goAway(code: number = E.NO_ERROR, debug = '', now?: number): void {
    if (this.#shutdown.terminated) return;
    if (code !== E.NO_ERROR) return this.#shutdown.terminate(code, debug, 'local', null);
    this.#shutdown.announce(debug, now ?? this.#clock ?? 0);
  }

  /** §6.7: sends a PING; the ACK comes back as PingAcknowledged with its round-trip time. */
  ping(opaque: Uint8Array, now = 0): void {
    this.#pings.send(opaque, now);
  }

  /**
   * Sends new local settings (§6.5.3); they apply once the peer acknowledges
   * them. `now` starts their SETTINGS_TIMEOUT; without it, the next `now` seen does.
   */
  updateSettings(change: Partial<Settings>, now?: number): void {
    this.#settings.send(change, now ?? null);
  }

  /**
   * RFC 7540 §3.2 (h2c Upgrade): the HTTP2-Settings payload counts as the
   * peer's first SETTINGS (no ACK is sent) and the HTTP/1.1 request becomes
   * stream 1, half-closed (remote). The client preface must still follow.
   */
  upgrade(settingsPayload: Uint8Array, requestFields: FieldList): H2Event[] {
    try {
      const frame = parseFrame({ length: settingsPayload.length, type: FrameType.SETTINGS, flags: 0, streamId: 0 }, settingsPayload);
      this.#settings.applyUpgrade(frame.type === 'SETTINGS' ? frame.settings : []);
      const request = validateRequestHeaders(1, requestFields);
      this.#streams.open(1, 'recv_headers_es', this.#settings.peer.initialWindowSize, this.#settings.local.acknowledged.initialWindowSize);
      this.#events.push({ type: 'RequestReceived', streamId: 1, headers: requestFields, request, endStream: true, priority: null });
      this.#events.push({ type: 'StreamEnded', streamId: 1 });
    } catch (err) {
      this.#fail(err);
    }
    return this.takeEvents();
  }
}
