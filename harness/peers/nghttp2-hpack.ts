// libnghttp2's HPACK (the library the seed wrapped) in process through koffi:
// the exact oracle for impl/hpack. Loads `libnghttp2.so.14` (Debian
// libnghttp2-14) on first use, so importing this module never fails.
//
//   const d = new Nghttp2Deflater(4096);          // nghttp2_hd_deflate_new
//   const block = d.deflate([[':method', 'GET'], ['authorization', 'x', { sensitive: true }]]);
//   const i = new Nghttp2Inflater();              // nghttp2_hd_inflate_new
//   i.inflate(block);                             // [[bytes, bytes], ...]
//   d.getHdTable(); d.changeTableSize(n); d.dynamicTableSize();
//   d.destroy(); i.destroy();                     // free now (a FinalizationRegistry is only a backstop)
//
// Cost: one deflate is one FFI call for the whole list (names and values are
// packed into one native buffer and one nghttp2_nv array points into it);
// one inflate is one FFI call per field (nghttp2_hd_inflate_hd2 emits one
// field per call) plus a memcpy per non-empty name and value, and a table
// read-out three calls per entry (nghttp2-nv-reader.ts). Negative return codes from libnghttp2 become a thrown
// Nghttp2Error carrying the code and its NGHTTP2_ERR_* name.
import koffi from 'koffi';
import type { HeaderList, DecodedField, HDTableEntry } from '../../impl/index.js';
import type { HpackImplementation, DeflaterLike, InflaterLike } from './hpack-implementation.js';
import { acquireBuffer, releaseBuffer } from './native-buffer.js';
import type { NativeBuffer } from './native-buffer.js';
import type { Address, Ptr } from './native-buffer.js';
import { NvReader } from './nghttp2-nv-reader.js';
import type { NvLayout } from './nghttp2-nv-reader.js';

/** The shared object this module loads. */
export const NGHTTP2_LIBRARY = 'libnghttp2.so.14';

const NV_FLAG_NO_INDEX = 1; // NGHTTP2_NV_FLAG_NO_INDEX
const INFLATE_FINAL = 1; // NGHTTP2_HD_INFLATE_FINAL
const INFLATE_EMIT = 2; // NGHTTP2_HD_INFLATE_EMIT
const STATIC_ENTRIES = 61;

/** nghttp2's error codes (nghttp2.h, enum nghttp2_error) that its HPACK functions return. */
const ERROR_NAMES: Record<number, string> = {
  [-501]: 'NGHTTP2_ERR_INVALID_ARGUMENT',
  [-502]: 'NGHTTP2_ERR_BUFFER_ERROR',
  [-519]: 'NGHTTP2_ERR_INVALID_STATE',
  [-523]: 'NGHTTP2_ERR_HEADER_COMP',
  [-525]: 'NGHTTP2_ERR_INSUFFICIENT_BUFSIZE',
  [-900]: 'NGHTTP2_ERR_FATAL',
  [-901]: 'NGHTTP2_ERR_NOMEM',
};

/** A negative return code from libnghttp2. */
export class Nghttp2Error extends Error {
  override name = 'Nghttp2Error';
  constructor(
    /** The negative nghttp2 error code, e.g. -523. */
    readonly code: number,
    /** Its NGHTTP2_ERR_* name, e.g. NGHTTP2_ERR_HEADER_COMP. */
    readonly nghttp2Name: string,
    readonly func: string,
    detail: string,
  ) {
    super(`${func} failed: ${nghttp2Name} (${code}): ${detail}`);
  }
}

interface Lib extends NvLayout {
  deflateNew: (out: [Ptr | null], max: number) => number;
  deflateDel: (d: Ptr) => void;
  deflateHd: (d: Ptr, buf: Uint8Array, buflen: number, nva: Ptr, nvlen: number) => number | bigint;
  deflateChangeTableSize: (d: Ptr, size: number) => number;
  deflateGetEntry: (d: Ptr, idx: number) => Ptr | null;
  deflateNumEntries: (d: Ptr) => number | bigint;
  deflateTableSize: (d: Ptr) => number | bigint;
  inflateNew: (out: [Ptr | null]) => number;
  inflateDel: (i: Ptr) => void;
  inflateHd2: (i: Ptr, nvOut: Address, flags: Address, input: Address, inlen: number, final: number) => number | bigint;
  inflateEndHeaders: (i: Ptr) => number;
  inflateChangeTableSize: (i: Ptr, size: number) => number;
  inflateGetEntry: (i: Ptr, idx: number) => Ptr | null;
  inflateNumEntries: (i: Ptr) => number | bigint;
  inflateTableSize: (i: Ptr) => number | bigint;
  strerror: (code: number) => string;
  nvFlags: number;
}

