// HDDeflater: header list -> header block, RFC 7541 §6, choosing
// representations exactly as libnghttp2's nghttp2_hd_deflate_hd does (see
// deflate-strategy.ts), so the bytes are identical to libnghttp2's.
import type { FieldOptions, FieldPart, HeaderDeflater, HeaderList, HDTableEntry } from './types.js';
import { ByteWriter } from './byte-writer.js';
import { DynamicTable } from './dynamic-table.js';
import { STATIC_NAMES_BY_STRING, STATIC_TABLE_LENGTH } from './static-index.js';
import { toByteString, byteStringToBytes } from './byte-string.js';
import { Indexing, encodeIndexedField, encodeLiteralField, encodeSizeUpdate } from './representations.js';
import { chooseIndexing } from './deflate-strategy.js';
import { TableEntry } from './table-entry.js';
import { checkTableSize, headerListProblem } from './arguments.js';
import { NameSlot } from './name-slot.js';

/** The table size HTTP/2 starts with (RFC 9113 §6.5.2, SETTINGS_HEADER_TABLE_SIZE). */
export const DEFAULT_HEADER_TABLE_SIZE = 4096;
/** The deflater's default cap on its table size (the seed's constant). */
export const DEFLATE_MAX_HEADER_TABLE_SIZE = 4096;

export class HDDeflater implements HeaderDeflater {
  /** The cap given to the constructor: the table never grows beyond it. */
  readonly hdTableBufsizeMax: number;
  private noRefset = false;
  private readonly table: DynamicTable<string>;
  private readonly names = new Map<string, NameSlot>();
  private readonly out = new ByteWriter();
  /** A size update is owed at the start of the next block (RFC 7541 §4.2). */
  private sizeUpdatePending: boolean;
  /** Smallest size set since the last block (RFC 7541 §4.2), Infinity if none. */
  private minSizeSinceBlock = Infinity;
  private readonly onEvict = (name: string, value: string, seq: number): void => {
    if (this.names.get(name)!.evicted(value, seq)) this.names.delete(name);
  };

  /**
   * `hdTableBufsizeMax` caps the table whatever size the peer allows. As in
   * libnghttp2, the table starts at min(cap, 4096) (the HTTP/2 initial size);
   * a cap below 4096 is announced by a size update in the first block.
   */
  constructor(hdTableBufsizeMax: number = DEFLATE_MAX_HEADER_TABLE_SIZE) {
    this.hdTableBufsizeMax = checkTableSize('new HDDeflater(hdTableBufsizeMax)', hdTableBufsizeMax);
    this.table = new DynamicTable<string>(Math.min(hdTableBufsizeMax, DEFAULT_HEADER_TABLE_SIZE));
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
    const w = this.out;
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
      const options = field[2];
      this.deflateField(field[0], toByteString(field[1]), options !== undefined && options.sensitive === true);
    }
    return w.take();
  }

  private deflateField(namePart: FieldPart, value: string, sensitive: boolean): void {
    const w = this.out;
    const table = this.table;
    // Static names are ASCII, so a string equal to one is already its byte
    // string (byte-string.ts) and skips the conversion's ASCII test
    // (encoding the raw-data stories +2 to +11 %, CPU time, same run). A
    // string that is not one cannot be one once converted either (it stays
    // as it is, or gains a byte above 0x7f); bytes are looked up converted.
    let staticEntry = typeof namePart === 'string' ? STATIC_NAMES_BY_STRING.get(namePart) : undefined;
    const name = staticEntry !== undefined ? (namePart as string) : toByteString(namePart);
    if (typeof namePart !== 'string') staticEntry = STATIC_NAMES_BY_STRING.get(name);
    const indexing = chooseIndexing(name, value, sensitive, table.maxSize, staticEntry !== undefined);
    const staticName = staticEntry !== undefined ? staticEntry.index : 0;
    const slot = this.names.get(name);
    if (indexing !== Indexing.Never) {
      // RFC 7541 §6.1: a full match is sent as an index, the dynamic table first.
      const seq = slot?.find(value);
      if (seq !== undefined) {
        encodeIndexedField(w, STATIC_TABLE_LENGTH + table.indexOfSeq(seq));
        return;
      }
      if (staticEntry !== undefined) {
        const index = staticEntry.values.get(value);
        if (index !== undefined) {
          encodeIndexedField(w, index);
          return;
        }
      }
    }
    // Name reference: a static name wins over a dynamic one; else the newest
    // dynamic entry with the name. Resolved before this field is added
    // (RFC 7541 §4.4: the decoder resolves it before inserting too).
    const nameIndex = staticName !== 0 ? staticName : slot !== undefined ? STATIC_TABLE_LENGTH + table.indexOfSeq(slot.newest) : 0;
    if (indexing === Indexing.With) this.addToTable(name, value, slot);
    encodeLiteralField(w, indexing, nameIndex, name, value);
  }

  /** `slot`: the name's slot as looked up before adding, not looked up again (encoding the raw-data stories: 0 to +14 %, CPU time, noisy). */
  private addToTable(name: string, value: string, slot: NameSlot | undefined): void {
    const seq = this.table.added;
    this.table.add(name, value, this.onEvict);
    if (this.table.added - this.table.length > seq) return; // too large: not added (RFC 7541 §4.4)
    // Adding may have evicted the name's last entry, which drops its slot (count 0): start a new one.
    if (slot === undefined || slot.count === 0) {
      slot = new NameSlot(value, seq);
      this.names.set(name, slot);
    }
    slot.add(value, seq);
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
