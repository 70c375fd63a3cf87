// A bare HTTP/2 server on loopback that records, in wire order, every field
// block a client peer (node:http2's client, nghttp) encodes, and the point
// where that peer acknowledged our SETTINGS_HEADER_TABLE_SIZE — exactly the
// steps a decoder must replay (RFC 9113 §6.5.3: the new limit holds from the
// acknowledgement on). It answers each request with a block it is handed,
// so the client's decoder gets blocks of the implementation under test.
import { createServer, type Server, type Socket } from 'node:net';
import { encodeSettings } from '../../../impl/http2/frame-encoder.js';
import { SettingId } from '../../../impl/http2/settings.js';
import type { JudgeStep } from '../../fuzz/hpack/rfc-judge.js';
import { FrameClient } from '../../scenario/frame-client.js';

/** `:status: 200` as the static table's index 8 (RFC 7541 Appendix A): touches no dynamic table. */
const STATUS_200 = Uint8Array.of(0x88);
const DEFAULT_TABLE_SIZE = 4096;

export interface CaptureRequest {
  /** Our decoder's SETTINGS_HEADER_TABLE_SIZE, announced in our first SETTINGS. */
  decoderTableSize: number;
  /** How many request blocks make the exchange complete. */
  expectedBlocks: number;
  /** The response block for the k-th request (in arrival order); `:status: 200` when absent. */
  responseBlocks?: readonly Uint8Array[];
  timeoutMs: number;
}

export interface Capture {
  /** SETTINGS acknowledgements and request blocks, in wire order. */
  steps: JudgeStep[];
  /** The stream of each captured block. */
  streamIds: number[];
  /** The client's SETTINGS_HEADER_TABLE_SIZE (its decoder's limit), when it sent one. */
  peerDecoderTableSize?: number;
  /** Why the capture ended before `expectedBlocks`, if it did. */
  incomplete?: string;
}

/** Serves one capture at a time: the oracles run their cases one after another. */
export class CaptureServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #pending: { request: CaptureRequest; finish: (c: Capture) => void } | null = null;

  private constructor(server: Server) {
    this.#server = server;
    server.on('connection', (socket) => this.#accept(socket));
  }

  static async listen(host = '127.0.0.1'): Promise<CaptureServer> {
    const server = createServer();
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, host, () => ok());
    });
    return new CaptureServer(server);
  }

  get port(): number {
    return (this.#server.address() as { port: number }).port;
  }

  /** Arms the server for the next connection; resolves when its blocks are in, or on close or timeout. */
  capture(request: CaptureRequest): Promise<Capture> {
    if (this.#pending) throw new Error('CaptureServer serves one capture at a time');
    return new Promise((resolve) => {
      this.#pending = { request, finish: resolve };
    });
  }

  /** The client is gone without connecting (it failed to start, or refused its arguments): end the armed capture. */
  abandon(reason: string): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.finish({ steps: [], streamIds: [], incomplete: reason });
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    return new Promise((ok) => this.#server.close(() => ok()));
  }

  #accept(socket: Socket): void {
    const pending = this.#pending;
    if (!pending) return void socket.destroy();
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    this.#pending = null;
    socket.setNoDelay(true);
    const { request } = pending;
    const capture: Capture = { steps: [], streamIds: [] };
    let acked = false;
    let done = false;
    const finish = (incomplete?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // A complete capture leaves the connection to the client, which closes it
      // once it has read every response; a broken one is cut.
      if (incomplete) {
        capture.incomplete = incomplete;
        link.destroy();
      }
      pending.finish(capture);
    };
    const timer = setTimeout(() => finish(`timed out after ${request.timeoutMs} ms with ${capture.streamIds.length} of ${request.expectedBlocks} blocks`), request.timeoutMs);
    const link = new FrameClient(
      socket,
      {
        settings(settings) {
          const size = settings.findLast((s) => s.id === SettingId.HEADER_TABLE_SIZE);
          if (size) capture.peerDecoderTableSize = size.value;
        },
        settingsAck() {
          if (acked) return;
          acked = true;
          if (request.decoderTableSize !== DEFAULT_TABLE_SIZE) capture.steps.push({ kind: 'settings', size: request.decoderTableSize });
        },
        fieldBlock(streamId, block) {
          if (done) return;
          const k = capture.streamIds.length;
          capture.steps.push({ kind: 'block', bytes: block });
          capture.streamIds.push(streamId);
          link.writeFieldBlock(streamId, request.responseBlocks?.[k] ?? STATUS_200, true);
          if (capture.streamIds.length === request.expectedBlocks) finish();
        },
        reset(streamId, code) {
          finish(`the client reset stream ${streamId} (error code ${code})`);
        },
        goAway(lastStreamId, code) {
          if (code !== 0) finish(`the client sent GOAWAY (error code ${code}, last stream ${lastStreamId})`);
        },
        closed(reason) {
          finish(reason);
        },
      },
      { expectPreface: true },
    );
    link.write(encodeSettings([{ id: SettingId.HEADER_TABLE_SIZE, value: request.decoderTableSize }]));
  }
}
