// HDInflater: header block -> header list, RFC 7541 §3 and §6, with limits
// that bound what a block can make it allocate, and typed errors only.
import type { DecodedField, HDInflaterOptions, HDTableEntry } from './types.js';
import { HPACKError } from './errors.js';
import { decodeInteger, type Cursor } from './integer.js';
import { decodeStringLiteral, DecodeScratch } from './string-literal.js';
import { DynamicTable, ENTRY_OVERHEAD } from './dynamic-table.js';
import { STATIC_NAMES, STATIC_VALUES, STATIC_TABLE_LENGTH } from './static-index.js';
import { TableEntry } from './table-entry.js';
import { DEFAULT_HEADER_TABLE_SIZE } from './deflater.js';
import { checkLimit, checkTableSize, describe } from './arguments.js';

export const DEFAULT_MAX_HEADER_LIST_SIZE = 65536;
export const DEFAULT_MAX_FIELD_LENGTH = 65536;

export class HDInflater {
  /** Sum of name + value + 32 over one block's fields that is accepted. */
  readonly maxHeaderListSize: number;
  /** Longest name or value accepted. */
  readonly maxFieldLength: number;
  /** The limit size updates must respect (SETTINGS_HEADER_TABLE_SIZE, RFC 7541 §4.2). */
  private settingsMaxSize: number;
  /** Set when the limit dropped below the table size: the next block must start with an update at or below it. */
  private requiredUpdate = -1;
  private readonly table: DynamicTable<Uint8Array>;
  private readonly scratch = new DecodeScratch();
  private readonly cur: Cursor = { pos: 0 };
  private failure: HPACKError | undefined;

  constructor(options: HDInflaterOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError(`new HDInflater(options): options must be an object, got ${describe(options)}`);
    this.settingsMaxSize = checkTableSize('new HDInflater({ maxTableSize })', options.maxTableSize ?? DEFAULT_HEADER_TABLE_SIZE);
    this.maxHeaderListSize = checkLimit('new HDInflater({ maxHeaderListSize })', options.maxHeaderListSize ?? DEFAULT_MAX_HEADER_LIST_SIZE);
    this.maxFieldLength = checkLimit('new HDInflater({ maxFieldLength })', options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH);
    this.table = new DynamicTable<Uint8Array>(this.settingsMaxSize);
  }

  /**
   * Decodes one complete header block. Throws HPACKError for any malformed
   * block; the inflater is then unusable (HPACK_INFLATER_UNUSABLE), because
   * its table may differ from the encoder's from that point (RFC 7541 §2.2).
   * Returned arrays are fresh copies the caller may keep or modify.
   */
  inflate(data: Uint8Array): DecodedField[] {
    if (!(data instanceof Uint8Array)) throw new TypeError(`HDInflater.inflate(data): data must be a Uint8Array, got ${describe(data)}`);
    if (this.failure !== undefined) {
      throw new HPACKError('HPACK_INFLATER_UNUSABLE', 0, `inflater unusable: an earlier block failed (${this.failure.code}) and its dynamic table can no longer be trusted`, { cause: this.failure });
    }
    try {
      return this.decodeBlock(data);
    } catch (err) {
      const e = err instanceof HPACKError ? err : new HPACKError('HPACK_INTERNAL', this.cur.pos, `internal error: ${String(err)}`, { cause: err });
      this.failure = e;
      throw e;
    }
  }

  private decodeBlock(src: Uint8Array): DecodedField[] {
    const end = src.length;
    const cur = this.cur;
    cur.pos = 0;
    const fields: DecodedField[] = [];
    let listSize = 0;
    let atStart = true;
    while (cur.pos < end) {
      const start = cur.pos;
      const b = src[start]!;
      if ((b & 0xe0) === 0x20) {
        this.sizeUpdate(src, end, atStart);
        continue;
      }
      if (atStart) {
        atStart = false;
        if (this.requiredUpdate >= 0) {
          throw new HPACKError('HPACK_SIZE_UPDATE_MISSING', start, `the table size limit was lowered to ${this.requiredUpdate}: the block must start with a dynamic table size update (RFC 7541 §4.2)`);
        }
      }
      let name: Uint8Array;
      let value: Uint8Array;
      if (b & 0x80) {
        // §6.1 Indexed Header Field.
        const index = decodeInteger(src, end, 7, cur);
        if (index === 0) throw new HPACKError('HPACK_INDEX_ZERO', start, 'indexed header field with index 0');
        name = this.nameAt(index, start).slice();
        value = this.valueAt(index).slice();
      } else {
        // §6.2.1 (01), §6.2.2 (0000), §6.2.3 (0001).
        const incremental = (b & 0x40) !== 0;
        const index = decodeInteger(src, end, incremental ? 6 : 4, cur);
        const nameStart = cur.pos;
        name = index === 0 ? decodeStringLiteral(src, end, cur, this.maxFieldLength, this.scratch) : this.nameAt(index, start).slice();
        // Check the list limit before the value is decoded, with the length it announces when raw.
        const partial = listSize + name.length + ENTRY_OVERHEAD;
        if (partial > this.maxHeaderListSize) throw this.listTooLarge(nameStart, partial);
        value = decodeStringLiteral(src, end, cur, this.maxFieldLength, this.scratch);
        // The table keeps its own copies: the caller may modify what inflate returns.
        if (incremental) this.table.add(name.slice(), value.slice());
      }
      listSize += name.length + value.length + ENTRY_OVERHEAD;
      if (listSize > this.maxHeaderListSize) throw this.listTooLarge(start, listSize);
      fields.push([name, value]);
    }
    if (atStart && this.requiredUpdate >= 0) {
      throw new HPACKError('HPACK_SIZE_UPDATE_MISSING', end, `the table size limit was lowered to ${this.requiredUpdate}: the block must start with a dynamic table size update (RFC 7541 §4.2)`);
    }
    return fields;
  }

  /** §6.3 Dynamic Table Size Update, allowed only before the first field (§4.2). */
  private sizeUpdate(src: Uint8Array, end: number, atStart: boolean): void {
    const start = this.cur.pos;
    if (!atStart) throw new HPACKError('HPACK_SIZE_UPDATE_NOT_AT_START', start, 'dynamic table size update after a header field (RFC 7541 §4.2)');
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

  private nameAt(index: number, offset: number): Uint8Array {
    if (index <= STATIC_TABLE_LENGTH) return STATIC_NAMES[index]!;
    const i = index - STATIC_TABLE_LENGTH;
    if (i > this.table.length) {
      throw new HPACKError('HPACK_INDEX_OUT_OF_RANGE', offset, `index ${index} is beyond the ${STATIC_TABLE_LENGTH} static and ${this.table.length} dynamic entries (RFC 7541 §2.3.3)`);
    }
    return this.table.name(i);
  }

  private valueAt(index: number): Uint8Array {
    return index <= STATIC_TABLE_LENGTH ? STATIC_VALUES[index]! : this.table.value(index - STATIC_TABLE_LENGTH);
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

  /** A copy of the dynamic table, index 1 (newest) first. */
  getHdTable(): HDTableEntry[] {
    const out: HDTableEntry[] = [];
    for (let i = 1; i <= this.table.length; i++) out.push(new TableEntry(this.table.name(i).slice(), this.table.value(i).slice()));
    return out;
  }
}
