// Copying nghttp2_nv name/value pairs out of libnghttp2's memory. The nv
// struct sits in a native scratch we own and read through one DataView; the
// bytes it points at are memcpy'd into one growing native area, and the
// pairs of one call (a block's fields, a table's entries) become subarrays
// of a single copy of that area: a few FFI calls per pair and one JS
// allocation per call, not an external ArrayBuffer per string.
import { acquireBuffer, memcpy } from './native-buffer.js';
import type { NativeBuffer, Ptr } from './native-buffer.js';

/** Where nghttp2_nv's members are (koffi.offsetof on the declared struct). */
export interface NvLayout {
  nvSize: number;
  nvName: number;
  nvValue: number;
  nvNameLen: number;
  nvValueLen: number;
}

export class NvReader {
  /** One nghttp2_nv, then `extra` bytes for the caller (the inflater's int inflate_flags). */
  readonly nv = acquireBuffer();
  private readonly area = acquireBuffer();
  private readonly copy = memcpy();
  private used = 0;
  /** Offsets into `area`: name start, name end (= value start), value end, per pair. */
  private bounds: number[] = [];

  constructor(
    private readonly layout: NvLayout,
    extra = 0,
  ) {
    this.nv.ensure(layout.nvSize + extra);
  }

  /** Copies the nghttp2_nv at `ptr` into `nv`, then its bytes (a table entry). */
  addAt(ptr: Ptr): void {
    this.copy(this.nv.ptr, ptr, this.layout.nvSize);
    this.add();
  }

  /** Copies the bytes of the pair now in `nv` (an emitted field). */
  add(): void {
    const l = this.layout;
    const v = this.nv.view;
    const nameLen = u64At(v, l.nvNameLen);
    const valueLen = u64At(v, l.nvValueLen);
    const start = this.used;
    this.area.ensure(start + nameLen + valueLen);
    // Addresses as numbers (see Address): no BigInt per name and value
    // (decoding through koffi +10 to +25 % in paired runs).
    const at = this.area.address + start;
    if (nameLen > 0) this.copy(at, u64At(v, l.nvName), nameLen);
    if (valueLen > 0) this.copy(at + nameLen, u64At(v, l.nvValue), valueLen);
    this.used = start + nameLen + valueLen;
    this.bounds.push(start, start + nameLen, this.used);
  }

  /** The pairs added since the last take, in order; starts over. */
  take(): Array<[Uint8Array, Uint8Array]> {
    const all = this.area.bytes.slice(0, this.used);
    const b = this.bounds;
    const out = new Array<[Uint8Array, Uint8Array]>(b.length / 3);
    for (let i = 0, j = 0; j < b.length; i++, j += 3) out[i] = [all.subarray(b[j]!, b[j + 1]!), all.subarray(b[j + 1]!, b[j + 2]!)];
    this.reset();
    return out;
  }

  /** Drops pairs added since the last take (after an error). */
  reset(): void {
    this.used = 0;
    this.bounds.length = 0;
  }

  buffers(): NativeBuffer[] {
    return [this.nv, this.area];
  }
}

/** A size_t or a pointer (little-endian, as the rest of the wrapper assumes) as a number: sizes are at most 64 KiB, addresses below 2^47. */
function u64At(v: DataView, at: number): number {
  return v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
}
