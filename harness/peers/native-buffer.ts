// Native memory the koffi wrappers own and reuse across calls, and libc's
// memcpy to fill it. Copying with memcpy into one long-lived buffer costs an
// FFI call (~70 ns); koffi.view() on foreign memory builds an external
// ArrayBuffer each time (~800 ns, plus GC work), so views are made only of
// buffers we own, once per growth.
import koffi from 'koffi';

export type Ptr = bigint;
/**
 * An address as a plain number, which koffi takes for a pointer as it takes
 * a BigInt: user-space addresses are below 2^47, so a double holds them
 * exactly, and adding an offset allocates nothing (a BigInt sum allocates).
 */
export type Address = number;

const LIBC = 'libc.so.6';
let memcpyFn: ((dst: Ptr | Address, src: Ptr | Address, n: number) => unknown) | undefined;

/** libc's memcpy on raw addresses (loaded once). */
export function memcpy(): (dst: Ptr | Address, src: Ptr | Address, n: number) => unknown {
  memcpyFn ??= koffi.load(LIBC).func('void *memcpy(void *dst, void *src, size_t n)') as (dst: Ptr | Address, src: Ptr | Address, n: number) => unknown;
  return memcpyFn;
}

/** Native memory owned by one wrapper, grown on demand (keeping its contents), with views over it. */
export class NativeBuffer {
  ptr: Ptr = 0n;
  /** `ptr` as a number. */
  address: Address = 0;
  /** `ptr` as two 32-bit halves, for writeAddress. */
  private ptrLow = 0;
  private ptrHigh = 0;
  cap = 0;
  bytes = new Uint8Array(0);
  view = new DataView(new ArrayBuffer(0));

  ensure(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(n, this.cap * 2, 64);
    const ptr = koffi.alloc('uint8_t', cap) as Ptr;
    const ab = koffi.view(ptr, cap);
    const bytes = new Uint8Array(ab);
    if (this.cap > 0) {
      bytes.set(this.bytes);
      koffi.free(this.ptr);
    }
    this.ptr = ptr;
    this.address = Number(ptr);
    this.ptrLow = Number(ptr & 0xffffffffn);
    this.ptrHigh = Number(ptr >> 32n);
    this.cap = cap;
    this.bytes = bytes;
    this.view = new DataView(ab);
  }

  /**
   * Writes the address `offset` bytes into this buffer as a little-endian
   * 64-bit pointer at `at` in `view`. Two 32-bit halves instead of
   * `setBigUint64(at, ptr + BigInt(offset))`: no BigInt is allocated, which
   * took a quarter of the deflate wrapper's time for small header lists.
   */
  writeAddress(view: DataView, at: number, offset: number): void {
    const low = this.ptrLow + offset;
    view.setUint32(at, low >>> 0, true);
    view.setUint32(at + 4, this.ptrHigh + (low > 0xffffffff ? 1 : 0), true);
  }

  free(): void {
    if (this.cap > 0) koffi.free(this.ptr);
    this.cap = 0;
    this.ptr = 0n;
    this.address = 0;
    this.ptrLow = 0;
    this.ptrHigh = 0;
    this.bytes = new Uint8Array(0);
    this.view = new DataView(new ArrayBuffer(0));
  }
}

// Wrappers live for one session or one replay of it, so thousands are made a
// second; allocating and viewing their buffers anew each time showed in the
// profile. Released buffers wait here for the next wrapper (bounded, and big
// ones are freed, so an occasional 64 KiB field does not pin memory).
const POOL_MAX = 64;
const POOL_MAX_BYTES = 256 * 1024;
const pool: NativeBuffer[] = [];

/** A buffer from the pool (any capacity; `ensure` what you need), or a new one. */
export function acquireBuffer(): NativeBuffer {
  return pool.pop() ?? new NativeBuffer();
}

/** Gives a buffer back; the caller must not use it afterwards. */
export function releaseBuffer(b: NativeBuffer): void {
  if (pool.length < POOL_MAX && b.cap > 0 && b.cap <= POOL_MAX_BYTES) pool.push(b);
  else b.free();
}
