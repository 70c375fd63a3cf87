// nghttp (nghttp2's CLI client) as an HPACK oracle over loopback.
// One nghttp process per case, one connection: it requests every message's
// path with all messages' fields as -H (its encoder, captured by the
// capture server: properties 2 and 3), and the capture server answers each
// request with the implementation's response block, which nghttp decodes
// and prints with -v (property 1). `-c` sets nghttp's decoder table size.
import type { InputField } from '../hpack-implementation.js';
import { latin1Bytes, latin1Of } from '../hpack-implementation.js';
import { runBounded } from '../bounded-process.js';
import { requireTool } from '../peer-availability.js';
import type { WireCase } from '../../fuzz/hpack/wire/wire-case.js';
import { CaptureServer } from './capture-server.js';
import type { PeerDecoding, WireOracle, WireResult } from './wire-oracle.js';

const EXCHANGE_TIMEOUT_MS = 10_000;

/** `[  0.003] recv (stream_id=13) name: value`: a field nghttp decoded; `(stream_id=13, sensitive)` when never-indexed. */
const FIELD_LINE = /^\[\s*[\d.]+\] recv \(stream_id=(\d+)(, sensitive)?\) (.*)$/;
/** `[  0.003] recv HEADERS frame <length=12, flags=0x05, stream_id=13>`: the block decoded whole. */
const HEADERS_LINE = /^\[\s*[\d.]+\] recv HEADERS frame <.*stream_id=(\d+)>/;
/** `(last_stream_id=0, error_code=COMPRESSION_ERROR(0x09), …)` after `send GOAWAY frame`. */
const GOAWAY_SENT = /send GOAWAY frame[^\n]*\n\s*\(last_stream_id=\d+, error_code=([A-Z_]+)\(/;
/** `send RST_STREAM frame <… stream_id=13>` then `(error_code=PROTOCOL_ERROR(0x01))`. */
const RST_SENT = /send RST_STREAM frame <[^>]*stream_id=(\d+)>\n\s*\(error_code=([A-Z_]+)\(/g;

export interface NghttpOutput {
  fields: Map<number, Array<[Uint8Array, Uint8Array]>>;
  neverIndexed: Map<number, string[]>;
  decodedWhole: Set<number>;
  resets: Map<number, string>;
  goAwayError?: string;
}

/** What `nghttp -v` says it received, by stream. */
export function parseNghttpVerbose(stdout: string): NghttpOutput {
  const out: NghttpOutput = { fields: new Map(), neverIndexed: new Map(), decodedWhole: new Set(), resets: new Map() };
  for (const line of stdout.split('\n')) {
    const field = FIELD_LINE.exec(line);
    if (field) {
      const id = Number(field[1]);
      const text = field[3]!;
      // Names hold no ": " (a pseudo-field's own colon is its first character).
      const split = text.indexOf(': ', 1);
      const name = split < 0 ? text : text.slice(0, split);
      const value = split < 0 ? '' : text.slice(split + 2);
      if (!out.fields.has(id)) out.fields.set(id, []);
      out.fields.get(id)!.push([latin1Bytes(name), latin1Bytes(value)]);
      if (!out.neverIndexed.has(id)) out.neverIndexed.set(id, []);
      if (field[2]) out.neverIndexed.get(id)!.push(name);
      continue;
    }
    const headers = HEADERS_LINE.exec(line);
    if (headers) out.decodedWhole.add(Number(headers[1]));
  }
  for (const m of stdout.matchAll(RST_SENT)) out.resets.set(Number(m[1]), m[2]!);
  const goAway = GOAWAY_SENT.exec(stdout);
  if (goAway && goAway[1] !== 'NO_ERROR') out.goAwayError = goAway[1];
  return out;
}

/** Names whose default nghttp replaces with the last -H given for them, instead of adding each. */
const NGHTTP_REPLACED = new Set(['accept', 'accept-encoding', 'user-agent']);

/** The -H fields nghttp really sends for a list: it refuses an empty value ("value missing"), and keeps one of each replaced name. */
export function nghttpRequestFields(fields: readonly InputField[]): InputField[] {
  const lastOf = new Map<string, number>();
  fields.forEach((f, i) => lastOf.set(latin1Of(f[0]), i));
  return fields.filter((f, i) => latin1Of(f[1]).length > 0 && (!NGHTTP_REPLACED.has(latin1Of(f[0])) || lastOf.get(latin1Of(f[0])) === i));
}

export class NghttpOracle implements WireOracle {
  readonly name = 'nghttp' as const;
  readonly ourRole = 'response' as const;
  readonly #nghttp: string;
  readonly #capture: CaptureServer;

  private constructor(nghttp: string, capture: CaptureServer) {
    this.#nghttp = nghttp;
    this.#capture = capture;
  }

  /** Throws PeerNotInstalledError (with the apt-get command) when nghttp is missing. */
  static async start(): Promise<NghttpOracle> {
    const nghttp = requireTool('nghttp');
    return new NghttpOracle(nghttp, await CaptureServer.listen());
  }

  async exchange(c: WireCase, ourBlocks: readonly Uint8Array[]): Promise<WireResult> {
    // -H applies to every request: all messages' fields go into it, so the one request list fills the table as a whole case would.
    const requestFields = nghttpRequestFields(c.messages.flatMap((m) => m.fields));
    const captured = this.#capture.capture({ decoderTableSize: c.ourDecoderTableSize, expectedBlocks: c.messages.length, responseBlocks: ourBlocks, timeoutMs: EXCHANGE_TIMEOUT_MS });
    const origin = `http://127.0.0.1:${this.#capture.port}`;
    const args = [
      '-v',
      '-n',
      '--no-dep',
      `--header-table-size=${c.peerDecoderTableSize}`,
      ...requestFields.flatMap((f) => ['-H', `${latin1Of(f[0])}: ${latin1Of(f[1])}`]),
      // nghttp requests a URI once: a per-message prefix keeps repeated paths apart.
      ...c.messages.map((m, k) => `${origin}/${k}${m.path}`),
    ];
    const run = await runBounded({ command: this.#nghttp, args, timeoutMs: EXCHANGE_TIMEOUT_MS });
    this.#capture.abandon(`nghttp exited (${run.code ?? run.signal}) without connecting: ${run.stderr.trim().slice(0, 200)}`);
    const capture = await captured;
    const printed = parseNghttpVerbose(run.stdout.toString('latin1'));
    // Response k went out on the stream of the k-th request to arrive.
    const decoded: PeerDecoding[] = [];
    for (const id of capture.streamIds.slice(0, ourBlocks.length)) {
      if (printed.decodedWhole.has(id)) decoded.push({ ok: true, fields: printed.fields.get(id) ?? [], neverIndexed: printed.neverIndexed.get(id) ?? [] });
      else if (printed.resets.has(id)) decoded.push({ ok: false, error: `nghttp reset the stream: RST_STREAM ${printed.resets.get(id)}` });
      else if (printed.goAwayError) {
        decoded.push({ ok: false, error: `nghttp closed the connection: GOAWAY ${printed.goAwayError}` });
        break;
      } else break;
    }
    const result: WireResult = { decoded, peerSteps: capture.steps, peerInputs: capture.streamIds.map(() => requestFields) };
    if (run.timedOut) result.trouble = `nghttp did not finish within ${EXCHANGE_TIMEOUT_MS} ms`;
    else if (capture.incomplete) result.trouble = `nghttp: ${capture.incomplete}`;
    else if (decoded.length < ourBlocks.length && !printed.goAwayError) result.trouble = `nghttp exited (${run.code ?? run.signal}) after decoding ${decoded.length} of ${ourBlocks.length} responses: ${run.stderr.trim().slice(0, 200)}`;
    return result;
  }

  close(): Promise<void> {
    return this.#capture.close();
  }
}
