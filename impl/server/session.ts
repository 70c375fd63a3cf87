// One HTTP/2 connection of the server: a socket on one side, the sans-I/O
// ServerConnection on the other, handlers in between. All protocol decisions
// are the core's; this file only moves bytes, calls handlers and applies
// backpressure (socket drain, per-stream queue limits).
import type { Socket } from 'node:net';
import { ErrorCode as E } from '../http2/error-codes.js';
import { Http2UsageError } from '../http2/errors.js';
import type { H2Event } from '../http2/events.js';
import { ServerConnection } from '../http2/connection.js';
import type { ConnectionLimits } from '../http2/limits.js';
import type { FieldList } from '../http2/fields.js';
import type { FieldPart, HeaderField } from '../hpack/types.js';
import { bodySource, chunkBytes, type StreamedBody } from './body-source.js';
import { ReadBackpressure } from './read-backpressure.js';
import { ResponseBudget } from './response-budget.js';
import { responseFields } from './response-fields.js';
import type { BaseRequestHandler, HandlerContext, PushOptions, RequestHandlerClass, ResponseOptions } from './request-handler.js';

export type Logger = (message: string, error?: unknown) => void;

export interface SessionOptions {
  limits: Partial<ConnectionLimits>;
  logger: Logger;
  scheme: 'http' | 'https';
  /** ms; see HTTP2ServerOptions. */
  settingsTimeout: number;
  idleTimeout: number;
  /** Response octets queued in the core per stream and per connection before streaming bodies wait (see ResponseBudget). */
  maxStreamBufferedBytes: number;
  maxConnectionBufferedBytes: number;
  /** ms the socket may stay unwritable before it is dropped; null never (see ReadBackpressure). */
  sendStallTimeout: number | null;
}

/** A part as the core reports fields: one char per octet (see FieldList); a string part is sent as UTF-8. */
function latin1Text(part: FieldPart): string {
  return Buffer.from(typeof part === 'string' ? Buffer.from(part, 'utf8') : part).toString('latin1');
}

const EMPTY = new Uint8Array(0);

/** The value of the first field named `name`, or null. */
function fieldValue(fields: FieldList, name: string): string | null {
  for (const [n, v] of fields) if (n === name) return v;
  return null;
}

/** setTimeout's largest delay; a later deadline is re-armed when this one fires. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** ms an errored connection's socket stays after its GOAWAY and FIN were written (see flush()). */
const TERMINATED_LINGER_MS = 10;
/** ms a closing connection's socket stays at most when the peer does not read what is left to write. */
const UNREAD_CLOSE_MS = 2000;

/** Octets asked of the core per socket write: large enough to batch, small enough not to hog the event loop. */
const WRITE_BUDGET = 256 * 1024;

export class Session implements HandlerContext {
  readonly conn: ServerConnection;
  readonly clientAddress: [string, number];
  readonly #handlers = new Map<number, BaseRequestHandler>();
  readonly #waiters = new Map<number, () => void>();
  #socketBlocked = false;
  readonly #backpressure: ReadBackpressure;
  readonly #buffers: ResponseBudget;
  #ended = false;
  readonly closed: Promise<void>;

  /** Inside receive(): flushes wait for the end of the batch. */
  #receiving = false;
  /**
   * After an h2c Upgrade, output waits until the client has said something
   * (its preface): a client reading the 101 into a fixed buffer can fail
   * when a window's worth of response follows the 101 in the same read
   * (curl 7.88: "connection buffer size is too small to store data
   * following HTTP Upgrade response header"). RFC 7540 §3.2 asks the client
   * to send its preface on the 101 without waiting for ours, so this delays
   * nothing the client waits for.
   */
  #quietUntilClientSpeaks = false;
  /** The one timer that drives the core's deadlines (SETTINGS ACK, idle); unref'd, cleared on close. */
  #timer: NodeJS.Timeout | null = null;
  #timerAt: number | null = null;
  /** Set while frames of an earlier read wait in the core for their turn (maxFramesPerReceive). */
  #inputTurn: NodeJS.Immediate | null = null;
  /** Timers that destroy a closing socket (see #closeIn). */
  #closeTimers: NodeJS.Timeout[] = [];

