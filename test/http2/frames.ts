// Test helper: speak frames by name to a ServerConnection, without sockets,
// so protocol tests run in memory and deterministically. `Peer` plays the
// client: it sends the preface, encodes field blocks with the scenario
// client's encoder, and reads everything the server writes with its frame
// reader (raw: HEADERS and CONTINUATION as sent).
import { HDInflater } from '../../impl/hpack/index.js';
import { FrameReader } from '../../harness/scenario/frame-reader.js';
import { StepEncoder } from '../../harness/scenario/step-encoder.js';
import {
  CLIENT_PREFACE,
  ServerConnection,
  encodeContinuation,
  encodeData,
  encodeGoAway,
  encodeHeadersFrame,
  encodePing,
  encodePriority,
  encodePushPromise,
  encodeRawFrame,
  encodeRstStream,
  encodeSettings,
  encodeSettingsAck,
  encodeWindowUpdate,
  type ConnectionLimits,
  type ConnectionOptions,
  type Frame,
  type H2Event,
  type HeadersFrameOptions,
  type SettingPair,
} from '../../impl/http2/index.js';

export type Fields = Array<[string, string]>;

/** A GET request's pseudo-headers (plus extra fields). */
export function request(path = '/', method = 'GET', extra: Fields = []): Fields {
  return [[':method', method], [':scheme', 'http'], [':authority', 'localhost'], [':path', path], ...extra];
}

export class Peer {
  readonly conn: ServerConnection;
  readonly #encoder = new StepEncoder();
  readonly inflater = new HDInflater();
  #batch: Frame[] = [];
  readonly #reader = new FrameReader({
    raw: (frame) => void this.#batch.push(frame),
    frame: () => undefined,
    fieldBlock: () => undefined,
    unreadable: (reason) => {
      throw new Error(`the server wrote bytes that are not frames: ${reason}`);
    },
  });
  /** Everything the server has sent so far, parsed. */
  readonly received: Frame[] = [];
  now = 0;

  constructor(limits: Partial<ConnectionLimits> = {}, options: Omit<ConnectionOptions, 'limits'> = {}) {
    this.conn = new ServerConnection({ ...options, limits });
  }

  /** Preface + SETTINGS (+ ACK of the server's SETTINGS); returns the server's first frames. */
  handshake(settings: SettingPair[] = []): Frame[] {
    this.send(CLIENT_PREFACE, encodeSettings(settings));
    const frames = this.send(encodeSettingsAck()).frames;
    return frames;
  }

  get deflater(): StepEncoder['deflater'] {
    return this.#encoder.deflater;
  }

  /** Field block of `fields` with the peer's encoder (keeps HPACK state in step). */
  block(fields: Fields): Uint8Array {
    return this.#encoder.block(fields);
  }

  headers(streamId: number, fields: Fields, o: HeadersFrameOptions = {}): Uint8Array {
    return encodeHeadersFrame(streamId, this.block(fields), o);
  }

  /** Feeds frames; returns the events and the frames the server wrote in response. */
  send(...chunks: Uint8Array[]): { events: H2Event[]; frames: Frame[] } {
    const events = this.conn.receive(Buffer.concat(chunks), this.now);
    return { events: [...events, ...this.conn.takeEvents()], frames: this.read() };
  }

  /** Drains and parses the server's output. */
  read(): Frame[] {
    // Each call frames up to its budget from every stream that can move; empty means nothing can.
    // Queues are finite, so output that never runs dry is a bug worth failing on, not waiting for.
    let calls = 0;
    for (let bytes = this.conn.dataToSend(); bytes.length > 0; bytes = this.conn.dataToSend()) {
      if (++calls > 10_000) throw new Error('dataToSend() never ran dry');
      this.#reader.push(bytes);
    }
    const out = this.#batch;
    this.#batch = [];
    this.received.push(...out);
    return out;
  }

  /** Decodes a HEADERS/PUSH_PROMISE block the server sent. */
  decode(fragment: Uint8Array): Fields {
    return this.inflater.inflate(fragment).map(([n, v]) => [Buffer.from(n).toString('latin1'), Buffer.from(v).toString('latin1')]);
  }
}

/** Frame builders by name, re-exported for tests. */
export const f = {
  data: encodeData,
  headersRaw: encodeHeadersFrame,
  continuation: encodeContinuation,
  priority: encodePriority,
  rst: encodeRstStream,
  settings: encodeSettings,
  settingsAck: encodeSettingsAck,
  pushPromise: encodePushPromise,
  ping: encodePing,
  goaway: encodeGoAway,
  windowUpdate: encodeWindowUpdate,
  raw: encodeRawFrame,
};

export function goAwayOf(frames: Frame[]): Extract<Frame, { type: 'GOAWAY' }> | undefined {
  return frames.find((x): x is Extract<Frame, { type: 'GOAWAY' }> => x.type === 'GOAWAY');
}

export function rstOf(frames: Frame[], streamId: number): Extract<Frame, { type: 'RST_STREAM' }> | undefined {
  return frames.find((x): x is Extract<Frame, { type: 'RST_STREAM' }> => x.type === 'RST_STREAM' && x.streamId === streamId);
}

/** The outcome a case asserts: exactly one connection error, or one stream error and no GOAWAY. */
export type Outcome = { connection: number } | { stream: number; code: number } | 'accepted';

export function outcomeOf(frames: Frame[], streamId?: number): Outcome {
  const g = goAwayOf(frames);
  if (g && g.errorCode !== 0) return { connection: g.errorCode };
  const r = frames.find((x): x is Extract<Frame, { type: 'RST_STREAM' }> => x.type === 'RST_STREAM' && (streamId === undefined || x.streamId === streamId));
  if (r) return { stream: r.streamId, code: r.errorCode };
  return 'accepted';
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
