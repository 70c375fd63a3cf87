// node:http2 as an HPACK oracle over loopback, reached through a real HTTP/2
// connection (its HPACK is the nghttp2 bundled with Node).
//   Its decoder: the implementation's request blocks go out in HEADERS frames
//   on a raw socket to a node:http2 server, whose 'stream' handler reports
//   the fields it received (rawHeaders, in order) and the ones that arrived
//   never-indexed (http2.sensitiveHeaders).
//   Its encoder: node:http2's client sends the case's requests to the capture
//   server, which keeps the blocks for the implementation to inflate.
// Node validates fields both ways, so wire cases are HTTP-valid; node's
// client also reorders a request (pseudo-fields first, duplicates grouped by
// name), which is why peerInputs is compared as a multiset.
import http2 from 'node:http2';
import { connect, type Socket } from 'node:net';
import { encodeSettings } from '../../../impl/http2/frame-encoder.js';
import { CLIENT_PREFACE } from '../../../impl/http2/preface.js';
import { SettingId } from '../../../impl/http2/settings.js';
import type { InputField } from '../hpack-implementation.js';
import { latin1Bytes, latin1Of } from '../hpack-implementation.js';
import { requestList, type WireCase } from '../../fuzz/hpack/wire/wire-case.js';
import { errorCodeName } from '../../../impl/http2/error-codes.js';
import { CaptureServer } from './capture-server.js';
import { FrameClient } from '../../scenario/frame-client.js';
import type { PeerDecoding, WireOracle, WireResult } from './wire-oracle.js';

const EXCHANGE_TIMEOUT_MS = 10_000;
/**
 * Names node:http2's client accepts only once per request
 * (ERR_HTTP2_HEADER_SINGLE_VALUE); of these, the wire generator produces
 * the ones listed, and a repeat is left out of what node is asked to send.
 */
const NODE_SINGLE_VALUE = new Set(['authorization', 'user-agent', 'content-type', 'if-none-match', 'referer']);


interface Received {
  raw: string[];
  neverIndexed: string[];
}

