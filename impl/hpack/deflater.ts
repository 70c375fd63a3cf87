// HDDeflater: header list -> header block, RFC 7541 §6, choosing
// representations exactly as libnghttp2's nghttp2_hd_deflate_hd does (see
// deflate-strategy.ts), so the bytes are identical to libnghttp2's.
import type { FieldOptions, FieldPart, HeaderDeflater, HeaderList, HDTableEntry } from './types.js';
import { ByteWriter } from './byte-writer.js';
import { DynamicTable } from './dynamic-table.js';
import { STATIC_NAMES_BY_STRING, STATIC_TABLE_LENGTH } from './static-index.js';
import { isAscii, toByteString, byteStringToBytes } from './byte-string.js';
import { Indexing, encodeIndexedField, encodeLiteralField, encodeSizeUpdate } from './representations.js';
import { SHORT_STRING } from './string-literal.js';
import { NamePolicy, chooseIndexing, neverIndexed, staticNamePolicy } from './deflate-strategy.js';
import { TableEntry } from './table-entry.js';
import { checkTableSize, headerListProblem } from './arguments.js';
import { NameSlot } from './name-slot.js';

/** The table size HTTP/2 starts with (RFC 9113 §6.5.2, SETTINGS_HEADER_TABLE_SIZE). */
export const DEFAULT_HEADER_TABLE_SIZE = 4096;
/** The deflater's default cap on its table size (the seed's constant). */
export const DEFLATE_MAX_HEADER_TABLE_SIZE = 4096;

/**
 * The writer every deflater writes its blocks into (see byte-writer.ts). A
 * block is written from start to end within one deflate() call, so blocks
 * never interleave, except when a call is made during another: reading the
 * header list can run the caller's code (getters, proxies), which may
 * deflate. Such a call gets a writer of its own.
 */
const SHARED_SLAB_SIZE = 8192;
const sharedOut = new ByteWriter(SHARED_SLAB_SIZE);
let sharedOutInUse = false;

export class HDDeflater implements HeaderDeflater {
  /** The cap given to the constructor: the table never grows beyond it. */
  readonly hdTableBufsizeMax: number;
  private noRefset = false;
  private readonly table: DynamicTable;
  /**
   * Name (byte string) -> its slot. A static name's slot is kept once made
   * (at most one per static name: its policy and static indexes are then
   * one lookup away); another name's leaves with its last table entry.
   */
  private readonly names = new Map<string, NameSlot>();
  /** Table entries with a byte above 0x7f in the name or value; see deflateField. */
  private nonAsciiEntries = 0;
  /** The writer of the deflate() call under way. */
  private out = sharedOut;
  /** A size update is owed at the start of the next block (RFC 7541 §4.2). */
  private sizeUpdatePending: boolean;
  /** Smallest size set since the last block (RFC 7541 §4.2), Infinity if none. */
  private minSizeSinceBlock = Infinity;
  private readonly onEvict = (slot: NameSlot, value: string, seq: number): void => {
    if (slot.evicted(value, seq) && slot.staticIndex === 0) this.names.delete(slot.name);
    if (this.nonAsciiEntries !== 0 && !(isAscii(slot.name) && isAscii(value))) this.nonAsciiEntries--;
  };

  /**
   * `hdTableBufsizeMax` caps the table whatever size the peer allows. As in
   * libnghttp2, the table starts at min(cap, 4096) (the HTTP/2 initial size);
   * a cap below 4096 is announced by a size update in the first block.
   */
  constructor(hdTableBufsizeMax: number = DEFLATE_MAX_HEADER_TABLE_SIZE) {
    this.hdTableBufsizeMax = checkTableSize('new HDDeflater(hdTableBufsizeMax)', hdTableBufsizeMax);
    this.table = new DynamicTable(Math.min(hdTableBufsizeMax, DEFAULT_HEADER_TABLE_SIZE));
    this.sizeUpdatePending = hdTableBufsizeMax < DEFAULT_HEADER_TABLE_SIZE;
  }

