// HTTP2Server: the seed's server (nghttp2's Python HTTP2Server) on node:net
// and node:tls. Cleartext ports speak h2c with prior knowledge or via
// HTTP/1.1 Upgrade (RFC 7540 §3.2); TLS ports negotiate "h2" with ALPN
// (RFC 9113 §3.2). The protocol itself lives in impl/http2.
import net from 'node:net';
import tls from 'node:tls';
import { CLIENT_PREFACE, DEFAULT_SETTINGS_TIMEOUT } from '../http2/connection.js';
import { DEFAULT_LIMITS, type ConnectionLimits } from '../http2/limits.js';
import { timeoutOption } from '../http2/timeouts.js';
import { http2OnlyResponse, parseHttp1Head, SWITCHING_PROTOCOLS, upgradeOf } from './http1.js';
import type { RequestHandlerClass } from './request-handler.js';
import { memoryTrimmer } from './memory-trim.js';
import { Session, type Logger } from './session.js';
import { DEFAULT_TRIM_AFTER_CLOSES, TrimAfterCloses } from './trim-after-closes.js';

export interface HTTP2ServerOptions extends Partial<ConnectionLimits> {
  /** TLS key/cert etc.; when given the server speaks TLS with ALPN "h2". */
  ssl?: tls.SecureContextOptions | null;
  /** Where handler failures and connection errors are reported (default console.error). */
  logger?: Logger;
  /** How long close() waits for open streams before destroying connections (ms). */
  closeTimeout?: number;
  /**
   * RFC 9113 §6.5.3: ms a client may take to ACK our SETTINGS before the
   * connection ends with GOAWAY SETTINGS_TIMEOUT. 0 or Infinity: wait forever.
   * Default 10 000.
   */
  settingsTimeout?: number;
  /**
   * ms a connection may stay with no open stream and no frame from the
   * client before it is closed gracefully (GOAWAY NO_ERROR with the last
   * stream processed, then the socket ends). 0 or Infinity: never. Default 120 000.
   */
  idleTimeout?: number;
  /**
   * ms a new connection may take to finish its TLS handshake, or over
   * cleartext to send the HTTP/2 preface or an HTTP/1.1 request, before it is
   * dropped: until then no HTTP/2 session (and none of its timeouts) exists.
   * 0 or Infinity: wait forever. Default 10 000.
   */
  handshakeTimeout?: number;
  /**
   * ms a connection's socket may stay unwritable (the client does not read)
   * before it is dropped; while it is, nothing more is read from it.
   * 0 or Infinity: never. Default 10 000.
   */
  sendStallTimeout?: number;
  /**
   * Response octets a streaming body may have queued (waiting for the
   * client's flow-control window) before it is paused: per stream, default
   * 64 KiB, and per connection, default 1 MiB (CVE-2019-9517).
   */
  maxStreamBufferedBytes?: number;
  maxConnectionBufferedBytes?: number;
  /**
   * Connections closed since the last trim after which, once no more have
   * closed for about 500 ms (and at most every 5 s), the server gives the
   * free heap pages they leave behind back to the OS (glibc's
   * malloc_trim(0); elsewhere nothing happens). 0: never. Default 64.
   */
  trimAfterCloses?: number;
}

/** Default of HTTP2ServerOptions.sendStallTimeout (ms). */
export const DEFAULT_SEND_STALL_TIMEOUT = 10_000;

/** Default of HTTP2ServerOptions.idleTimeout (ms). */
export const DEFAULT_IDLE_TIMEOUT = 120_000;
/** Default of HTTP2ServerOptions.handshakeTimeout (ms). */
export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;

export type ServerAddress = readonly [host: string | null, port: number];

/** Every connection limit can be set per server: the keys of DEFAULT_LIMITS, so a new limit needs no second list. */
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as Array<keyof ConnectionLimits>;

/** HTTP2Server's maxFramesPerReceive unless given (the core's default is unbounded). */
export const DEFAULT_FRAMES_PER_READ = 1000;

export class HTTP2Server {
  readonly #server: net.Server;
  readonly #sessions = new Set<Session>();
  readonly #pending = new Set<net.Socket>();
  readonly #limits: Partial<ConnectionLimits> = {};
  readonly #logger: Logger;
  readonly #tls: boolean;
  /** ms, or null for never. */
  readonly #handshakeTimeout: number | null;
  readonly #trim: TrimAfterCloses;
  #listening: Promise<void> | null = null;
  #closing: Promise<void> | null = null;
  #closed!: () => void;
  readonly #done = new Promise<void>((resolve) => (this.#closed = resolve));

