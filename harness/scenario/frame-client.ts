// The one frame-speaking peer over a socket (TCP or TLS): frames go out
// exactly as given, frames come back parsed by the core's own codec
// (frame-reader.ts). By default it acknowledges SETTINGS and PING itself,
// so a caller that only cares about field blocks, resets and GOAWAY (the
// HPACK wire oracles) sees just those; a scenario turns the SETTINGS ACK
// off, because acknowledging is one of its steps.
import type { Socket } from 'node:net';
import { encodeHeadersFrame, encodePing, encodeSettingsAck } from '../../impl/http2/frame-encoder.js';
import { MIN_MAX_FRAME_SIZE, type SettingPair } from '../../impl/http2/frame-types.js';
import { fieldBlockFrames } from '../../impl/http2/outbound.js';
import { FrameReader, type FieldBlock, type NonBlockFrame } from './frame-reader.js';

export interface FrameClientEvents {
  /** Every frame that is not part of a field block, as parsed. */
  frame?(frame: NonBlockFrame): void;
  /** A whole field block with everything the frames said about it. */
  block?(block: FieldBlock): void;
  /** The peer's SETTINGS (already acknowledged unless `ackSettings` is false). */
  settings?(settings: readonly SettingPair[]): void;
  /** The peer acknowledged our SETTINGS. */
  settingsAck?(): void;
  /** A whole field block: HEADERS (or PUSH_PROMISE) plus its CONTINUATIONs. */
  fieldBlock?(streamId: number, block: Uint8Array, endStream: boolean): void;
  reset?(streamId: number, errorCode: number): void;
  goAway?(lastStreamId: number, errorCode: number): void;
  /** Bytes we cannot parse, or the socket closed or failed: the connection is over. */
  closed?(reason: string): void;
}

export interface FrameClientOptions {
  /** Play the server: first consume the client's 24-octet preface. */
  expectPreface?: boolean;
  /** Acknowledge the peer's SETTINGS (default true). */
  ackSettings?: boolean;
  /** Answer the peer's PING (default true). */
  ackPing?: boolean;
}

export class FrameClient {
  readonly #socket: Socket;
  readonly #events: FrameClientEvents;
  readonly #reader: FrameReader;
  readonly #ackSettings: boolean;
  readonly #ackPing: boolean;
  #closed = false;

  constructor(socket: Socket, events: FrameClientEvents, options: FrameClientOptions = {}) {
    this.#socket = socket;
    this.#events = events;
    this.#ackSettings = options.ackSettings ?? true;
    this.#ackPing = options.ackPing ?? true;
    this.#reader = new FrameReader(
      {
        frame: (f) => this.#frame(f),
        fieldBlock: (b) => {
          this.#events.block?.(b);
          this.#events.fieldBlock?.(b.streamId, b.block, b.endStream);
        },
        unreadable: (reason) => {
          this.#socket.destroy();
          this.#close(reason);
        },
      },
      options.expectPreface ?? false,
    );
    socket.on('data', (chunk: Buffer) => {
      if (!this.#closed) this.#reader.push(chunk);
    });
    socket.on('error', (err) => this.#close(`socket error: ${err.message}`));
    socket.on('close', () => this.#close('connection closed'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(bytes: Uint8Array): void {
    if (!this.#closed && bytes.length > 0) this.#socket.write(bytes);
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

  #frame(f: NonBlockFrame): void {
    this.#events.frame?.(f);
    switch (f.type) {
      case 'SETTINGS':
        if (f.ack) return this.#events.settingsAck?.();
        if (this.#ackSettings) this.write(encodeSettingsAck());
        return this.#events.settings?.(f.settings);
      case 'PING':
        if (!f.ack && this.#ackPing) this.write(encodePing(f.opaque, true));
        return;
      case 'RST_STREAM':
        return this.#events.reset?.(f.streamId, f.errorCode);
      case 'GOAWAY':
        return this.#events.goAway?.(f.lastStreamId, f.errorCode);
      default:
        return;
    }
  }
}