let lib: Lib | undefined;

/** Loads libnghttp2 (once). Throws an Error naming the package to install when it is missing. */
export function loadNghttp2(): Lib {
  if (lib) return lib;
  let so: ReturnType<typeof koffi.load>;
  try {
    so = koffi.load(NGHTTP2_LIBRARY);
  } catch (err) {
    throw new Error(`cannot load ${NGHTTP2_LIBRARY} (install the Debian package libnghttp2-14): ${(err as Error).message}`);
  }
  const nv = koffi.struct('h2harness_nghttp2_nv', {
    name: 'uint8_t *',
    value: 'uint8_t *',
    namelen: 'size_t',
    valuelen: 'size_t',
    flags: 'uint8_t',
  });
  lib = {
    deflateNew: so.func('int nghttp2_hd_deflate_new(_Out_ void **deflater_ptr, size_t max_deflate_dynamic_table_size)'),
    deflateDel: so.func('void nghttp2_hd_deflate_del(void *deflater)'),
    deflateHd: so.func('intptr_t nghttp2_hd_deflate_hd(void *deflater, uint8_t *buf, size_t buflen, void *nva, size_t nvlen)'),
    deflateChangeTableSize: so.func('int nghttp2_hd_deflate_change_table_size(void *deflater, size_t settings_max_dynamic_table_size)'),
    deflateGetEntry: so.func('void *nghttp2_hd_deflate_get_table_entry(void *deflater, size_t idx)'),
    deflateNumEntries: so.func('size_t nghttp2_hd_deflate_get_num_table_entries(void *deflater)'),
    deflateTableSize: so.func('size_t nghttp2_hd_deflate_get_dynamic_table_size(void *deflater)'),
    inflateNew: so.func('int nghttp2_hd_inflate_new(_Out_ void **inflater_ptr)'),
    inflateDel: so.func('void nghttp2_hd_inflate_del(void *inflater)'),
    inflateHd2: so.func('intptr_t nghttp2_hd_inflate_hd2(void *inflater, void *nv_out, void *inflate_flags, void *in, size_t inlen, int in_final)'),
    inflateEndHeaders: so.func('int nghttp2_hd_inflate_end_headers(void *inflater)'),
    inflateChangeTableSize: so.func('int nghttp2_hd_inflate_change_table_size(void *inflater, size_t settings_max_dynamic_table_size)'),
    inflateGetEntry: so.func('void *nghttp2_hd_inflate_get_table_entry(void *inflater, size_t idx)'),
    inflateNumEntries: so.func('size_t nghttp2_hd_inflate_get_num_table_entries(void *inflater)'),
    inflateTableSize: so.func('size_t nghttp2_hd_inflate_get_dynamic_table_size(void *inflater)'),
    strerror: so.func('const char *nghttp2_strerror(int lib_error_code)'),
    nvSize: koffi.sizeof(nv),
    nvName: koffi.offsetof(nv, 'name'),
    nvValue: koffi.offsetof(nv, 'value'),
    nvNameLen: koffi.offsetof(nv, 'namelen'),
    nvValueLen: koffi.offsetof(nv, 'valuelen'),
    nvFlags: koffi.offsetof(nv, 'flags'),
  } as Lib;
  return lib;
}

/** True when libnghttp2 can be loaded on this machine. */
export function nghttp2Available(): boolean {
  try {
    loadNghttp2();
    return true;
  } catch {
    return false;
  }
}

/**
 * nghttp2_strerror's text by code, asked once per code: most mutated blocks
 * are rejected, and an FFI call and a C string's conversion per rejection
 * cost more than building the error.
 */
const errorTexts = new Map<number, string>();

function check(l: Lib, func: string, rv: number | bigint): number {
  const n = Number(rv);
  if (n < 0) {
    let text = errorTexts.get(n);
    if (text === undefined) errorTexts.set(n, (text = l.strerror(n)));
    throw new Nghttp2Error(n, ERROR_NAMES[n] ?? `NGHTTP2_ERR_${-n}`, func, text);
  }
  return n;
}

interface Native {
  handle: Ptr;
  del: (p: Ptr) => void;
  buffers: NativeBuffer[];
}

const registry = new FinalizationRegistry<Native>((n) => {
  n.del(n.handle);
  for (const b of n.buffers) b.free();
});

const utf8 = new TextEncoder();

class Entry implements HDTableEntry {
  constructor(
    readonly name: Uint8Array,
    readonly value: Uint8Array,
  ) {}
  space(): number {
    return this.name.length + this.value.length + 32;
  }
}

