// The entry objects getHdTable() returns (the seed's HDTableEntry).
import type { HDTableEntry } from './types.js';
import { ENTRY_OVERHEAD } from './dynamic-table.js';

export class TableEntry implements HDTableEntry {
  constructor(
    readonly name: Uint8Array,
    readonly value: Uint8Array,
  ) {}

  /** name + value + 32 (RFC 7541 §4.1). */
  space(): number {
    return this.name.length + this.value.length + ENTRY_OVERHEAD;
  }
}