  constructor(
    readonly socket: Socket,
    readonly Handler: RequestHandlerClass,
    readonly options: SessionOptions,
  ) {
    this.conn = new ServerConnection({ limits: options.limits, now: Date.now(), settingsTimeout: options.settingsTimeout, idleTimeout: options.idleTimeout });
    this.clientAddress = [socket.remoteAddress ?? '', socket.remotePort ?? 0];
    socket.setNoDelay(true);
    this.#buffers = new ResponseBudget(options.maxStreamBufferedBytes, options.maxConnectionBufferedBytes, (id) => this.conn.queuedBytes(id), () => this.conn.queuedBytesTotal);
    this.#backpressure = new ReadBackpressure(socket, options.sendStallTimeout, () => socket.destroy());
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => {
      this.#socketBlocked = false;
      this.#backpressure.unblock();
      this.flush();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // RFC 9113 §9.2.1: a TLS renegotiation (refused by the server's TLS
      // socket, which reports it as this error) is a connection error of type PROTOCOL_ERROR.
      if (err.code === 'ERR_TLS_RENEGOTIATION_DISABLED') {
        this.conn.goAway(E.PROTOCOL_ERROR, 'TLS renegotiation (RFC 9113 9.2.1)');
        return this.flush();
      }
      // A peer hanging up abruptly is ordinary; only report the unexpected.
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') this.options.logger(`connection from ${this.clientAddress.join(':')}: ${err.message}`);
    });
    socket.on('close', () => this.#onSocketClose());
  }

  /** Starts the connection: the server preface goes out, then any bytes already read. */
  start(initial?: Uint8Array, upgrade?: { settings: Uint8Array; fields: FieldList; body: Uint8Array }): void {
    if (upgrade) {
      this.#quietUntilClientSpeaks = initial === undefined || initial.length === 0;
      // The body came as HTTP/1.1 before the switch: it reaches the handler before onRequestDone.
      const events = this.conn.upgrade(upgrade.settings, upgrade.fields);
      const end = events.findIndex((e) => e.type === 'StreamEnded');
      if (upgrade.body.length > 0 && end >= 0) events.splice(end, 0, { type: 'DataReceived', streamId: 1, data: upgrade.body, endStream: true });
      this.#dispatch(events);
    }
    if (initial && initial.length > 0) this.receive(initial);
    else this.flush();
  }

  receive(chunk: Uint8Array): void {
    if (this.#ended) return;
    this.#quietUntilClientSpeaks = false;
    // Handlers answering synchronously would each cost a socket write: one
    // write for the whole batch is what keeps small responses cheap.
    this.#receiving = true;
    try {
      this.#dispatch(this.conn.receive(chunk, Date.now()));
    } finally {
      this.#receiving = false;
    }
    this.flush();
    if (this.conn.hasBufferedInput) this.#yieldTurn();
  }

  /** Lets other connections run, then hands the core the frames it still holds (reading paused meanwhile). */
  #yieldTurn(): void {
    if (this.#inputTurn !== null || this.#ended) return;
    this.#backpressure.hold('buffered-input');
    this.#inputTurn = setImmediate(() => {
      this.#inputTurn = null;
      this.receive(EMPTY);
      if (this.#inputTurn === null) this.#backpressure.release('buffered-input');
    });
  }

  /** Graceful close (RFC 9113 §6.8): GOAWAY, let open streams finish, then end the socket. */
  shutdown(): void {
    this.conn.goAway(E.NO_ERROR, 'server shutting down', Date.now());
    this.flush();
  }