  /**
   * Encodes one header block. Each field is `[name, value]` or
   * `[name, value, { sensitive: true }]`; names and values are strings
   * (UTF-8) or bytes. A sensitive field is sent "never indexed"
   * (RFC 7541 §6.2.3) and never enters the table.
   */
  deflate(headers: HeaderList): Uint8Array {
    // All or nothing: the whole list is checked before the table changes.
    const problem = headerListProblem(headers);
    if (problem !== null) throw new TypeError(`HDDeflater.deflate(headers): ${problem}`);
    const w = sharedOutInUse ? new ByteWriter() : sharedOut;
    const outer = this.out; // this deflater's own call under way, if this is one made during it
    sharedOutInUse = true;
    this.out = w;
    try {
      return this.deflateList(headers, w);
    } finally {
      this.out = outer;
      if (w === sharedOut) sharedOutInUse = false;
    }
  }

  private deflateList(headers: HeaderList, w: ByteWriter): Uint8Array {
    w.discard();
    if (this.sizeUpdatePending) {
      // RFC 7541 §4.2: signal the smallest size since the last block, then the final one.
      const size = this.table.maxSize;
      if (this.minSizeSinceBlock < size) encodeSizeUpdate(w, this.minSizeSinceBlock);
      encodeSizeUpdate(w, size);
      this.sizeUpdatePending = false;
      this.minSizeSinceBlock = Infinity;
    }
    for (let i = 0; i < headers.length; i++) {
      const field = headers[i] as readonly [FieldPart, FieldPart, FieldOptions | undefined];
      // Options are read only where a field has them: reading past a
      // two-element array's end is a slow load in V8.
      const options = field.length > 2 ? field[2] : undefined;
      this.deflateField(field[0], field[1], options !== undefined && options.sensitive === true);
    }
    return w.take();
  }

  private deflateField(namePart: FieldPart, valuePart: FieldPart, sensitive: boolean): void {
    if (typeof namePart === 'string' && typeof valuePart === 'string' && this.nonAsciiEntries === 0) {
      // Strings are looked up as given, before any conversion to bytes
      // (byte-string.ts). While every entry of both tables is ASCII, that
      // gives what looking up their bytes gives: a string with a char above
      // 0x7f matches no entry either way (its UTF-8 has a byte above 0x7f
      // too), and a match proves the string ASCII, i.e. its own bytes. So
      // the 61 % of the raw-data stories' fields that are indexed are never
      // tested for ASCII; with one name lookup per field (name-slot.ts):
      // encoding those stories +14 to +17 % (CPU time, same run).
      const slot = this.slotOf(namePart);
      if (slot !== undefined && this.encodeIndexed(slot, valuePart, sensitive)) return;
      // A literal is written as if its strings were ASCII, the coding pass
      // testing it (encodeStringLiteral), and undone to be redone from
      // bytes when they are not: no pass of its own, of about 18 ns a
      // string (encoding the raw-data stories +3 to +15 %, CPU time, same run).
      if (valuePart.length < SHORT_STRING && (slot !== undefined || namePart.length < SHORT_STRING)) {
        const mark = this.out.written;
        if (this.encodeLiteral(namePart, valuePart, slot, sensitive, false)) return;
        this.out.truncate(mark);
      }
    }
    const name = toByteString(namePart);
    const value = toByteString(valuePart);
    const slot = this.slotOf(name);
    if (slot !== undefined && this.encodeIndexed(slot, value, sensitive)) return;
    this.encodeLiteral(name, value, slot, sensitive, true);
  }

  /** The slot of `name`, made for a static name on its first use; undefined for another name with no entry in the table. */
  private slotOf(name: string): NameSlot | undefined {
    let slot = this.names.get(name);
    if (slot === undefined) {
      const entry = STATIC_NAMES_BY_STRING.get(name);
      if (entry === undefined) return undefined;
      slot = new NameSlot(name, staticNamePolicy(name), entry.index, entry.values);
      this.names.set(name, slot);
    }
    return slot;
  }

  /**
   * RFC 7541 §6.1: a full match is sent as an index, the dynamic table
   * first. False when there is none, or the rules keep the field literal.
   */
  private encodeIndexed(slot: NameSlot, value: string, sensitive: boolean): boolean {
    if (sensitive || slot.policy === NamePolicy.Never) return false;
    let index: number;
    const seq = slot.find(value);
    if (seq !== undefined) index = STATIC_TABLE_LENGTH + this.table.indexOfSeq(seq);
    else {
      const staticIndex = slot.staticIndex !== 0 ? slot.staticValues.get(value) : undefined;
      if (staticIndex === undefined) return false;
      index = staticIndex;
    }
    // Asked only now that a match says `value` is its bytes (see deflateField): a short cookie stays literal.
    if (neverIndexed(slot.policy, value.length, false)) return false;
    encodeIndexedField(this.out, index);
    return true;
  }

