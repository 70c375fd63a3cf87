// The frames of one dataToSend() call, written into one buffer at the end.
// Frames are listed as (type, flags, stream, payload) in arrays kept from
// call to call, and their octets are written once, into one buffer of the
// exact total size: a frame costs no buffer of its own and its payload (a
// DATA chunk, an HPACK block) is copied once, not into a frame and then
// again into the write. Under h2load this took the server's output from
// two copies and one allocation per frame to one copy and one allocation
// per write.
import { FRAME_HEADER_LENGTH } from './frame-types.js';

/** In `#types`: the payload is a whole frame encoded elsewhere (a control frame), copied as is. */
const ENCODED = -1;

export class OutputFrames {
  readonly #types: number[] = [];
  readonly #flags: number[] = [];
  readonly #streams: number[] = [];
  readonly #payloads: Uint8Array[] = [];
  #octets = 0;

  /** Octets the frames listed so far take on the wire. */
  get octets(): number {
    return this.#octets;
  }

  /** Lists a frame; returns the octets it takes (header included). */
  add(type: number, flags: number, streamId: number, payload: Uint8Array): number {
    this.#types.push(type);
    this.#flags.push(flags);
    this.#streams.push(streamId);
    this.#payloads.push(payload);
    const n = FRAME_HEADER_LENGTH + payload.length;
    this.#octets += n;
    return n;
  }

  /** Lists frames already encoded (the control queue's), in order. */
  addEncoded(frames: readonly Uint8Array[]): void {
    for (const f of frames) {
      this.#types.push(ENCODED);
      this.#flags.push(0);
      this.#streams.push(0);
      this.#payloads.push(f);
      this.#octets += f.length;
    }
  }

  /** The listed frames as one buffer, in order, and the list emptied (empty when nothing was listed). */
  take(): Uint8Array {
    const count = this.#payloads.length;
    // A lone encoded frame (a SETTINGS ACK, a PING ACK) goes out as it is.
    const out = count === 1 && this.#types[0] === ENCODED ? this.#payloads[0]! : Buffer.allocUnsafe(this.#octets);
    if (out !== this.#payloads[0]) {
      let o = 0;
      for (let i = 0; i < count; i++) {
        const payload = this.#payloads[i]!;
        const type = this.#types[i]!;
        if (type !== ENCODED) {
          const length = payload.length;
          const id = this.#streams[i]! & 0x7fff_ffff;
          out[o] = length >>> 16;
          out[o + 1] = (length >>> 8) & 0xff;
          out[o + 2] = length & 0xff;
          out[o + 3] = type;
          out[o + 4] = this.#flags[i]!;
          out[o + 5] = id >>> 24;
          out[o + 6] = (id >>> 16) & 0xff;
          out[o + 7] = (id >>> 8) & 0xff;
          out[o + 8] = id & 0xff;
          o += FRAME_HEADER_LENGTH;
        }
        out.set(payload, o);
        o += payload.length;
      }
    }
    // The payloads are the caller's (views of response bodies): not kept past this call.
    this.#types.length = 0;
    this.#flags.length = 0;
    this.#streams.length = 0;
    this.#payloads.length = 0;
    this.#octets = 0;
    return out;
  }
}
