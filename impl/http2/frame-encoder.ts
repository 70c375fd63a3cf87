// RFC 9113 §4.1 and §6: frame writers. `encodeRawFrame` writes whatever it is
// given (any type, flags, length, reserved bit): the escape hatch for tests,
// fuzzers and conformance cases, which must be able to send what a broken
// peer would. The typed writers below build only legal frames and are what
// the connection uses.
import { Flag, FrameType, FRAME_HEADER_LENGTH, type PriorityFields, type SettingPair } from './frame-types.js';

export interface RawFrame {
  type: number;
  flags?: number;
  streamId: number;
  payload?: Uint8Array;
  /** Overrides the length field (may lie about the payload). */
  length?: number;
  /** Sets the reserved bit of the stream identifier (§4.1). */
  reservedBit?: boolean;
}

/**
 * The payload of a frame without one (SETTINGS ACK, a bare GOAWAY), only
 * read: an empty typed array is no cheap object in V8 but a buffer of its
 * own (about 180 ns, more than the 9-octet frame it goes into).
 */
const NO_PAYLOAD = new Uint8Array(0);

export function encodeRawFrame(f: RawFrame): Uint8Array {
  const payload = f.payload ?? NO_PAYLOAD;
  const length = f.length ?? payload.length;
  const out = new Uint8Array(FRAME_HEADER_LENGTH + payload.length);
  writeFrameHeader(out, length, f.type, f.flags ?? 0, ((f.streamId & 0x7fff_ffff) | (f.reservedBit ? 0x8000_0000 : 0)) >>> 0);
  out.set(payload, FRAME_HEADER_LENGTH);
  return out;
}

/**
 * §4.1: the 9-octet frame header at the start of `out`, for encoders that
 * write their payload in the same buffer. `streamWord` is the last four
 * octets as given (reserved bit included), so a test frame can set it.
 */