  constructor(
    readonly serverAddress: ServerAddress,
    readonly Handler: RequestHandlerClass,
    readonly options: HTTP2ServerOptions = {},
  ) {
    for (const k of LIMIT_KEYS) if (options[k] !== undefined) this.#limits[k] = options[k];
    // Bounded work per read, so connections take turns (see ReadBackpressure).
    this.#limits.maxFramesPerReceive ??= DEFAULT_FRAMES_PER_READ;
    // Checked here so a bad value fails at construction, not on the first connection.
    if (options.settingsTimeout !== undefined) timeoutOption('settingsTimeout', options.settingsTimeout);
    if (options.idleTimeout !== undefined) timeoutOption('idleTimeout', options.idleTimeout);
    this.#handshakeTimeout = timeoutOption('handshakeTimeout', options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT);
    this.#trim = new TrimAfterCloses({ threshold: options.trimAfterCloses ?? DEFAULT_TRIM_AFTER_CLOSES, trim: memoryTrimmer() });
    this.#logger = options.logger ?? ((msg, err) => console.error(`h2 server: ${msg}`, err ?? ''));
    this.#tls = options.ssl !== undefined && options.ssl !== null;
    if (this.#tls) {
      // "http/1.1" is accepted in ALPN only to answer such clients with a clear error.
      // Node's own handshake timer covers TLS (its 0 means "never" only in newer Nodes, so forever is the int32 maximum).
      const handshakeTimeout = this.#handshakeTimeout ?? 2 ** 31 - 1;
      this.#server = tls.createServer({ ...options.ssl, ALPNProtocols: ['h2', 'http/1.1'], handshakeTimeout }, (s) => this.#onTlsSocket(s));
      // With a listener here Node leaves the socket open (a timed-out handshake included): end it.
      this.#server.on('tlsClientError', (err, socket) => {
        this.#logger(`TLS handshake failed: ${err.message}`);
        socket.destroy();
      });
    } else {
      this.#server = net.createServer((s) => this.#onPlainSocket(s));
    }
  }

  /** Binds and starts accepting; resolves once the port is open. */
  listen(): Promise<void> {
    this.#listening ??= new Promise((resolve, reject) => {
      const [host, port] = this.serverAddress;
      this.#server.once('error', reject);
      this.#server.listen({ port, ...(host === null ? {} : { host }) }, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    return this.#listening;
  }

  /** Listens, then resolves when close() has drained the server (the seed's serve_forever). */
  async serveForever(): Promise<void> {
    await this.listen();
    await this.#done;
  }

  address(): net.AddressInfo | null {
    const a = this.#server.address();
    return a !== null && typeof a === 'object' ? a : null;
  }

  /** Graceful close: stop accepting, GOAWAY every connection, let open streams finish, then close. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#trim.stop();
      const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      for (const s of this.#pending) s.destroy();
      for (const session of this.#sessions) session.shutdown();
      const all = Promise.all([...this.#sessions].map((s) => s.closed));
      const timeout = this.options.closeTimeout ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)))]);
      clearTimeout(timer);
      for (const session of this.#sessions) session.socket.destroy();
      if (this.#listening) await stopped;
      this.#closed();
    })();
    return this.#closing;
  }

  #startSession(socket: net.Socket, initial?: Uint8Array, upgrade?: Parameters<Session['start']>[1]): void {
    if (this.#closing) {
      socket.destroy();
      return;
    }
    const session = new Session(socket, this.Handler, {
      limits: this.#limits,
      logger: this.#logger,
      scheme: this.#tls ? 'https' : 'http',
      settingsTimeout: this.options.settingsTimeout ?? DEFAULT_SETTINGS_TIMEOUT,
      idleTimeout: this.options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT,
      maxStreamBufferedBytes: this.options.maxStreamBufferedBytes ?? 64 * 1024,
      maxConnectionBufferedBytes: this.options.maxConnectionBufferedBytes ?? 1024 * 1024,
      sendStallTimeout: timeoutOption('sendStallTimeout', this.options.sendStallTimeout ?? DEFAULT_SEND_STALL_TIMEOUT),
    });
    this.#sessions.add(session);
    void session.closed.then(() => {
      this.#sessions.delete(session);
      this.#trim.onClose();
    });
    session.start(initial, upgrade);
  }

  #onTlsSocket(socket: tls.TLSSocket): void {
    // RFC 9113 §9.2.1: "An endpoint MUST treat a TLS renegotiation as a
    // connection error of type PROTOCOL_ERROR". Node accepts client-initiated
    // renegotiation (TLS 1.2) by default; refused, it is a socket error the
    // session answers with GOAWAY PROTOCOL_ERROR.
    socket.disableRenegotiation();
    if (socket.alpnProtocol === 'h2') return this.#startSession(socket);
    // RFC 9113 §3.2: over TLS only "h2" is HTTP/2. Anything else gets a clear refusal.
    this.#refuse(socket, true);
  }

  #refuse(socket: net.Socket, isTls: boolean): void {
    socket.on('error', () => {});
    socket.end(http2OnlyResponse(isTls));
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** Cleartext: prior knowledge (the preface), an HTTP/1.1 Upgrade, or a plain HTTP/1.1 request. */
  #onPlainSocket(socket: net.Socket): void {
    this.#pending.add(socket);
    let buf: Buffer = Buffer.alloc(0);
    const onError = (): void => {
      clearTimeout(timer);
      this.#pending.delete(socket);
      socket.destroy();
    };
    // A client that connects and then says too little holds a socket with no session and no session timeouts.
    const timer = this.#handshakeTimeout === null ? undefined : setTimeout(onError, this.#handshakeTimeout).unref();
    const onData = (chunk: Buffer): void => {
      // The first read is nearly always the whole preface and more: keep it as
      // it came, not a copy (a flooder's first read is up to 64 KiB, per connection).
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      const n = Math.min(buf.length, CLIENT_PREFACE.length);
      if (buf.subarray(0, n).equals(Buffer.from(CLIENT_PREFACE.subarray(0, n)))) {
        if (buf.length < CLIENT_PREFACE.length) return;
        return handOver(() => this.#startSession(socket, buf));
      }
      const head = parseHttp1Head(buf);
      if (head === 'more') return;
      if (head === 'invalid') return handOver(() => socket.destroy());
      const up = upgradeOf(head);
      if (up === null) return handOver(() => this.#refuse(socket, false));
      if (head.rest.length < up.bodyLength) return; // the HTTP/1.1 body is still arriving
      handOver(() => {
        socket.write(SWITCHING_PROTOCOLS);
        const body = head.rest.subarray(0, up.bodyLength);
        this.#startSession(socket, head.rest.subarray(up.bodyLength), { settings: up.settings, fields: up.fields, body });
      });
    };
    const handOver = (next: () => void): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      this.#pending.delete(socket);
      next();
    };
    socket.on('data', onData);
    socket.on('error', onError);
  }
}
