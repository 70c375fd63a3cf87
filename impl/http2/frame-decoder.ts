// RFC 9113 §4 and §6: splits a byte stream into frames and parses each
// payload, enforcing the per-type size, stream-id and padding rules.
// Flags a type does not define are ignored (§4.1), as are unknown types (§5.5).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';
import { Flag, FrameType, FRAME_HEADER_LENGTH, type Frame, type FrameHeader, type PriorityFields } from './frame-types.js';

const u32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u31 = (b: Uint8Array, o: number): number => u32(b, o) & 0x7fff_ffff;

export function decodeFrameHeader(b: Uint8Array, o = 0): FrameHeader {
  return {
    length: (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!,
    type: b[o + 3]!,
    flags: b[o + 4]!,
    // §4.1: the reserved bit MUST be ignored when receiving.
    streamId: u31(b, o + 5),
  };
}

/** The payload of every frame that has none: no view is made for it (an empty-frame flood allocates next to nothing). */
const NO_PAYLOAD = new Uint8Array(0);

/**
 * Accumulates bytes and hands out whole frames (header + payload).
 * `maxFrameSize` is our acknowledged SETTINGS_MAX_FRAME_SIZE; a larger frame
 * is a connection error before its payload is buffered (§4.2), so a peer
 * can never make us hold more than one maximal frame.
 */
export class FrameSplitter {
  #chunks: Uint8Array[] = [];
  /**
   * Octets of the first chunk already handed out. Frames are cut from a read
   * by offset: slicing off each frame and then the rest of the read cost two
   * views per frame besides the payload's, all garbage at once.
   */
  #offset = 0;
  #buffered = 0;
  /** The header of the frame nextFrame() found last: one object, overwritten by the next call. */
  readonly header: FrameHeader = { length: 0, type: 0, flags: 0, streamId: 0 };
  /** The payload of that frame: a view of the bytes pushed, never copied unless a frame spans reads. */
  payload: Uint8Array = NO_PAYLOAD;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#chunks.push(bytes);
    this.#buffered += bytes.length;
  }

  get buffered(): number {
    return this.#buffered;
  }

  /** Drops what is buffered: the connection is over and its unread bytes (a flood's, often) need not stay in memory. */
  clear(): void {
    this.payload = NO_PAYLOAD;
    this.#chunks = [];
    this.#offset = 0;
    this.#buffered = 0;
  }

  /** Next whole frame, or null when more bytes are needed. */
  next(maxFrameSize: number): { header: FrameHeader; payload: Uint8Array } | null {
    return this.nextFrame(maxFrameSize) ? { header: { ...this.header }, payload: this.payload } : null;
  }

  /**
   * next() without an object per frame, for the connection's read loop:
   * true when a whole frame is in `header` and `payload` (valid until the
   * next call), false when more bytes are needed.
   */
  nextFrame(maxFrameSize: number): boolean {
    // The last payload is let go with the call after it: it must not keep its read alive while the connection waits.
    this.payload = NO_PAYLOAD;
    if (this.#buffered < FRAME_HEADER_LENGTH) return false;
    if (this.#chunks[0]!.length - this.#offset < FRAME_HEADER_LENGTH) this.#coalesce();
    const first = this.#chunks[0]!;
    const o = this.#offset;
    const length = (first[o]! << 16) | (first[o + 1]! << 8) | first[o + 2]!;
    if (length > maxFrameSize) {
      // §4.2: treated as a connection error for every type; for DATA a stream
      // error would be allowed, but §5.4.1 lets us escalate, and we refuse to
      // buffer the oversized payload.
      throw new ConnectionError(E.FRAME_SIZE_ERROR, '4.2', `frame of ${length} octets exceeds SETTINGS_MAX_FRAME_SIZE ${maxFrameSize}`);
    }
    const whole = FRAME_HEADER_LENGTH + length;
    if (this.#buffered < whole) return false;
    const h = this.header;
    h.length = length;
    h.type = first[o + 3]!;
    h.flags = first[o + 4]!;
    // §4.1: the reserved bit MUST be ignored when receiving.
    h.streamId = u31(first, o + 5);
    if (first.length - o < whole) this.#coalesce();
    const chunk = this.#chunks[0]!;
    const at = this.#offset;
    this.payload = length === 0 ? NO_PAYLOAD : chunk.subarray(at + FRAME_HEADER_LENGTH, at + whole);
    this.#buffered -= whole;
    if (chunk.length - at === whole) {
      this.#chunks.shift();
      this.#offset = 0;
    } else {
      this.#offset = at + whole;
    }
    return true;
  }

  /** Joins what is buffered into one chunk: only when a frame (or its header) spans reads. */
  #coalesce(): void {
    const all = new Uint8Array(this.#buffered);
    let o = 0;
    for (let i = 0; i < this.#chunks.length; i++) {
      const c = i === 0 ? this.#chunks[0]!.subarray(this.#offset) : this.#chunks[i]!;
      all.set(c, o);
      o += c.length;
    }
    this.#chunks = [all];
    this.#offset = 0;
  }
}

/** §6.1, §6.2: strips padding; the pad length must leave room for itself. */
function unpad(h: FrameHeader, payload: Uint8Array, section: string): Uint8Array {
  if ((h.flags & Flag.PADDED) === 0) return payload;
  if (payload.length < 1) throw new ConnectionError(E.FRAME_SIZE_ERROR, section, 'PADDED frame without a Pad Length octet');
  const padLength = payload[0]!;
  if (padLength >= payload.length) {
    throw new ConnectionError(E.PROTOCOL_ERROR, section, `pad length ${padLength} is not less than the payload length ${payload.length}`);
  }
  return payload.subarray(1, payload.length - padLength);
}

function priorityFields(b: Uint8Array, o: number): PriorityFields {
  const raw = u32(b, o);
  return { exclusive: (raw & 0x8000_0000) !== 0, dependsOn: raw & 0x7fff_ffff, weight: b[o + 4]! + 1 };
}

function requireStream(h: FrameHeader, section: string, name: string): void {
  if (h.streamId === 0) throw new ConnectionError(E.PROTOCOL_ERROR, section, `${name} frame on stream 0`);
}

function requireConnection(h: FrameHeader, section: string, name: string): void {
  if (h.streamId !== 0) throw new ConnectionError(E.PROTOCOL_ERROR, section, `${name} frame on stream ${h.streamId}, must be 0`);
}

/** Parses one frame's payload; throws a typed error for every §6 violation. */
export function parseFrame(h: FrameHeader, payload: Uint8Array): Frame {
  switch (h.type) {
    case FrameType.DATA: {
      requireStream(h, '6.1', 'DATA');
      const data = unpad(h, payload, '6.1');
      return { type: 'DATA', streamId: h.streamId, data, endStream: (h.flags & Flag.END_STREAM) !== 0, flowLength: h.length };
    }
    case FrameType.HEADERS: {
      requireStream(h, '6.2', 'HEADERS');
      let block = unpad(h, payload, '6.2');
      let priority: PriorityFields | null = null;
      if (h.flags & Flag.PRIORITY) {
        if (block.length < 5) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.2', 'HEADERS with PRIORITY flag shorter than 5 octets');
        priority = priorityFields(block, 0);
        block = block.subarray(5);
      }
      return {
        type: 'HEADERS',
        streamId: h.streamId,
        fragment: block,
        endStream: (h.flags & Flag.END_STREAM) !== 0,
        endHeaders: (h.flags & Flag.END_HEADERS) !== 0,
        priority,
      };
    }
    case FrameType.PRIORITY:
      requireStream(h, '6.3', 'PRIORITY');
      if (payload.length !== 5) throw new StreamError(h.streamId, E.FRAME_SIZE_ERROR, '6.3', `PRIORITY frame of ${payload.length} octets, must be 5`);
      return { type: 'PRIORITY', streamId: h.streamId, priority: priorityFields(payload, 0) };
    case FrameType.RST_STREAM:
      requireStream(h, '6.4', 'RST_STREAM');
      if (payload.length !== 4) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.4', `RST_STREAM frame of ${payload.length} octets, must be 4`);
      return { type: 'RST_STREAM', streamId: h.streamId, errorCode: u32(payload, 0) };
    case FrameType.SETTINGS: {
      requireConnection(h, '6.5', 'SETTINGS');
      const ack = (h.flags & Flag.ACK) !== 0;
      if (ack && payload.length !== 0) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.5', 'SETTINGS ACK with a payload');
      if (payload.length % 6 !== 0) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.5', `SETTINGS payload of ${payload.length} octets is not a multiple of 6`);
      const settings = [];
      for (let o = 0; o < payload.length; o += 6) settings.push({ id: (payload[o]! << 8) | payload[o + 1]!, value: u32(payload, o + 2) });
      return { type: 'SETTINGS', ack, settings };
    }
    case FrameType.PUSH_PROMISE: {
      requireStream(h, '6.6', 'PUSH_PROMISE');
      const block = unpad(h, payload, '6.6');
      if (block.length < 4) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.6', 'PUSH_PROMISE shorter than 4 octets');
      return {
        type: 'PUSH_PROMISE',
        streamId: h.streamId,
        promisedStreamId: u31(block, 0),
        fragment: block.subarray(4),
        endHeaders: (h.flags & Flag.END_HEADERS) !== 0,
      };
    }
    case FrameType.PING:
      requireConnection(h, '6.7', 'PING');
      if (payload.length !== 8) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.7', `PING frame of ${payload.length} octets, must be 8`);
      return { type: 'PING', ack: (h.flags & Flag.ACK) !== 0, opaque: payload };
    case FrameType.GOAWAY:
      requireConnection(h, '6.8', 'GOAWAY');
      if (payload.length < 8) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.8', 'GOAWAY shorter than 8 octets');
      return { type: 'GOAWAY', lastStreamId: u31(payload, 0), errorCode: u32(payload, 4), debugData: payload.subarray(8) };
    case FrameType.WINDOW_UPDATE: {
      if (payload.length !== 4) throw new ConnectionError(E.FRAME_SIZE_ERROR, '6.9', `WINDOW_UPDATE frame of ${payload.length} octets, must be 4`);
      const increment = u31(payload, 0);
      return { type: 'WINDOW_UPDATE', streamId: h.streamId, increment };
    }
    case FrameType.CONTINUATION:
      requireStream(h, '6.10', 'CONTINUATION');
      return { type: 'CONTINUATION', streamId: h.streamId, fragment: payload, endHeaders: (h.flags & Flag.END_HEADERS) !== 0 };
    default:
      return { type: 'UNKNOWN', frameType: h.type, streamId: h.streamId, flags: h.flags, payload };
  }
}
