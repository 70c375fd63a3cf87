// HDInflater: header block -> header list, RFC 7541 §3 and §6, with limits
// that bound what a block can make it allocate, and typed errors only.
import type { DecodedField, FieldSpans, HDInflaterOptions, HDTableEntry, HeaderInflater } from './types.js';
import { HPACKError } from './errors.js';
import { decodeInteger, type Cursor } from './integer.js';
import { decodeStringLiteral } from './string-literal.js';
import { blockBytes } from './block-bytes.js';
import { ENTRY_OVERHEAD } from './dynamic-table.js';
import { ByteRingTable } from './byte-ring-table.js';
import { STATIC_NAMES, STATIC_VALUES, STATIC_TABLE_LENGTH } from './static-index.js';
import { TableEntry } from './table-entry.js';
import { copyBytes, viewOf } from './byte-copy.js';
import { DEFAULT_HEADER_TABLE_SIZE } from './deflater.js';
import { checkLimit, checkTableSize, describe } from './arguments.js';

export const DEFAULT_MAX_HEADER_LIST_SIZE = 65536;
export const DEFAULT_MAX_FIELD_LENGTH = 65536;

export class HDInflater implements HeaderInflater {
  /** Sum of name + value + 32 over one block's fields that is accepted. */
  readonly maxHeaderListSize: number;
  /** Longest name or value accepted. */
  readonly maxFieldLength: number;
  /** The limit size updates must respect (SETTINGS_HEADER_TABLE_SIZE, RFC 7541 §4.2). */
  private settingsMaxSize: number;
  /** Set when the limit dropped below the table size: the next block must start with an update at or below it. */
  private requiredUpdate = -1;
  private readonly table: ByteRingTable;
  private readonly cur: Cursor = { pos: 0 };
  private failure: HPACKError | undefined;

  constructor(options: HDInflaterOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError(`new HDInflater(options): options must be an object, got ${describe(options)}`);
    this.settingsMaxSize = checkTableSize('new HDInflater({ maxTableSize })', options.maxTableSize ?? DEFAULT_HEADER_TABLE_SIZE);
    this.maxHeaderListSize = checkLimit('new HDInflater({ maxHeaderListSize })', options.maxHeaderListSize ?? DEFAULT_MAX_HEADER_LIST_SIZE);
    this.maxFieldLength = checkLimit('new HDInflater({ maxFieldLength })', options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH);
    this.table = new ByteRingTable(this.settingsMaxSize);
  }

  /**
   * Decodes one complete header block. Throws HPACKError for any malformed
   * block; the inflater is then unusable (HPACK_INFLATER_UNUSABLE), because
   * its table may differ from the encoder's from that point (RFC 7541 §2.2).
   * Returned arrays are fresh copies the caller may keep or modify.
   */
  inflate(data: Uint8Array): DecodedField[] {
    if (!(data instanceof Uint8Array)) throw new TypeError(`HDInflater.inflate(data): data must be a Uint8Array, got ${describe(data)}`);
    this.decode(data, false);
    return blockBytes.finish();
  }

  /**
   * Decodes one complete header block as inflate() does, with the same
   * errors and table changes, but hands back the fields in place instead of
   * copied: borrowed bytes, valid until the next block is decoded by any
   * inflater. For a caller that converts every field at once.
   */
  inflateSpans(data: Uint8Array): FieldSpans {
    if (!(data instanceof Uint8Array)) throw new TypeError(`HDInflater.inflateSpans(data): data must be a Uint8Array, got ${describe(data)}`);
    this.decode(data, true);
    return blockBytes.lent();
  }

  /** The block's fields into blockBytes, or a typed error that leaves the inflater unusable. */
  private decode(data: Uint8Array, lend: boolean): void {
    if (this.failure !== undefined) {
      throw new HPACKError('HPACK_INFLATER_UNUSABLE', 0, `inflater unusable: an earlier block failed (${this.failure.code}) and its dynamic table can no longer be trusted`, { cause: this.failure });
    }
    try {
      this.decodeBlock(data, lend);
    } catch (err) {
      blockBytes.clear();
      const e = err instanceof HPACKError ? err : new HPACKError('HPACK_INTERNAL', this.cur.pos, `internal error: ${String(err)}`, { cause: err });
      this.failure = e;
      throw e;
    }
  }