function readTable(reader: NvReader, handle: Ptr, count: (p: Ptr) => number | bigint, get: (p: Ptr, idx: number) => Ptr | null): HDTableEntry[] {
  const n = Number(count(handle));
  for (let idx = STATIC_ENTRIES + 1; idx <= n; idx++) {
    const p = get(handle, idx);
    if (p === null) break;
    reader.addAt(p);
  }
  return reader.take().map(([name, value]) => new Entry(name, value));
}

abstract class Wrapper {
  protected readonly l: Lib;
  protected native: Native | undefined;
  /** Native buffers reused across calls, freed with the object. */
  protected readonly buffers: NativeBuffer[];
  /** Copies name/value pairs out of libnghttp2 (emitted fields, table entries). */
  protected readonly reader: NvReader;

  /** `nvExtra`: bytes the subclass needs right after the reader's nghttp2_nv scratch. */
  constructor(bufferCount: number, nvExtra: number, create: (l: Lib, buffers: NativeBuffer[]) => Native) {
    this.l = loadNghttp2();
    this.buffers = Array.from({ length: bufferCount }, acquireBuffer);
    this.reader = new NvReader(this.l, nvExtra);
    this.native = create(this.l, [...this.buffers, ...this.reader.buffers()]);
    registry.register(this, this.native, this);
  }

  protected get handle(): Ptr {
    if (!this.native) throw new Error(`${this.constructor.name} used after destroy()`);
    return this.native.handle;
  }

  /** Frees the native object and buffers now. Idempotent. */
  destroy(): void {
    if (!this.native) return;
    registry.unregister(this);
    this.native.del(this.native.handle);
    for (const b of this.native.buffers) releaseBuffer(b);
    this.native = undefined;
  }
}

/**
 * Where every deflater's call writes its block before it is copied out: one
 * for all, since a call returns before any other can start. A buffer per
 * deflater (one per fuzzed session) was allocated again, zero-filled, for
 * every session with a 64 KiB field.
 */
let deflateOut = new Uint8Array(1024);

/** nghttp2_hd_deflater behind the seed's HDDeflater API. */
export class Nghttp2Deflater extends Wrapper implements DeflaterLike {

  /** nghttp2_hd_deflate_new(maxTableSize): the cap on the table, as HDDeflater's constructor. */
  constructor(maxTableSize = 4096) {
    super(2, 0, (l, buffers) => {
      const p: [Ptr | null] = [null];
      check(l, 'nghttp2_hd_deflate_new', l.deflateNew(p, maxTableSize));
      return { handle: p[0]!, del: l.deflateDel, buffers };
    });
  }

  /** Names and values of one call, packed. */
  private get packed(): NativeBuffer {
    return this.buffers[0]!;
  }

  /** The nghttp2_nv array pointing into `packed`. */
  private get nva(): NativeBuffer {
    return this.buffers[1]!;
  }

  /** Deflates one header block with one nghttp2_hd_deflate_hd call. `{ sensitive: true }` sets NGHTTP2_NV_FLAG_NO_INDEX. */
  deflate(headers: HeaderList): Uint8Array {
    const l = this.l;
    const handle = this.handle;
    const n = headers.length;
    let cap = 0;
    for (let i = 0; i < n; i++) cap += partCapacity(headers[i]![0]) + partCapacity(headers[i]![1]);
    this.packed.ensure(Math.max(cap, 1));
    this.nva.ensure(Math.max(n * l.nvSize, 1));
    const bytes = this.packed.bytes;
    const nv = this.nva.view;
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const field = headers[i]!;
      const at = i * l.nvSize;
      const nameStart = pos;
      pos = writePart(bytes, pos, field[0]);
      const valueStart = pos;
      pos = writePart(bytes, pos, field[1]);
      this.packed.writeAddress(nv, at + l.nvName, nameStart);
      this.packed.writeAddress(nv, at + l.nvValue, valueStart);
      setSize(nv, at + l.nvNameLen, valueStart - nameStart);
      setSize(nv, at + l.nvValueLen, pos - valueStart);
      nv.setUint8(at + l.nvFlags, field[2]?.sensitive ? NV_FLAG_NO_INDEX : 0);
    }
    const bound = deflateBound(n, pos);
    if (deflateOut.length < bound) deflateOut = new Uint8Array(bound);
    const len = check(l, 'nghttp2_hd_deflate_hd', l.deflateHd(handle, deflateOut, deflateOut.length, this.nva.ptr, n));
    return deflateOut.slice(0, len);
  }

  /** nghttp2_hd_deflate_change_table_size: min(size, constructor cap); a size update goes in the next block. */
  changeTableSize(size: number): void {
    check(this.l, 'nghttp2_hd_deflate_change_table_size', this.l.deflateChangeTableSize(this.handle, size));
  }

  /** The dynamic table, newest first (copies). */
  getHdTable(): HDTableEntry[] {
    return readTable(this.reader, this.handle, this.l.deflateNumEntries, this.l.deflateGetEntry);
  }

  /** nghttp2_hd_deflate_get_dynamic_table_size: bytes in use (RFC 7541 §4.1). */
  dynamicTableSize(): number {
    return Number(this.l.deflateTableSize(this.handle));
  }
}

