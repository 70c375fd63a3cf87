// Turns scenario steps into the octets a client writes, with the core's own
// frame writers and one HPACK encoder per connection (RFC 7541 §2.2: the
// encoder's dynamic table is connection state, so blocks are encoded in
// step order, each exactly once). Deviations the writers do not offer
// (damaged preface, lying Pad Length, CONTINUATION on another stream) are
// built here from raw frames.
import { HDDeflater } from '../../impl/hpack/index.js';
import {
  encodeContinuation,
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
  splitFieldBlock,
  writeFrameHeader,
} from '../../impl/http2/frame-encoder.js';
import { FRAME_HEADER_LENGTH, Flag, FrameType } from '../../impl/http2/frame-types.js';
import { CLIENT_PREFACE } from '../../impl/http2/preface.js';
import { bodyByte, type ScenarioField, type Step } from './scenario.js';

export class ScenarioEncodingError extends Error {
  override name = 'ScenarioEncodingError';
  readonly code = 'ERR_SCENARIO_ENCODING';
}

/** Body octets of DATA steps, shared: built once, sliced per frame. */
let bodyPool = new Uint8Array(0);
function body(length: number): Uint8Array {
  if (bodyPool.length < length) {
    bodyPool = new Uint8Array(Math.max(length, 2 * bodyPool.length, 4096));
    for (let i = 0; i < bodyPool.length; i++) bodyPool[i] = bodyByte(i);
  }
  return bodyPool.subarray(0, length);
}

export function hexBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new ScenarioEncodingError(`not hex: ${JSON.stringify(hex.slice(0, 40))}`);
  return Buffer.from(hex, 'hex');
}

const concat = (parts: Uint8Array[]): Uint8Array => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

export class StepEncoder {
  readonly #deflater = new HDDeflater();

  /** The connection's HPACK encoder, for a caller that changes its table size (RFC 7541 §4.2). */
  get deflater(): HDDeflater {
    return this.#deflater;
  }

  /** A field block with this connection's encoder (the server's decoder follows it). */
  block(fields: readonly ScenarioField[]): Uint8Array {
    return this.#deflater.deflate(fields);
  }

  encode(step: Step): Uint8Array {
    switch (step.op) {
      case 'preface': {
        if (!step.damaged) return CLIENT_PREFACE;
        const p = new Uint8Array(CLIENT_PREFACE);
        p[3] ^= 0x20; // "PRI " -> "PRi ": still 24 octets, no longer the preface
        return p;
      }
      case 'settings':
        return encodeSettings(step.pairs.map(([id, value]) => ({ id, value: value >>> 0 })));
      case 'settings-ack':
        return encodeSettingsAck();
      case 'headers':
        return this.#headers(step);
      case 'data':
        return dataFrame(step);
      case 'priority':
        return encodePriority(step.stream, { dependsOn: step.dependsOn, weight: step.weight, exclusive: step.exclusive });
      case 'rst':
        return encodeRstStream(step.stream, step.code);
      case 'ping':
        return encodePing(hexBytes(step.opaque.padEnd(16, '0').slice(0, 16)), step.ack === true);
      case 'goaway':
        return encodeGoAway(step.lastStreamId, step.code);
      case 'window-update':
        return encodeWindowUpdate(step.stream, step.increment);
      case 'push-promise':
        return encodePushPromise(step.stream, step.promised, this.block(step.fields), true);
      case 'raw':
        return encodeRawFrame({ type: step.type, flags: step.flags, streamId: step.stream, payload: hexBytes(step.payload), length: step.length, reservedBit: step.reservedBit });
      case 'wait':
      case 'tls-renegotiate':
      case 'server-shutdown':
        return new Uint8Array(0);
    }
  }

  #headers(step: Extract<Step, { op: 'headers' }>): Uint8Array {
    const block = this.block(step.fields);
    const parts = Math.max(1, step.parts ?? 1);
    const room = Math.ceil(block.length / parts) || 1;
    const fragments = parts === 1 ? [block] : splitFieldBlock(block, room, room);
    while (fragments.length < parts) fragments.push(new Uint8Array(0));
    const last = fragments.length - 1;
    const endLast = !step.unterminated;
    const out: Uint8Array[] = [
      encodeHeadersFrame(step.stream, fragments[0]!, {
        endStream: step.endStream,
        endHeaders: last === 0 && endLast,
        ...(step.priority ? { priority: step.priority } : {}),
        ...(step.padLength !== undefined ? { padLength: step.padLength } : {}),
      }),
    ];
    const onStream = step.continuationStream ?? step.stream;
    for (let i = 1; i <= last; i++) out.push(encodeContinuation(onStream, fragments[i]!, i === last && endLast));
    return concat(out);
  }
}

/**
 * §6.1: DATA, with a Pad Length that may claim more padding than the frame
 * holds, written straight into one buffer. A scenario's bodies are a few
 * KiB and almost never repeat (1 DATA step in 20 met an earlier one's
 * frame), so each is encoded anew; a `new Uint8Array` of that size is an
 * allocation of its own outside the heap, zeroed, and encodeData() made two
 * when padded, while Buffer.allocUnsafe() takes a slice of Node's shared
 * pool and only the padding needs zeroing.
 */
function dataFrame(step: Extract<Step, { op: 'data' }>): Uint8Array {
  const padded = step.padLength !== undefined || step.padClaim !== undefined;
  const pad = step.padLength ?? 0;
  const length = padded ? 1 + step.length + pad : step.length;
  const out = Buffer.allocUnsafe(FRAME_HEADER_LENGTH + length);
  writeFrameHeader(out, length, FrameType.DATA, (padded ? Flag.PADDED : 0) | (step.endStream ? Flag.END_STREAM : 0), (step.stream & 0x7fff_ffff) >>> 0);
  let o = FRAME_HEADER_LENGTH;
  if (padded) out[o++] = (step.padClaim ?? pad) & 0xff;
  out.set(body(step.length), o);
  out.fill(0, o + step.length);
  return out;
}
