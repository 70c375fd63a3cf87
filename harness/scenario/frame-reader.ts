// The reading half of the one frame-speaking peer: bytes in, parsed frames
// and whole field blocks out (RFC 9113 §4.3: HEADERS or PUSH_PROMISE plus
// their CONTINUATIONs form one block). It uses the core's own splitter and
// parser, and decodes nothing: the HPACK oracles want the raw block bytes,
// the transcript decodes them. Synchronous and callback-based, so the
// in-process path costs no promise per frame.
import { FrameSplitter, parseFrame } from '../../impl/http2/frame-decoder.js';
import { MAX_MAX_FRAME_SIZE, type Frame } from '../../impl/http2/frame-types.js';
import { CLIENT_PREFACE } from '../../impl/http2/preface.js';

export type NonBlockFrame = Exclude<Frame, { type: 'HEADERS' | 'PUSH_PROMISE' | 'CONTINUATION' }>;

export interface FieldBlock {
  kind: 'HEADERS' | 'PUSH_PROMISE';
  streamId: number;
  /** The promised stream (PUSH_PROMISE only). */
  promisedStreamId: number;
  /** Owned by the receiver: copied out of the splitter's buffers. */
  block: Uint8Array;
  endStream: boolean;
}

export interface FrameSink {
  frame(frame: NonBlockFrame): void;
  fieldBlock(block: FieldBlock): void;
  /**
   * When present, every frame as parsed, HEADERS and CONTINUATION included,
   * and nothing is assembled: for tests that check how a server frames.
   */
  raw?(frame: Frame): void;
  /** The bytes stopped making frames (bad length, bad CONTINUATION): nothing more is read. */
  unreadable(reason: string): void;
}

export class FrameReader {
  readonly #splitter = new FrameSplitter();
  readonly #sink: FrameSink;
  #prefaceToSkip: number;
  #open: { kind: FieldBlock['kind']; streamId: number; promised: number; parts: Uint8Array[]; endStream: boolean } | null = null;
  #broken = false;

  /** `expectPreface`: the reader plays a server and first consumes the client's 24-octet preface. */
  constructor(sink: FrameSink, expectPreface = false) {
    this.#sink = sink;
    this.#prefaceToSkip = expectPreface ? CLIENT_PREFACE.length : 0;
  }

  get broken(): boolean {
    return this.#broken;
  }

  push(chunk: Uint8Array): void {
    if (this.#broken) return;
    if (this.#prefaceToSkip > 0) {
      const skip = Math.min(this.#prefaceToSkip, chunk.length);
      this.#prefaceToSkip -= skip;
      chunk = chunk.subarray(skip);
    }
    this.#splitter.push(chunk);
    try {
      for (let f = this.#splitter.next(MAX_MAX_FRAME_SIZE); f; f = this.#splitter.next(MAX_MAX_FRAME_SIZE)) {
        this.#frame(parseFrame(f.header, f.payload));
        if (this.#broken) return;
      }
    } catch (err) {
      this.#fail(`unparsable frame from the peer: ${(err as Error).message}`);
    }
  }

  #fail(reason: string): void {
    this.#broken = true;
    this.#sink.unreadable(reason);
  }

  #frame(frame: Frame): void {
    if (this.#sink.raw) return this.#sink.raw(frame);
    if (this.#open && frame.type !== 'CONTINUATION') return this.#fail(`${frame.type} inside a field block on stream ${this.#open.streamId} (RFC 9113 §4.3)`);
    switch (frame.type) {
      case 'HEADERS':
        this.#open = { kind: 'HEADERS', streamId: frame.streamId, promised: 0, parts: [frame.fragment], endStream: frame.endStream };
        if (frame.endHeaders) this.#blockDone();
        return;
      case 'PUSH_PROMISE':
        this.#open = { kind: 'PUSH_PROMISE', streamId: frame.streamId, promised: frame.promisedStreamId, parts: [frame.fragment], endStream: false };
        if (frame.endHeaders) this.#blockDone();
        return;
      case 'CONTINUATION':
        if (!this.#open || this.#open.streamId !== frame.streamId) return this.#fail(`CONTINUATION on stream ${frame.streamId} outside its field block (RFC 9113 §6.10)`);
        this.#open.parts.push(frame.fragment);
        if (frame.endHeaders) this.#blockDone();
        return;
      default:
        return this.#sink.frame(frame);
    }
  }

  #blockDone(): void {
    const open = this.#open!;
    this.#open = null;
    const block = new Uint8Array(open.parts.length === 1 ? open.parts[0]! : Buffer.concat(open.parts));
    this.#sink.fieldBlock({ kind: open.kind, streamId: open.streamId, promisedStreamId: open.promised, block, endStream: open.endStream });
  }
}