  private decodeBlock(src: Uint8Array, lend: boolean): void {
    const end = src.length;
    const cur = this.cur;
    const table = this.table;
    const maxList = this.maxHeaderListSize;
    const maxField = this.maxFieldLength;
    const out = blockBytes;
    out.startBlock(lend);
    // §4.2: size updates may only open the block.
    cur.pos = 0;
    while (cur.pos < end && (src[cur.pos]! & 0xe0) === 0x20) this.sizeUpdate(src, end);
    if (this.requiredUpdate >= 0) {
      throw new HPACKError('HPACK_SIZE_UPDATE_MISSING', cur.pos, `the table size limit was lowered to ${this.requiredUpdate}: the block must start with a dynamic table size update (RFC 7541 §4.2)`);
    }
    let listSize = 0;
    while (cur.pos < end) {
      const start = cur.pos;
      const b = src[start]!;
      out.startField();
      let nameLength: number;
      let valueLength: number;
      if (b & 0x80) {
        // §6.1 Indexed Header Field; a one-byte index is read inline.
        let index = b & 0x7f;
        if (index === 0x7f) index = decodeInteger(src, end, 7, cur);
        else cur.pos = start + 1;
        if (index === 0) throw new HPACKError('HPACK_INDEX_ZERO', start, 'indexed header field with index 0');
        const i = index <= STATIC_TABLE_LENGTH ? 0 : this.dynamicIndex(index, start);
        nameLength = i === 0 ? STATIC_NAMES[index]!.length : table.nameLength(i);
        valueLength = i === 0 ? STATIC_VALUES[index]!.length : table.valueLength(i);
        // The list limit is checked before the bytes are copied.
        listSize += nameLength + valueLength + ENTRY_OVERHEAD;
        if (listSize > maxList) throw this.listTooLarge(start, listSize);
        out.reserve(nameLength + valueLength);
        const at = out.len;
        if (i === 0) {
          copyBytes(STATIC_NAME_VIEWS[index]!, 0, out.view, at, nameLength);
          copyBytes(STATIC_VALUE_VIEWS[index]!, 0, out.view, at + nameLength, valueLength);
        } else {
          table.copyEntry(i, out.view, at);
        }
        out.len = at + nameLength + valueLength;
      } else if ((b & 0xe0) === 0x20) {
        throw new HPACKError('HPACK_SIZE_UPDATE_NOT_AT_START', start, 'dynamic table size update after a header field (RFC 7541 §4.2)');
      } else {
        // §6.2.1 (01, 6-bit index), §6.2.2 (0000) and §6.2.3 (0001, 4-bit index).
        const incremental = (b & 0x40) !== 0;
        const mask = incremental ? 0x3f : 0x0f;
        let index = b & mask;
        if (index === mask) index = decodeInteger(src, end, incremental ? 6 : 4, cur);
        else cur.pos = start + 1;
        const nameStart = cur.pos;
        if (index === 0) {
          nameLength = decodeStringLiteral(src, end, cur, maxField, out);
        } else if (index <= STATIC_TABLE_LENGTH) {
          nameLength = STATIC_NAMES[index]!.length;
          out.reserve(nameLength);
          copyBytes(STATIC_NAME_VIEWS[index]!, 0, out.view, out.len, nameLength);
          out.len += nameLength;
        } else {
          const i = this.dynamicIndex(index, start);
          nameLength = table.nameLength(i);
          out.reserve(nameLength);
          table.copyName(i, out.view, out.len);
          out.len += nameLength;
        }
        // Check the list limit before the value is decoded, with the length it announces when raw.
        const partial = listSize + nameLength + ENTRY_OVERHEAD;
        if (partial > maxList) throw this.listTooLarge(nameStart, partial);
        valueLength = decodeStringLiteral(src, end, cur, maxField, out);
        // The table copies the bytes: the arrays inflate returns are the caller's.
        // (Decoding the value may have moved the field to a new slab: fieldStart says where it is.)
        if (incremental) table.add(out.view, out.fieldStart, nameLength, valueLength);
        listSize += nameLength + valueLength + ENTRY_OVERHEAD;
        if (listSize > maxList) throw this.listTooLarge(start, listSize);
      }
      out.endField(nameLength, valueLength);
    }
  }