export function writeFrameHeader(out: Uint8Array, length: number, type: number, flags: number, streamWord: number): void {
  out[0] = (length >>> 16) & 0xff;
  out[1] = (length >>> 8) & 0xff;
  out[2] = length & 0xff;
  out[3] = type & 0xff;
  out[4] = flags & 0xff;
  writeU32(out, 5, streamWord);
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

function u32Payload(v: number): Uint8Array {
  const b = new Uint8Array(4);
  writeU32(b, 0, v >>> 0);
  return b;
}

/** §6.1/§6.2: wraps a payload in Pad Length + padding when `padLength` is given. */
function padded(body: Uint8Array, padLength: number | undefined): { payload: Uint8Array; flag: number } {
  if (padLength === undefined) return { payload: body, flag: 0 };
  const out = new Uint8Array(1 + body.length + padLength);
  out[0] = padLength;
  out.set(body, 1);
  return { payload: out, flag: Flag.PADDED };
}

export function encodeData(streamId: number, data: Uint8Array, endStream: boolean, padLength?: number): Uint8Array {
  const p = padded(data, padLength);
  return encodeRawFrame({ type: FrameType.DATA, flags: (endStream ? Flag.END_STREAM : 0) | p.flag, streamId, payload: p.payload });
}

function priorityBytes(p: PriorityFields): Uint8Array {
  const b = new Uint8Array(5);
  writeU32(b, 0, ((p.dependsOn & 0x7fff_ffff) | (p.exclusive ? 0x8000_0000 : 0)) >>> 0);
  b[4] = (p.weight - 1) & 0xff;
  return b;
}

export interface HeadersFrameOptions {
  endStream?: boolean;
  endHeaders?: boolean;
  priority?: PriorityFields;
  padLength?: number;
}

export function encodeHeadersFrame(streamId: number, fragment: Uint8Array, o: HeadersFrameOptions = {}): Uint8Array {
  let body = fragment;
  if (o.priority) {
    body = new Uint8Array(5 + fragment.length);
    body.set(priorityBytes(o.priority), 0);
    body.set(fragment, 5);
  }
  const p = padded(body, o.padLength);
  const flags =
    (o.endStream ? Flag.END_STREAM : 0) | (o.endHeaders === false ? 0 : Flag.END_HEADERS) | (o.priority ? Flag.PRIORITY : 0) | p.flag;
  return encodeRawFrame({ type: FrameType.HEADERS, flags, streamId, payload: p.payload });
}

export function encodeContinuation(streamId: number, fragment: Uint8Array, endHeaders: boolean): Uint8Array {
  return encodeRawFrame({ type: FrameType.CONTINUATION, flags: endHeaders ? Flag.END_HEADERS : 0, streamId, payload: fragment });
}

export function encodePriority(streamId: number, p: PriorityFields): Uint8Array {
  return encodeRawFrame({ type: FrameType.PRIORITY, streamId, payload: priorityBytes(p) });
}

export function encodeRstStream(streamId: number, errorCode: number): Uint8Array {
  return encodeRawFrame({ type: FrameType.RST_STREAM, streamId, payload: u32Payload(errorCode) });
}

export function encodeSettings(settings: readonly SettingPair[]): Uint8Array {
  const payload = new Uint8Array(settings.length * 6);
  settings.forEach((s, i) => {
    payload[i * 6] = (s.id >>> 8) & 0xff;
    payload[i * 6 + 1] = s.id & 0xff;
    writeU32(payload, i * 6 + 2, s.value);
  });
  return encodeRawFrame({ type: FrameType.SETTINGS, streamId: 0, payload });
}

export function encodeSettingsAck(): Uint8Array {
  return encodeRawFrame({ type: FrameType.SETTINGS, flags: Flag.ACK, streamId: 0 });
}

export function encodePushPromise(streamId: number, promisedStreamId: number, fragment: Uint8Array, endHeaders: boolean): Uint8Array {
  const payload = new Uint8Array(4 + fragment.length);
  writeU32(payload, 0, promisedStreamId & 0x7fff_ffff);
  payload.set(fragment, 4);
  return encodeRawFrame({ type: FrameType.PUSH_PROMISE, flags: endHeaders ? Flag.END_HEADERS : 0, streamId, payload });
}

export function encodePing(opaque: Uint8Array, ack: boolean): Uint8Array {
  return encodeRawFrame({ type: FrameType.PING, flags: ack ? Flag.ACK : 0, streamId: 0, payload: opaque });
}

/** §6.8, written in one buffer: its debug data is most of it, and a payload of its own would be a second copy. */
export function encodeGoAway(lastStreamId: number, errorCode: number, debugData: Uint8Array = NO_PAYLOAD): Uint8Array {
  const length = 8 + debugData.length;
  const out = new Uint8Array(FRAME_HEADER_LENGTH + length);
  writeFrameHeader(out, length, FrameType.GOAWAY, 0, 0);
  writeU32(out, FRAME_HEADER_LENGTH, lastStreamId & 0x7fff_ffff);
  writeU32(out, FRAME_HEADER_LENGTH + 4, errorCode >>> 0);
  out.set(debugData, FRAME_HEADER_LENGTH + 8);
  return out;
}

export function encodeWindowUpdate(streamId: number, increment: number): Uint8Array {
  return encodeRawFrame({ type: FrameType.WINDOW_UPDATE, streamId, payload: u32Payload(increment & 0x7fff_ffff) });
}

/**
 * §4.3: a field block larger than the peer's SETTINGS_MAX_FRAME_SIZE goes out
 * as HEADERS (or PUSH_PROMISE) + CONTINUATION frames, back to back.
 */
export function splitFieldBlock(block: Uint8Array, firstRoom: number, maxFrameSize: number): Uint8Array[] {
  const parts = [block.subarray(0, Math.min(block.length, firstRoom))];
  for (let o = parts[0]!.length; o < block.length; o += maxFrameSize) parts.push(block.subarray(o, o + maxFrameSize));
  return parts;
}
