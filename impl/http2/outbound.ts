// Turns the per-stream send queues into frames, honouring both send windows
// (RFC 9113 §6.9.1: never exceed the connection or the stream window), the
// peer's SETTINGS_MAX_FRAME_SIZE (§4.2) and the caller's budget. Streams take
// turns one frame at a time so one large body cannot starve the others, and
// the next call starts after the stream served last, so the turns carry on
// across calls.
import { encodeContinuation, splitFieldBlock } from './frame-encoder.js';
import type { FieldInput } from './fields.js';
import type { FlowWindow } from './flow-window.js';
import { Flag, FrameType, FRAME_HEADER_LENGTH } from './frame-types.js';
import type { OutputFrames } from './output-frames.js';
import type { StreamInput } from './stream-state.js';
import type { Stream } from './stream.js';

export interface FramingContext {
  readonly connectionWindow: FlowWindow;
  readonly maxFrameSize: number;
  /** The streams as they are now: read again every round, since framing closes some. */
  streams(): Iterable<Stream>;
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

/**
 * §4.3: a field block as HEADERS (or PUSH_PROMISE, whose first payload
 * starts with the promised id) plus CONTINUATIONs, listed back to back;
 * returns the octets added.
 */
function listFieldBlock(out: OutputFrames, first: number, firstFlags: number, streamId: number, block: Uint8Array, max: number, promisedStreamId: number | null): number {
  const prefix = promisedStreamId === null ? 0 : 4;
  // Nearly every response's block fits one HEADERS: listed as it is, with no parts array and no view of it.
  if (promisedStreamId === null && block.length <= max) return out.add(first, firstFlags | Flag.END_HEADERS, streamId, block);
  const parts = splitFieldBlock(block, max - prefix, max);
  let added = 0;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    let payload = parts[i]!;
    if (i === 0 && promisedStreamId !== null) {
      payload = new Uint8Array(4 + parts[0]!.length);
      new DataView(payload.buffer).setUint32(0, promisedStreamId & 0x7fff_ffff);
      payload.set(parts[0]!, 4);
    }
    const type = i === 0 ? first : FrameType.CONTINUATION;
    const flags = (i === 0 ? firstFlags : 0) | (last ? Flag.END_HEADERS : 0);
    added += out.add(type, flags, streamId, payload);
  }
  return added;
}

/**
 * Lists at most one item (or one DATA frame of at most `room` payload
 * octets) of `s` in `out`; returns the octets added, 0 when blocked.
 */
function frameOne(s: Stream, ctx: FramingContext, room: number, out: OutputFrames): number {
  const item = s.outbound[0];
  if (!item || s.awaitingPromise) return 0;
  const max = ctx.maxFrameSize;
  if (item.kind === 'headers') {
    const block = ctx.encode(item.fields);
    s.outbound.shift();
    ctx.framed(s, item.endStream ? 'send_headers_es' : 'send_headers');
    return listFieldBlock(out, FrameType.HEADERS, item.endStream ? Flag.END_STREAM : 0, s.id, block, max, null);
  }
  if (item.kind === 'push_promise') {
    const block = ctx.encode(item.fields);
    s.outbound.shift();
    ctx.framed(s, 'send_push_promise');
    ctx.promised(item.promisedStreamId);
    return listFieldBlock(out, FrameType.PUSH_PROMISE, 0, s.id, block, max, item.promisedStreamId);
  }
  // DATA: an empty final frame needs no window (§6.9: only payload counts).
  const n = Math.min(room, max, ctx.connectionWindow.size, s.sendWindow.size, item.bytes.length);
  if (item.bytes.length > 0 && n <= 0) return 0;
  const last = n === item.bytes.length;
  // A body sent whole in one frame (every small response) needs no view of itself.
  const chunk = last ? item.bytes : item.bytes.subarray(0, n);
  if (last) s.outbound.shift();
  else item.bytes = item.bytes.subarray(n);
  s.dequeued(n);
  ctx.connectionWindow.consume(n);
  s.sendWindow.consume(n);
  const endStream = last && item.endStream;
  ctx.framed(s, endStream ? 'send_data_es' : 'send_data');
  return out.add(FrameType.DATA, endStream ? Flag.END_STREAM : 0, s.id, chunk);
}

export class OutboundScheduler {
  /** The stream served last: the next call starts after it. */
  #lastServed = 0;

  /**
   * Round-robin over the live streams until `budget` octets are framed or
   * nothing can move, listing frames in `out` in wire order. DATA is cut to
   * fit the budget; a field block is never cut (§4.3), so one that starts
   * under the budget may end past it. Each round either frames something
   * from a finite queue or stops, so this terminates.
   */
  frame(ctx: FramingContext, budget: number, out: OutputFrames): void {
    let used = 0;
    let progressed = true;
    while (progressed && used < budget) {
      progressed = false;
      // Streams after the one served last go first, then the others: the turn order survives the budget cut.
      const start = this.#lastServed;
      for (let pass = 0; pass < 2; pass++) {
        for (const s of ctx.streams()) {
          if (s.outbound.length === 0 || (s.id > start) !== (pass === 0)) continue;
          const room = budget - used - FRAME_HEADER_LENGTH;
          if (room <= 0) return;
          const added = frameOne(s, ctx, room, out);
          if (added === 0) continue;
          progressed = true;
          used += added;
          this.#lastServed = s.id;
          if (used >= budget) return;
        }
      }
    }
  }
}
