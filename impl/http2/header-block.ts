// RFC 9113 §4.3 and §6.10: a field block arrives as HEADERS followed by
// CONTINUATION frames on the same stream, with nothing in between. This
// collects the fragments and bounds their total size (§10.5.1).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { FrameOf, PriorityFields } from './frame-types.js';

export interface CompleteBlock {
  streamId: number;
  block: Uint8Array;
  endStream: boolean;
  priority: PriorityFields | null;
}

export class HeaderBlockAssembler {
  #open: { streamId: number; parts: Uint8Array[]; size: number; endStream: boolean; priority: PriorityFields | null } | null = null;

  get open(): boolean {
    return this.#open !== null;
  }
  get streamId(): number | null {
    return this.#open?.streamId ?? null;
  }

  /** A HEADERS frame: complete at once with END_HEADERS, else opens a block. */
  start(f: FrameOf<'HEADERS'>, maxSize: number): CompleteBlock | null {
    this.#check(f.fragment.length, maxSize);
    if (f.endHeaders) return { streamId: f.streamId, block: f.fragment, endStream: f.endStream, priority: f.priority };
    // Copied: a fragment is a view of the whole read, which must not stay alive while the block waits.
    this.#open = { streamId: f.streamId, parts: [f.fragment.slice()], size: f.fragment.length, endStream: f.endStream, priority: f.priority };
    return null;
  }

  continuation(f: FrameOf<'CONTINUATION'>, maxSize: number): CompleteBlock | null {
    const o = this.#open;
    // §6.10: CONTINUATION only directly after HEADERS/PUSH_PROMISE/CONTINUATION without END_HEADERS, same stream.
    if (o === null) throw new ConnectionError(E.PROTOCOL_ERROR, '6.10', `CONTINUATION on stream ${f.streamId} without an open field block`);
    if (f.streamId !== o.streamId) {
      throw new ConnectionError(E.PROTOCOL_ERROR, '6.10', `CONTINUATION on stream ${f.streamId} inside the field block of stream ${o.streamId}`);
    }
    o.size += f.fragment.length;
    this.#check(o.size, maxSize);
    if (f.fragment.length > 0) o.parts.push(f.fragment.slice());
    if (!f.endHeaders) return null;
    this.#open = null;
    return { streamId: o.streamId, block: Buffer.concat(o.parts), endStream: o.endStream, priority: o.priority };
  }

  #check(size: number, maxSize: number): void {
    if (size > maxSize) {
      // We cannot decode a partial block, so the HPACK context would be lost: connection error.
      throw new ConnectionError(E.ENHANCE_YOUR_CALM, '10.5.1', `field block larger than ${maxSize} octets`);
    }
  }
}