  /**
   * A literal field (RFC 7541 §6.2). `bytes`: `name` and `value` are byte
   * strings. Else they are strings under SHORT_STRING chars that are
   * matched as given, and this returns false, having changed nothing but
   * the bytes written (which the caller discards), when one is not ASCII.
   */
  private encodeLiteral(name: string, value: string, slot: NameSlot | undefined, sensitive: boolean, bytes: boolean): boolean {
    const table = this.table;
    const indexing = chooseIndexing(slot !== undefined ? slot.policy : NamePolicy.Index, name.length, value.length, sensitive, table.maxSize);
    // Name reference: a static name wins over a dynamic one; else the newest
    // dynamic entry with the name. Resolved before this field is added
    // (RFC 7541 §4.4: the decoder resolves it before inserting too).
    const nameIndex = slot === undefined ? 0 : slot.staticIndex !== 0 ? slot.staticIndex : STATIC_TABLE_LENGTH + table.indexOfSeq(slot.newest);
    // A name found in a table is ASCII when strings are matched as given (see deflateField).
    const ascii = encodeLiteralField(this.out, indexing, nameIndex, name, value) && (nameIndex === 0 || !bytes || isAscii(name));
    if (!ascii && !bytes) return false;
    if (indexing === Indexing.With) this.addToTable(name, value, slot, ascii);
    return true;
  }

  /** `slot`: the name's slot as looked up before adding, not looked up again (encoding the raw-data stories: 0 to +14 %, CPU time, noisy). */
  private addToTable(name: string, value: string, slot: NameSlot | undefined, ascii: boolean): void {
    const table = this.table;
    const seq = table.added;
    if (slot === undefined) slot = new NameSlot(name, NamePolicy.Index);
    table.add(slot, value, this.onEvict);
    if (table.added - table.length > seq) return; // too large: not added (RFC 7541 §4.4)
    // A name outside the static table has its slot in `names` while it has
    // entries: a new one, or one whose last entry this addition evicted.
    if (slot.count === 0 && slot.staticIndex === 0) this.names.set(name, slot);
    slot.add(value, seq);
    if (!ascii) this.nonAsciiEntries++;
  }

  /**
   * Sets the table size to min(size, hdTableBufsizeMax), evicting at once,
   * and announces it in the next block (RFC 7541 §4.2). Call it when the
   * peer's SETTINGS_HEADER_TABLE_SIZE is acknowledged.
   */
  changeTableSize(size: number): void {
    checkTableSize('HDDeflater.changeTableSize(size)', size);
    const next = Math.min(size, this.hdTableBufsizeMax);
    this.table.setMaxSize(next, this.onEvict);
    this.minSizeSinceBlock = Math.min(this.minSizeSinceBlock, next);
    this.sizeUpdatePending = true;
  }

  /**
   * The dynamic table's size (RFC 7541 §4.1: name + value + 32 per entry), as
   * libnghttp2's nghttp2_hd_deflate_get_dynamic_table_size gives it: without
   * copying the table out as getHdTable does.
   */
  dynamicTableSize(): number {
    return this.table.size;
  }

  /** A copy of the dynamic table, index 1 (newest) first. */
  getHdTable(): HDTableEntry[] {
    const out: HDTableEntry[] = [];
    for (let i = 1; i <= this.table.length; i++) out.push(new TableEntry(byteStringToBytes(this.table.name(i)), byteStringToBytes(this.table.value(i))));
    return out;
  }

  /**
   * Accepted for the seed's API and recorded (see `noRefsetRequested`), but
   * it changes nothing: the reference set of the HPACK drafts was removed
   * before RFC 7541, which has none.
   */
  setNoRefset(noRefset: boolean): void {
    this.noRefset = Boolean(noRefset);
  }

  /** The last value given to setNoRefset (false by default). */
  get noRefsetRequested(): boolean {
    return this.noRefset;
  }
}