  /** §6.3 Dynamic Table Size Update at `cur.pos`; the caller has checked it opens the block (§4.2). */
  private sizeUpdate(src: Uint8Array, end: number): void {
    const start = this.cur.pos;
    const size = decodeInteger(src, end, 5, this.cur);
    if (size > this.settingsMaxSize) {
      throw new HPACKError('HPACK_SIZE_UPDATE_TOO_LARGE', start, `dynamic table size update to ${size} exceeds the limit ${this.settingsMaxSize} (RFC 7541 §6.3)`);
    }
    if (this.requiredUpdate >= 0) {
      // §4.2: after the limit dropped, the first update must carry the smallest size.
      if (size > this.requiredUpdate) {
        throw new HPACKError('HPACK_SIZE_UPDATE_MISSING', start, `first dynamic table size update is ${size}, above the lowered limit ${this.requiredUpdate} (RFC 7541 §4.2)`);
      }
      this.requiredUpdate = -1;
    }
    this.table.setMaxSize(size);
  }

  /** The dynamic index (1 = newest) that `index`, above the static table, refers to (RFC 7541 §2.3.3). */
  private dynamicIndex(index: number, offset: number): number {
    const i = index - STATIC_TABLE_LENGTH;
    if (i > this.table.length) {
      throw new HPACKError('HPACK_INDEX_OUT_OF_RANGE', offset, `index ${index} is beyond the ${STATIC_TABLE_LENGTH} static and ${this.table.length} dynamic entries (RFC 7541 §2.3.3)`);
    }
    return i;
  }

  private listTooLarge(offset: number, size: number): HPACKError {
    return new HPACKError('HPACK_HEADER_LIST_TOO_LARGE', offset, `header list size reaches ${size}, above maxHeaderListSize ${this.maxHeaderListSize}`);
  }

  /**
   * Sets the limit for size updates (the SETTINGS_HEADER_TABLE_SIZE this
   * endpoint sent and the peer acknowledged). Lowering it below the current
   * table size shrinks the table at once and, as in libnghttp2, requires the
   * next block to start with a size update at or below the new limit
   * (RFC 7541 §4.2).
   */
  changeTableSize(size: number): void {
    checkTableSize('HDInflater.changeTableSize(size)', size);
    this.settingsMaxSize = size;
    if (size < this.table.maxSize) {
      this.requiredUpdate = size;
      this.table.setMaxSize(size);
    }
  }

  /**
   * The dynamic table's size (RFC 7541 §4.1: name + value + 32 per entry), as
   * libnghttp2's nghttp2_hd_inflate_get_dynamic_table_size gives it: without
   * copying the table out as getHdTable does.
   */
  dynamicTableSize(): number {
    return this.table.size;
  }

  /** A copy of the dynamic table, index 1 (newest) first. */
  getHdTable(): HDTableEntry[] {
    const out: HDTableEntry[] = [];
    for (let i = 1; i <= this.table.length; i++) out.push(new TableEntry(this.table.name(i), this.table.value(i)));
    return out;
  }
}

/** The static names and values as DataViews, for copyBytes: [index] (1-based; 0 unused). */
const STATIC_NAME_VIEWS = STATIC_NAMES.map(viewOf);
const STATIC_VALUE_VIEWS = STATIC_VALUES.map(viewOf);