/** nghttp2_hd_inflater behind the seed's HDInflater API. */
export class Nghttp2Inflater extends Wrapper implements InflaterLike {
  constructor() {
    super(1, 4, (l, buffers) => {
      const p: [Ptr | null] = [null];
      check(l, 'nghttp2_hd_inflate_new', l.inflateNew(p));
      return { handle: p[0]!, del: l.inflateDel, buffers };
    });
  }

  /** A copy of the block being inflated. */
  private get input(): NativeBuffer {
    return this.buffers[0]!;
  }

  /** Inflates one complete header block (in_final = 1). Throws Nghttp2Error when libnghttp2 rejects it. */
  inflate(block: Uint8Array): DecodedField[] {
    const l = this.l;
    const handle = this.handle;
    const len = block.length;
    this.input.ensure(Math.max(len, 1));
    this.input.bytes.set(block);
    // nv_out is the reader's nv scratch; the int inflate_flags follows it.
    const reader = this.reader;
    const nvOut = reader.nv.address;
    const flagsAt = l.nvSize;
    const flagsPtr = nvOut + flagsAt;
    const view = reader.nv.view;
    reader.reset();
    let off = 0;
    for (;;) {
      view.setInt32(flagsAt, 0, true);
      const rv = check(l, 'nghttp2_hd_inflate_hd2', l.inflateHd2(handle, nvOut, flagsPtr, this.input.address + off, len - off, 1));
      off += rv;
      const flags = view.getInt32(flagsAt, true);
      if (flags & INFLATE_EMIT) reader.add();
      if (flags & INFLATE_FINAL) {
        check(l, 'nghttp2_hd_inflate_end_headers', l.inflateEndHeaders(handle));
        return reader.take();
      }
      if (rv === 0 && !(flags & INFLATE_EMIT)) {
        throw new Nghttp2Error(-523, 'NGHTTP2_ERR_HEADER_COMP', 'nghttp2_hd_inflate_hd2', 'made no progress on a final block');
      }
    }
  }

  /** nghttp2_hd_inflate_change_table_size (SETTINGS_HEADER_TABLE_SIZE this side sent). */
  changeTableSize(size: number): void {
    check(this.l, 'nghttp2_hd_inflate_change_table_size', this.l.inflateChangeTableSize(this.handle, size));
  }

  getHdTable(): HDTableEntry[] {
    return readTable(this.reader, this.handle, this.l.inflateNumEntries, this.l.inflateGetEntry);
  }

  dynamicTableSize(): number {
    return Number(this.l.inflateTableSize(this.handle));
  }
}

/**
 * nghttp2_hd_deflate_bound's formula (lib/nghttp2_hd.c), computed here
 * rather than by a second FFI call per block: 12 bytes for two size updates,
 * 6 + 6 for each field's two length prefixes, and the names' and values'
 * bytes. Were it ever short, nghttp2_hd_deflate_hd would fail with
 * NGHTTP2_ERR_INSUFFICIENT_BUFSIZE, which check() throws: never a cut block.
 */
function deflateBound(fields: number, nameValueBytes: number): number {
  return 12 + 12 * fields + nameValueBytes;
}

/** A size_t (little-endian) below 2^32, without a BigInt: see NativeBuffer.writeAddress. */
function setSize(view: DataView, at: number, n: number): void {
  view.setUint32(at, n, true);
  view.setUint32(at + 4, 0, true);
}

function partCapacity(part: string | Uint8Array): number {
  return typeof part === 'string' ? part.length * 3 : part.length;
}

function writePart(bytes: Uint8Array, pos: number, part: string | Uint8Array): number {
  if (typeof part !== 'string') {
    // Most names and values are a few bytes, which a loop copies faster than set() can start.
    const len = part.length;
    if (len > 64) bytes.set(part, pos);
    else for (let k = 0; k < len; k++) bytes[pos + k] = part[k]!;
    return pos + len;
  }
  return pos + utf8.encodeInto(part, bytes.subarray(pos)).written;
}

/** libnghttp2 behind the harness's common HPACK interface (name `nghttp2`). */
export const nghttp2Implementation: HpackImplementation = {
  name: 'nghttp2',
  createDeflater: (maxTableSize = 4096) => new Nghttp2Deflater(maxTableSize),
  createInflater: () => new Nghttp2Inflater(),
  release: (codec) => {
    if (codec instanceof Wrapper) codec.destroy();
  },
};