/** node:http2's request headers object for a list, and the fields it really carries. */
export function nodeRequestHeaders(list: readonly InputField[]): { headers: http2.OutgoingHttpHeaders; sent: InputField[] } {
  // No prototype: a field named `__proto__` must be a field, not a prototype change.
  const headers = Object.create(null) as http2.OutgoingHttpHeaders;
  const sensitive: string[] = [];
  const sent: InputField[] = [];
  for (const field of list) {
    const name = latin1Of(field[0]);
    const value = latin1Of(field[1]);
    const before = headers[name];
    if (before !== undefined && (name.startsWith(':') || NODE_SINGLE_VALUE.has(name))) continue;
    headers[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [String(before), value];
    if (field[2]?.sensitive) sensitive.push(name);
    sent.push(field);
  }
  if (sensitive.length > 0) (headers as Record<symbol, unknown>)[http2.sensitiveHeaders] = sensitive;
  return { headers, sent };
}

export class NodeHttp2Oracle implements WireOracle {
  readonly name = 'node' as const;
  readonly ourRole = 'request' as const;
  readonly #capture: CaptureServer;
  /** One node:http2 server per decoder table size, made on first use. */
  readonly #servers = new Map<number, Promise<http2.Http2Server>>();
  /** Streams each server saw, by the client port of our raw connection. */
  readonly #received = new Map<number, Map<number, Received>>();

  private constructor(capture: CaptureServer) {
    this.#capture = capture;
  }

  static async start(): Promise<NodeHttp2Oracle> {
    return new NodeHttp2Oracle(await CaptureServer.listen());
  }

  async exchange(c: WireCase, ourBlocks: readonly Uint8Array[]): Promise<WireResult> {
    const [decoded, encoded] = await Promise.all([this.#decode(c, ourBlocks), this.#encode(c)]);
    const result: WireResult = { decoded: decoded.decoded, peerSteps: encoded.steps, peerInputs: encoded.inputs };
    const trouble = decoded.trouble ?? encoded.trouble;
    if (trouble) result.trouble = trouble;
    return result;
  }

  async close(): Promise<void> {
    const servers = await Promise.all(this.#servers.values());
    await Promise.all([this.#capture.close(), ...servers.map((s) => new Promise<void>((ok) => s.close(() => ok())))]);
    this.#servers.clear();
  }

  #server(tableSize: number): Promise<http2.Http2Server> {
    let server = this.#servers.get(tableSize);
    if (!server) {
      server = this.#startServer(tableSize);
      this.#servers.set(tableSize, server);
    }
    return server;
  }

  async #startServer(tableSize: number): Promise<http2.Http2Server> {
    const server = http2.createServer({ settings: { headerTableSize: tableSize, maxHeaderListSize: 1 << 20 }, maxHeaderListPairs: 4096 });
    server.on('stream', (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, _flags: number, raw: string[]) => {
      const seen = this.#received.get(stream.session?.socket?.remotePort ?? -1);
      seen?.set(stream.id ?? 0, { raw: [...raw], neverIndexed: [...(((headers as Record<symbol, unknown>)[http2.sensitiveHeaders] as string[] | undefined) ?? [])] });
      stream.on('error', () => undefined);
      stream.respond({ ':status': 200 }, { endStream: true });
    });
    // A session node closes for a bad block is an outcome we read off the wire.
    server.on('sessionError', () => undefined);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ok());
    });
    return server;
  }

  /** Property 1: node's server decodes our blocks, one request stream each (1, 3, 5, …). */
  async #decode(c: WireCase, blocks: readonly Uint8Array[]): Promise<{ decoded: PeerDecoding[]; trouble?: string }> {
    const server = await this.#server(c.peerDecoderTableSize);
    const port = (server.address() as { port: number }).port;
    const socket: Socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((ok, fail) => {
      socket.once('connect', ok);
      socket.once('error', fail);
    });
    const seen = new Map<number, Received>();
    const clientPort = socket.localPort!;
    this.#received.set(clientPort, seen);
    const resets = new Map<number, number>();
    let goAway: { lastStreamId: number; errorCode: number } | undefined;
    const streamOf = (i: number): number => 2 * i + 1;
    const trouble = await new Promise<string | undefined>((settle) => {
      const finished = new Set<number>();
      const timer = setTimeout(() => settle(`node:http2 answered ${finished.size} of ${blocks.length} requests in ${EXCHANGE_TIMEOUT_MS} ms`), EXCHANGE_TIMEOUT_MS);
      const end = (why?: string): void => {
        clearTimeout(timer);
        settle(why);
      };
      const streamDone = (id: number): void => {
        finished.add(id);
        if (finished.size === blocks.length) end();
      };
      let sent = false;
      const link = new FrameClient(
        socket,
        {
          settings() {
            // Its SETTINGS (with its table size) are acknowledged before our first block.
            if (sent) return;
            sent = true;
            blocks.forEach((b, i) => link.writeFieldBlock(streamOf(i), b, true));
            if (blocks.length === 0) end();
          },
          fieldBlock(streamId, _block, endStream) {
            if (endStream) streamDone(streamId);
          },
          reset(streamId, code) {
            resets.set(streamId, code);
            streamDone(streamId);
          },
          goAway(lastStreamId, errorCode) {
            goAway = { lastStreamId, errorCode };
            if (errorCode !== 0) end();
          },
          closed() {
            end(goAway ? undefined : 'node:http2 closed the connection without GOAWAY');
          },
        },
      );
      link.write(Buffer.concat([CLIENT_PREFACE, encodeSettings([{ id: SettingId.ENABLE_PUSH, value: 0 }])]));
    });
    socket.destroy();
    this.#received.delete(clientPort);
    const decoded: PeerDecoding[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const id = streamOf(i);
      const got = seen.get(id);
      if (got) {
        const fields: Array<[Uint8Array, Uint8Array]> = [];
        for (let k = 0; k < got.raw.length; k += 2) fields.push([latin1Bytes(got.raw[k]!), latin1Bytes(got.raw[k + 1]!)]);
        decoded.push({ ok: true, fields, neverIndexed: got.neverIndexed });
      } else if (resets.has(id)) {
        decoded.push({ ok: false, error: `node:http2 reset the stream: RST_STREAM ${errorCodeName(resets.get(id)!)}` });
      } else if (goAway && goAway.errorCode !== 0) {
        decoded.push({ ok: false, error: `node:http2 closed the connection: GOAWAY ${errorCodeName(goAway.errorCode)}` });
        break;
      } else {
        break;
      }
    }
    return trouble ? { decoded, trouble } : { decoded };
  }

  /** Properties 2 and 3: node's client encodes the case's requests; the capture server keeps its blocks. */
  async #encode(c: WireCase): Promise<{ steps: WireResult['peerSteps']; inputs: InputField[][]; trouble?: string }> {
    const requests = c.messages.map((m) => nodeRequestHeaders(requestList(m)));
    const captured = this.#capture.capture({ decoderTableSize: c.ourDecoderTableSize, expectedBlocks: requests.length, timeoutMs: EXCHANGE_TIMEOUT_MS });
    const client = http2.connect(`http://127.0.0.1:${this.#capture.port}`, { settings: { enablePush: false }, maxSendHeaderBlockLength: 1 << 20 });
    client.on('error', () => undefined);
    // Requests wait for our SETTINGS, so node's encoder works under our table size from the first block
    // (its acknowledgement precedes them on the wire) and every run of a case is the same.
    await new Promise<void>((ok) => {
      client.once('remoteSettings', () => ok());
      client.once('close', () => ok());
    });
    for (const r of requests) {
      const req = client.request(r.headers, { endStream: true });
      req.on('error', () => undefined);
      req.resume();
    }
    const capture = await Promise.race([captured, new Promise<void>((ok) => client.once('close', ok)).then(() => captured)]);
    client.destroy();
    // node:http2 opens streams 1, 3, 5, … in request order.
    const inputs = capture.streamIds.map((id) => requests[(id - 1) / 2]?.sent ?? []);
    return capture.incomplete ? { steps: capture.steps, inputs, trouble: `node:http2's client: ${capture.incomplete}` } : { steps: capture.steps, inputs };
  }
}
