// One attacker connection for `h2harness attack`: a raw socket (cleartext
// prior knowledge or TLS with ALPN h2) that writes frames built with impl/http2's
// encoder as fast as the server takes them, and records how the server cut it
// off: GOAWAY (with code and debug data), RST_STREAM, FIN, a reset, or a
// server that stopped reading (our writes stall). Flood-specific by design: it
// never interprets responses beyond spotting those signals.
import net from 'node:net';
import tls from 'node:tls';
import { CLIENT_PREFACE, encodeSettings, encodeSettingsAck, errorCodeName, FrameSplitter, parseFrame, type SettingPair } from '../../impl/http2/index.js';

export type CutOffHow = 'goaway' | 'rst_stream' | 'fin' | 'reset' | 'stalled';

export interface CutOff {
  how: CutOffHow;
  /** ms after the connection was opened. */
  afterMs: number;
  /** GOAWAY or RST_STREAM code name. */
  code: string | null;
  /** GOAWAY debug data (the server's reason), if any. */
  debug: string | null;
}

export interface FloodTarget {
  host: string;
  port: number;
  tls: boolean;
}

/** A write that has not drained for this long means the server stopped reading from us. */
const STALL_MS = 1000;
/** The largest server frame we bother to parse (we only look at GOAWAY and RST_STREAM). */
const MAX_PARSE = 16_777_215;

export class FloodSocket {
  readonly openedAt = Date.now();
  cutOff: CutOff | null = null;
  /** The first RST_STREAM the server sent, kept apart: for most attacks a reset is not a cut-off. */
  firstReset: CutOff | null = null;
  resetsReceived = 0;
  /** The server's SETTINGS (its first non-ACK one), once read; the probes that depend on them wait for it. */
  serverSettings: ReadonlyMap<number, number> | null = null;
  /** Set by the attacker from its AttackState (see ConnectionRecord.notProbed). */
  notProbed: string | null = null;
  framesSent = 0;
  bytesSent = 0;
  #closed = false;
  readonly closed: Promise<void>;
  readonly #socket: net.Socket;
  readonly #splitter = new FrameSplitter();

  private constructor(socket: net.Socket, readonly reads: boolean) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('close', () => {
      this.#closed = true;
      this.#cut('fin', null, null);
    });
    socket.on('error', () => this.#cut('reset', null, null));
    socket.on('end', () => this.#cut('fin', null, null));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
  }

  /** Connects, sends the preface and `settings` (unless `preface` is false); a non-reading attacker pauses its socket at once. */
  static async open(t: FloodTarget, settings: SettingPair[], reads: boolean, preface = true): Promise<FloodSocket> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = t.tls
        ? tls.connect({ host: t.host, port: t.port, ALPNProtocols: ['h2'], rejectUnauthorized: false, servername: 'localhost' }, () => resolve(s))
        : net.connect({ host: t.host, port: t.port }, () => resolve(s));
      s.once('error', reject);
      s.setTimeout(5000, () => s.destroy(new Error('connect timeout')));
    });
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.removeAllListeners('error');
    const f = new FloodSocket(socket, reads);
    if (!reads) socket.pause();
    // The server's SETTINGS is already on its way (RFC 9113 §3.4): ACK it blind, as a flooder would.
    if (preface) await f.write([CLIENT_PREFACE, encodeSettings(settings), encodeSettingsAck()], 0);
    return f;
  }

  get alive(): boolean {
    return !this.#closed && this.cutOff === null;
  }

  /** Writes `frames` (counted as `count` frames); resolves once the socket drained or is gone. */
  async write(frames: Uint8Array[], count = frames.length): Promise<void> {
    if (this.#closed) return;
    const bytes = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
    this.framesSent += count;
    this.bytesSent += bytes.length;
    if (this.#socket.write(bytes)) return;
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(stall);
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        resolve();
      };
      // A server that stopped reading has cut us off as surely as a GOAWAY: give up on this write.
      const stall = setTimeout(() => {
        this.#cut('stalled', null, null, started);
        done();
      }, STALL_MS);
      this.#socket.once('drain', done);
      this.#socket.once('close', done);
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#splitter.push(chunk);
    for (let raw = this.#splitter.next(MAX_PARSE); raw; raw = this.#splitter.next(MAX_PARSE)) {
      let f;
      try {
        f = parseFrame(raw.header, raw.payload);
      } catch {
        continue;
      }
      if (f.type === 'SETTINGS' && !f.ack) this.serverSettings ??= new Map(f.settings.map((x) => [x.id, x.value]));
      else if (f.type === 'GOAWAY') this.#cut('goaway', errorCodeName(f.errorCode), Buffer.from(f.debugData).toString('utf8'));
      else if (f.type === 'RST_STREAM') {
        this.resetsReceived++;
        this.firstReset ??= { how: 'rst_stream', afterMs: Date.now() - this.openedAt, code: errorCodeName(f.errorCode), debug: null };
      }
    }
  }

  #cut(how: CutOffHow, code: string | null, debug: string | null, at = Date.now()): void {
    // The first signal wins, except that a GOAWAY read after a stall says more.
    if (this.cutOff !== null && !(this.cutOff.how === 'stalled' && how === 'goaway')) return;
    this.cutOff = { how, afterMs: at - this.openedAt, code, debug };
  }
}
