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
/** takeParts(): payloads this long go out as parts of their own; shorter ones cost less to copy than to hand over. */
const NO_COPY = 4096;
/**
 * Entries the lists keep their room for between calls. Emptied by `length =
 * 0`, they gave their backing stores back on every call and grew them again
 * on the next (under h2load -m 10, 3.5 % of the server's allocation); past
 * this, a rare long list is let go rather than held per connection.
 */
const KEPT_ENTRIES = 256;
const NO_PAYLOAD = new Uint8Array(0);

export class OutputFrames {
  readonly #types: number[] = [];
  readonly #flags: number[] = [];
  readonly #streams: number[] = [];
  readonly #payloads: Uint8Array[] = [];
  /** Entries listed in this call: the lists hold room beyond it (see KEPT_ENTRIES). */
  #count = 0;
  #octets = 0;

  /** Octets the frames listed so far take on the wire. */
  get octets(): number {
    return this.#octets;
  }

  /** Lists a frame; returns the octets it takes (header included). */
  add(type: number, flags: number, streamId: number, payload: Uint8Array): number {
    this.#list(type, flags, streamId, payload);
    const n = FRAME_HEADER_LENGTH + payload.length;
    this.#octets += n;
    return n;
  }

  /** Lists frames already encoded (the control queue's), in order. */
  addEncoded(frames: readonly Uint8Array[]): void {
    for (const f of frames) {
      this.#list(ENCODED, 0, 0, f);
      this.#octets += f.length;
    }
  }

  #list(type: number, flags: number, streamId: number, payload: Uint8Array): void {
    const i = this.#count++;
    this.#types[i] = type;
    this.#flags[i] = flags;
    this.#streams[i] = streamId;
    this.#payloads[i] = payload;
  }

  /** The listed frames as one buffer, in order, and the list emptied (empty when nothing was listed). */
  take(): Uint8Array {
    const count = this.#count;
    // Nothing listed: a caller drains until it gets this, so every drain ends
    // here once, and Buffer.allocUnsafe(0) is no pool slice but a new empty
    // buffer of V8's own (about 180 ns, more than a small frame's slice).
    if (count === 0) return NO_PAYLOAD;
    // A lone encoded frame (a SETTINGS ACK, a PING ACK) goes out as it is.
    if (count === 1 && this.#types[0] === ENCODED) return this.#done([this.#payloads[0]!])[0]!;
    return this.#done([this.#run(0, count, Buffer.allocUnsafe(this.#octets), false)])[0]!;
  }

  /**
   * The same octets as take(), as parts to write in order (one writev):
   * a payload of NO_COPY octets or more (a DATA chunk of a large body) is a
   * part of its own, not copied; everything between is written into one
   * buffer per run. A 1 MiB response copied into write buffers cost one
   * 1 MiB allocation per response and the collector's time for it: under
   * h2load (1 000 × 1 MiB, -c 10, h2c) the server's CPU per response went
   * from about 790 to about 435 µs with its chunks written as they are
   * (two runs each, side by side).
   */
  takeParts(): Uint8Array[] {
    const count = this.#count;
    const parts: Uint8Array[] = [];
    for (let i = 0; i < count; ) {
      // A run ends before the next large payload, whose frame header it still holds.
      let octets = 0;
      let end = i;
      for (; end < count; end++) {
        const length = this.#payloads[end]!.length;
        const encoded = this.#types[end] === ENCODED;
        if (!encoded && length >= NO_COPY) break;
        octets += encoded ? length : FRAME_HEADER_LENGTH + length;
      }
      const large = end < count;
      if (count - i === 1 && !large && this.#types[i] === ENCODED) parts.push(this.#payloads[i]!);
      else if (octets > 0 || large) parts.push(this.#run(i, end, Buffer.allocUnsafe(octets + (large ? FRAME_HEADER_LENGTH : 0)), large));
      if (large) parts.push(this.#payloads[end]!);
      i = large ? end + 1 : end;
    }
    return this.#done(parts);
  }

  /** Writes entries [from, to) into `out` whole, then, when `headerOfNext`, the frame header of entry `to`. */
  #run(from: number, to: number, out: Uint8Array, headerOfNext: boolean): Uint8Array {
    let o = 0;
    for (let i = from; i < to; i++) {
      const payload = this.#payloads[i]!;
      if (this.#types[i] !== ENCODED) o = this.#header(i, out, o);
      out.set(payload, o);
      o += payload.length;
    }
    if (headerOfNext) this.#header(to, out, o);
    return out;
  }

  #header(i: number, out: Uint8Array, o: number): number {
    const length = this.#payloads[i]!.length;
    const id = this.#streams[i]! & 0x7fff_ffff;
    out[o] = length >>> 16;
    out[o + 1] = (length >>> 8) & 0xff;
    out[o + 2] = length & 0xff;
    out[o + 3] = this.#types[i]!;
    out[o + 4] = this.#flags[i]!;
    out[o + 5] = id >>> 24;
    out[o + 6] = (id >>> 16) & 0xff;
    out[o + 7] = (id >>> 8) & 0xff;
    out[o + 8] = id & 0xff;
    return o + FRAME_HEADER_LENGTH;
  }

  /** Empties the list: the payloads are the caller's (views of response bodies), not kept past the call. */
  #done<T>(result: T): T {
    if (this.#count > KEPT_ENTRIES) {
      this.#types.length = 0;
      this.#flags.length = 0;
      this.#streams.length = 0;
      this.#payloads.length = 0;
    } else {
      this.#payloads.fill(NO_PAYLOAD, 0, this.#count);
    }
    this.#count = 0;
    this.#octets = 0;
    return result;
  }
}
