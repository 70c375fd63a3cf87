// Turns the per-stream send queues into frames, honouring both send windows
// (RFC 9113 §6.9.1: never exceed the connection or the stream window) and the
// peer's SETTINGS_MAX_FRAME_SIZE (§4.2). Streams take turns one frame at a
// time so one large body cannot starve the others.
import { encodeContinuation, encodeData, encodeHeadersFrame, encodePushPromise, splitFieldBlock } from './frame-encoder.js';
import type { FlowWindow } from './flow-window.js';
import type { StreamInput } from './stream-state.js';
import type { FieldInput, Stream } from './stream.js';

export interface FramingContext {
  readonly connectionWindow: FlowWindow;
  readonly maxFrameSize: number;
  encode(fields: FieldInput): Uint8Array;
  /** Applies the send-side state transition once a frame is committed. */
  framed(stream: Stream, input: StreamInput): void;
  /** Called when a PUSH_PROMISE for `promisedStreamId` was framed. */
  promised(promisedStreamId: number): void;
}

/** §4.3: a field block goes out as one HEADERS/PUSH_PROMISE plus CONTINUATIONs, never interleaved. */
export function fieldBlockFrames(first: (fragment: Uint8Array, endHeaders: boolean) => Uint8Array, streamId: number, block: Uint8Array, max: number, firstOverhead: number): Uint8Array[] {
  const parts = splitFieldBlock(block, max - firstOverhead, max);
  return parts.map((p, i) => (i === 0 ? first(p, parts.length === 1) : encodeContinuation(streamId, p, i === parts.length - 1)));
}

/** Frames at most one item (or one DATA frame) of `s`; returns the bytes, or null when blocked. */
function frameOne(s: Stream, ctx: FramingContext): Uint8Array[] | null {
  const item = s.outbound[0];
  if (!item || s.awaitingPromise) return null;
  const max = ctx.maxFrameSize;
  if (item.kind === 'headers') {
    s.outbound.shift();
    const block = ctx.encode(item.fields);
    ctx.framed(s, item.endStream ? 'send_headers_es' : 'send_headers');
    return fieldBlockFrames((f, eh) => encodeHeadersFrame(s.id, f, { endStream: item.endStream, endHeaders: eh }), s.id, block, max, 0);
  }
  if (item.kind === 'push_promise') {
    s.outbound.shift();
    const block = ctx.encode(item.fields);
    ctx.framed(s, 'send_push_promise');
    ctx.promised(item.promisedStreamId);
    return fieldBlockFrames((f, eh) => encodePushPromise(s.id, item.promisedStreamId, f, eh), s.id, block, max, 4);
  }
  // DATA: an empty final frame needs no window (§6.9: only payload counts).
  const room = Math.min(max, ctx.connectionWindow.size, s.sendWindow.size);
  if (item.bytes.length > 0 && room <= 0) return null;
  const n = Math.min(room, item.bytes.length);
  const chunk = item.bytes.subarray(0, n);
  const last = n === item.bytes.length;
  if (last) s.outbound.shift();
  else item.bytes = item.bytes.subarray(n);
  s.queuedBytes -= n;
  ctx.connectionWindow.consume(n);
  s.sendWindow.consume(n);
  const endStream = last && item.endStream;
  ctx.framed(s, endStream ? 'send_data_es' : 'send_data');
  return [encodeData(s.id, chunk, endStream)];
}

/**
 * Round-robin over streams with queued items until `budget` octets are
 * framed or nothing can move. Returns the frames in wire order. Each round
 * either frames something from a finite queue or stops, so it terminates.
 */
export function frameQueued(streams: Iterable<Stream>, ctx: FramingContext, budget: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let used = 0;
  let progressed = true;
  while (progressed && used < budget) {
    progressed = false;
    for (const s of streams) {
      if (s.outbound.length === 0) continue;
      const frames = frameOne(s, ctx);
      if (frames === null) continue;
      progressed = true;
      for (const f of frames) {
        out.push(f);
        used += f.length;
      }
      if (used >= budget) break;
    }
  }
  return out;
}
