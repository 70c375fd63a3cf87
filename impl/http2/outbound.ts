// Turns the per-stream send queues into frames, honouring both send windows
// (RFC 9113 §6.9.1: never exceed the connection or the stream window), the
// peer's SETTINGS_MAX_FRAME_SIZE (§4.2) and the caller's budget. Streams take
// turns one frame at a time so one large body cannot starve the others, and
// the next call starts after the stream served last, so the turns carry on
// across calls.
import { encodeContinuation, encodeData, encodeHeadersFrame, encodePushPromise, splitFieldBlock } from './frame-encoder.js';
import type { FieldInput } from './fields.js';
import type { FlowWindow } from './flow-window.js';
import { FRAME_HEADER_LENGTH } from './frame-types.js';
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
 * Frames at most one item (or one DATA frame of at most `room` payload
 * octets) of `s` into `out`; returns the octets added, 0 when blocked.
 */
function frameOne(s: Stream, ctx: FramingContext, room: number, out: Uint8Array[]): number {
  const item = s.outbound[0];
  if (!item || s.awaitingPromise) return 0;
  const max = ctx.maxFrameSize;
  let frames: Uint8Array[];
  if (item.kind === 'headers') {
    const block = ctx.encode(item.fields);
    s.outbound.shift();
    ctx.framed(s, item.endStream ? 'send_headers_es' : 'send_headers');
    frames = fieldBlockFrames((f, eh) => encodeHeadersFrame(s.id, f, { endStream: item.endStream, endHeaders: eh }), s.id, block, max, 0);
  } else if (item.kind === 'push_promise') {
    const block = ctx.encode(item.fields);
    s.outbound.shift();
    ctx.framed(s, 'send_push_promise');
    ctx.promised(item.promisedStreamId);
    frames = fieldBlockFrames((f, eh) => encodePushPromise(s.id, item.promisedStreamId, f, eh), s.id, block, max, 4);
  } else {
    // DATA: an empty final frame needs no window (§6.9: only payload counts).
    const n = Math.min(room, max, ctx.connectionWindow.size, s.sendWindow.size, item.bytes.length);
    if (item.bytes.length > 0 && n <= 0) return 0;
    const chunk = item.bytes.subarray(0, n);
    const last = n === item.bytes.length;
    if (last) s.outbound.shift();
    else item.bytes = item.bytes.subarray(n);
    s.queuedBytes -= n;
    ctx.connectionWindow.consume(n);
    s.sendWindow.consume(n);
    const endStream = last && item.endStream;
    ctx.framed(s, endStream ? 'send_data_es' : 'send_data');
    frames = [encodeData(s.id, chunk, endStream)];
  }
  let added = 0;
  for (const f of frames) {
    out.push(f);
    added += f.length;
  }
  return added;
}

export class OutboundScheduler {
  /** The stream served last: the next call starts after it. */
  #lastServed = 0;

  /**
   * Round-robin over the live streams until `budget` octets are framed or
   * nothing can move, appending frames to `out` in wire order. DATA is cut to
   * fit the budget; a field block is never cut (§4.3), so one that starts
   * under the budget may end past it. Each round either frames something
   * from a finite queue or stops, so this terminates.
   */
  frame(ctx: FramingContext, budget: number, out: Uint8Array[]): void {
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
