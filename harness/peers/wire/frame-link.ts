// One HTTP/2 connection spoken frame by frame over a socket, for the wire
// HPACK oracles: the harness needs the exact header-block bytes a peer
// writes and must write exactly the blocks the implementation under test
// produced, which no HTTP/2 library lets us do. Frames are split and parsed
// by our own codec; SETTINGS and PING are acknowledged here so the
// oracles only see what matters to them: field blocks, resets, GOAWAY.
import type { Socket } from 'node:net';
import { encodeHeadersFrame, encodeSettingsAck, encodePing } from '../../../impl/http2/frame-encoder.js';
import { fieldBlockFrames } from '../../../impl/http2/outbound.js';
import { FrameSplitter, parseFrame } from '../../../impl/http2/frame-decoder.js';
import { CLIENT_PREFACE } from '../../../impl/http2/preface.js';
import { MAX_MAX_FRAME_SIZE, MIN_MAX_FRAME_SIZE, type Frame, type SettingPair } from '../../../impl/http2/frame-types.js';

export interface FrameLinkEvents {
  /** The peer's SETTINGS (already acknowledged). */
  settings?(settings: readonly SettingPair[]): void;
  /** The peer acknowledged our SETTINGS. */
  settingsAck?(): void;
  /** A whole field block: HEADERS plus its CONTINUATIONs. */
  fieldBlock?(streamId: number, block: Uint8Array, endStream: boolean): void;
  reset?(streamId: number, errorCode: number): void;
  goAway?(lastStreamId: number, errorCode: number): void;
  /** Bytes we cannot parse, or the socket closed or failed: the link is over. */
  closed?(reason: string): void;
}

export class FrameLink {
  readonly #socket: Socket;
  readonly #events: FrameLinkEvents;
  readonly #splitter = new FrameSplitter();
  #prefaceToSkip: number;
  #open: { streamId: number; parts: Uint8Array[]; endStream: boolean } | null = null;
  #closed = false;

  /** `expectPreface`: a server link first consumes the client's 24-octet preface. */
  constructor(socket: Socket, events: FrameLinkEvents, expectPreface: boolean) {
    this.#socket = socket;
    this.#events = events;
    this.#prefaceToSkip = expectPreface ? CLIENT_PREFACE.length : 0;
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (err) => this.#close(`socket error: ${err.message}`));
    socket.on('close', () => this.#close('connection closed'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(bytes: Uint8Array): void {
    if (!this.#closed) this.#socket.write(bytes);
  }

  /** One field block as HEADERS (+ CONTINUATION) within the peer's default frame size. */
  writeFieldBlock(streamId: number, block: Uint8Array, endStream: boolean): void {
    const first = (fragment: Uint8Array, endHeaders: boolean): Uint8Array => encodeHeadersFrame(streamId, fragment, { endStream, endHeaders });
    this.write(Buffer.concat(fieldBlockFrames(first, streamId, block, MIN_MAX_FRAME_SIZE, 0)));
  }

  destroy(): void {
    this.#socket.destroy();
    this.#close('closed by the harness');
  }

  #close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#events.closed?.(reason);
  }

  #receive(chunk: Uint8Array): void {
    if (this.#prefaceToSkip > 0) {
      const skip = Math.min(this.#prefaceToSkip, chunk.length);
      this.#prefaceToSkip -= skip;
      chunk = chunk.subarray(skip);
    }
    this.#splitter.push(chunk);
    try {
      for (let f = this.#splitter.next(MAX_MAX_FRAME_SIZE); f; f = this.#splitter.next(MAX_MAX_FRAME_SIZE)) {
        this.#frame(parseFrame(f.header, f.payload));
        if (this.#closed) return;
      }
    } catch (err) {
      this.#socket.destroy();
      this.#close(`unparsable frame from the peer: ${(err as Error).message}`);
    }
  }

  #frame(frame: Frame): void {
    switch (frame.type) {
      case 'SETTINGS':
        if (frame.ack) return this.#events.settingsAck?.();
        this.write(encodeSettingsAck());
        return this.#events.settings?.(frame.settings);
      case 'PING':
        if (!frame.ack) this.write(encodePing(frame.opaque, true));
        return;
      case 'HEADERS':
        this.#open = { streamId: frame.streamId, parts: [frame.fragment], endStream: frame.endStream };
        if (frame.endHeaders) this.#blockDone();
        return;
      case 'CONTINUATION':
        this.#open?.parts.push(frame.fragment);
        if (frame.endHeaders) this.#blockDone();
        return;
      case 'RST_STREAM':
        return this.#events.reset?.(frame.streamId, frame.errorCode);
      case 'GOAWAY':
        return this.#events.goAway?.(frame.lastStreamId, frame.errorCode);
      default:
        return;
    }
  }

  #blockDone(): void {
    const open = this.#open;
    this.#open = null;
    if (!open) return;
    const block = open.parts.length === 1 ? open.parts[0]! : Buffer.concat(open.parts);
    // Copy: the splitter's buffers are reused views of socket chunks.
    this.#events.fieldBlock?.(open.streamId, new Uint8Array(block), open.endStream);
  }
}