  /** Moves bytes from the core to the socket until the socket pushes back. */
  flush(): void {
    if (this.#ended || this.#receiving) return;
    // The core's clock moves only when we say so: keep it current, so streams
    // closing below start the idle period now, and act on any deadline passed.
    this.#dispatch(this.conn.checkTimeouts(Date.now()));
    // A client that never speaks after the 101 still meets the core's deadlines (its GOAWAY goes out).
    if (this.#quietUntilClientSpeaks && !this.conn.terminated) return;
    // Each dataToSend() frames up to its budget from every stream that can
    // move, so this runs once per budget's worth of output and ends when
    // nothing can move (empty) or the socket pushes back.
    while (!this.#socketBlocked) {
      const parts = this.conn.dataToSendParts(WRITE_BUDGET);
      if (parts.length === 0) break;
      // Corked, the parts leave in one writev.
      if (parts.length > 1) this.socket.cork();
      let room = true;
      for (const part of parts) room = this.socket.write(part);
      if (parts.length > 1) this.socket.uncork();
      if (!room) {
        this.#socketBlocked = true;
        this.#backpressure.block();
      }
    }
    this.#dispatch(this.conn.takeEvents());
    this.#wakeWriters();
    if (this.conn.terminated || (this.conn.closing && this.conn.activeStreams === 0)) {
      this.#ended = true;
      if (this.conn.terminated) {
        // RFC 9113 §5.4.1: after a GOAWAY for an error the connection is closed.
        // Once the GOAWAY and our FIN are with the kernel, a short linger lets a
        // reading peer take them before the socket goes; keeping a flooder's
        // socket longer only keeps its buffers alive long enough for V8 to
        // promote them, so their memory comes back at a full GC, not at once.
        this.socket.end(() => this.#closeIn(TERMINATED_LINGER_MS));
        this.#backpressure.hold('terminated');
      } else {
        this.socket.end();
      }
      // A peer that never reads must not keep the socket forever (its GOAWAY never drains).
      this.#closeIn(UNREAD_CLOSE_MS);
    }
    this.#armTimer();
  }

  /**
   * Destroys the socket in `ms` unless it closed before. The timers are
   * cleared on close: a pending one would keep the session, its socket and
   * their read buffers reachable for its whole delay, long enough for V8 to
   * promote them to the old generation, where a flood's worth of closed
   * connections waits for a full GC (about 64 KiB of read buffer each).
   */
  #closeIn(ms: number): void {
    if (this.socket.destroyed) return;
    const timer = setTimeout(() => this.socket.destroy(), ms).unref();
    this.#closeTimers.push(timer);
  }

  /**
   * One timer per connection, due no later than the core's next deadline;
   * firing just flushes, which acts on what is due and arms the timer again.
   * A deadline that moved later keeps the armed timer: the idle deadline
   * moves with every request that empties the connection, and clearing and
   * setting a timer per request (h2load -m 1) was work for nothing.
   */
  #armTimer(): void {
    const at = this.#ended ? null : this.conn.nextDeadline();
    if (at === null) {
      if (this.#ended) this.#clearTimer();
      return;
    }
    if (this.#timerAt !== null && this.#timerAt <= at) return;
    this.#clearTimer();
    this.#timerAt = at;
    const delay = Math.min(Math.max(0, at - Date.now()), MAX_TIMER_DELAY);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAt = null;
      this.flush();
    }, delay);
    // The server's own handle keeps the process alive, not a connection's deadline.
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = null;
  }

  #wakeWriters(): void {
    if (this.#waiters.size === 0) return;
    const total = this.#buffers.total();
    for (const [id, wake] of this.#waiters) {
      if (this.#buffers.hasRoom(id, total) || this.conn.streamState(id) === 'closed') {
        this.#waiters.delete(id);
        wake();
      }
    }
  }

  #dispatch(events: H2Event[]): void {
    for (const ev of events) {
      switch (ev.type) {
        case 'RequestReceived': {
          const h = new this.Handler(this, ev.streamId);
          h.scheme = ev.request.scheme;
          h.method = ev.request.method;
          h.host = ev.request.authority ?? fieldValue(ev.headers, 'host');
          h.path = ev.request.path;
          h.headers = ev.headers;
          this.#handlers.set(ev.streamId, h);
          this.#call(h, 'onHeaders');
          break;
        }
        case 'DataReceived': {
          const h = this.#handlers.get(ev.streamId);
          if (h && ev.data.length > 0) this.#call(h, 'onData', ev.data);
          break;
        }
        case 'StreamEnded': {
          const h = this.#handlers.get(ev.streamId);
          if (h) this.#call(h, 'onRequestDone');
          break;
        }
        case 'StreamClosed': {
          const h = this.#handlers.get(ev.streamId);
          this.#handlers.delete(ev.streamId);
          this.#waiters.get(ev.streamId)?.();
          this.#waiters.delete(ev.streamId);
          if (h) this.#call(h, 'onClose', ev.errorCode);
          // Its handler has run: a stream the client reset stops counting toward its stream limit.
          this.conn.releaseStream(ev.streamId);
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * Runs a handler callback; a throw or rejection is logged and, but for
   * onClose, resets its stream with INTERNAL_ERROR. Named rather than passed
   * as a closure: three callbacks per request made three closures (and three
   * error handlers) per request for the collector.
   */
  #call(h: BaseRequestHandler, callback: 'onHeaders' | 'onRequestDone' | 'onData' | 'onClose', arg?: Uint8Array | number): void {
    try {
      const r = callback === 'onData' ? h.onData(arg as Uint8Array) : callback === 'onClose' ? h.onClose(arg as number) : h[callback]();
      if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).then(undefined, (err: unknown) => this.#failed(h, callback, err));
    } catch (err) {
      this.#failed(h, callback, err);
    }
  }

  #failed(h: BaseRequestHandler, callback: string, err: unknown): void {
    this.options.logger(`handler for stream ${h.streamId} (${h.method ?? ''} ${h.path ?? ''}) failed`, err);
    if (callback !== 'onClose') {
      this.conn.resetStream(h.streamId, E.INTERNAL_ERROR);
      this.flush();
    }
  }

  // ---- HandlerContext ------------------------------------------------------------

  sendResponse(h: BaseRequestHandler, o: ResponseOptions): void {
    if (h.responseStarted) throw new Http2UsageError('ERR_RESPONSE_SENT', `a response was already sent on stream ${h.streamId}`);
    const status = o.status ?? 200;
    const fields = responseFields(status, o.headers);
    const source = bodySource(o.body);
    h.responseStarted = true;
    const id = h.streamId;
    // The stream was reset (by the peer or a protocol error) before the handler answered:
    // the response has nowhere to go, and onClose() tells the handler so.
    if (this.conn.streamState(id) === 'closed') {
      if (source.kind === 'stream') source.destroy();
      return;
    }
    // RFC 9110 §9.3.2: a response to HEAD carries no content.
    const noBody = source.kind === 'none' || h.method === 'HEAD' || status === 204 || status === 304;
    if (noBody) {
      if (source.kind === 'stream') source.destroy();
      this.conn.sendHeaders(id, fields, true);
    } else if (source.kind === 'bytes') {
      this.conn.sendHeaders(id, fields, false);
      this.conn.sendData(id, source.bytes, true);
    } else if (source.kind === 'stream') {
      this.conn.sendHeaders(id, fields, false);
      void this.#pump(h, source);
    }
    this.flush();
  }

  /**
   * Streams a body: each chunk is pulled only when the budget has room for
   * it. An asynchronous source's chunk is written as it comes; a synchronous
   * one's chunks are queued until the budget is full (or the body ends), then
   * written together: under h2load (1 MiB bodies of 16 KiB chunks, -c 10
   * -m 1) that took writes from about 26 to about 16 per MiB and a promise
   * per chunk out of the loop.
   */
  async #pump(h: BaseRequestHandler, source: StreamedBody): Promise<void> {
    const id = h.streamId;
    const destroy = source.destroy;
    try {
      const it: Iterator<Uint8Array> | AsyncIterator<Uint8Array | string> = source.sync ? source.chunks[Symbol.iterator]() : source.chunks[Symbol.asyncIterator]();
      for (;;) {
        // The next chunk is pulled only when there is room for it (a closed window must not fill memory).
        if (this.#full(id)) {
          // What a synchronous source queued goes out first: the room may be only the socket's to take.
          if (source.sync) this.flush();
          while (!this.#ended && this.conn.streamState(id) !== 'closed' && this.#full(id)) {
            await new Promise<void>((resolve) => this.#waiters.set(id, resolve));
          }
        }
        if (this.conn.streamState(id) === 'closed' || this.#ended) {
          await it.return?.();
          break;
        }
        // The pull counts toward the budget until its chunk is queued (or dropped).
        this.#buffers.pullStarted();
        try {
          const next = source.sync ? (it as Iterator<Uint8Array>).next() : await it.next();
          if (next.done) break;
          if (this.conn.streamState(id) === 'closed' || this.#ended) break;
          const bytes = chunkBytes(next.value);
          if (bytes.length === 0) continue;
          this.conn.sendData(id, bytes, false);
        } finally {
          this.#buffers.pullEnded();
        }
        if (!source.sync) this.flush();
      }
      if (this.conn.streamState(id) === 'closed' || this.#ended) {
        destroy();
        return;
      }
      this.conn.sendData(id, new Uint8Array(0), true);
      this.flush();
    } catch (err) {
      destroy();
      this.options.logger(`response body of stream ${id} failed`, err);
      this.conn.resetStream(id, E.INTERNAL_ERROR);
      this.flush();
    }
  }

  #full(id: number): boolean {
    return this.#buffers.full(id, this.#buffers.total());
  }

  push(h: BaseRequestHandler, o: PushOptions): BaseRequestHandler {
    if (h.responseStarted) throw new Http2UsageError('ERR_RESPONSE_SENT', 'push() must come before sendResponse()');
    const method = o.method ?? 'GET';
    const request: HeaderField[] = [
      [':method', method],
      [':scheme', h.scheme ?? this.options.scheme],
      [':authority', h.host ?? ''],
      [':path', o.path],
    ];
    for (const [n, v] of o.requestHeaders ?? []) request.push([typeof n === 'string' ? n.toLowerCase() : n, v]);
    const promisedId = this.conn.pushPromise(h.streamId, request);
    const pushed = new this.Handler(this, promisedId);
    pushed.scheme = h.scheme;
    pushed.method = method;
    pushed.host = h.host;
    pushed.path = o.path;
    pushed.headers = request.map(([n, v]) => [latin1Text(n), latin1Text(v)]);
    this.#handlers.set(promisedId, pushed);
    pushed.sendResponse({ status: o.status ?? 200, headers: o.headers, body: o.body });
    return pushed;
  }

  #onSocketClose(): void {
    this.#ended = true;
    this.#clearTimer();
    for (const t of this.#closeTimers) clearTimeout(t);
    this.#closeTimers = [];
    this.#backpressure.clear();
    if (this.#inputTurn !== null) clearImmediate(this.#inputTurn);
    for (const [id, h] of this.#handlers) this.#call(h, 'onClose', this.conn.streamState(id) === 'closed' ? 0 : E.CANCEL);
    this.#handlers.clear();
    for (const wake of this.#waiters.values()) wake();
    this.#waiters.clear();
  }
}
