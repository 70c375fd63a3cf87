// printHdTable: the seed's print_hd_table, one line per entry:
// `[1] (s=49) name: value`, index 1 being the newest entry.
import type { HDTableEntry } from './types.js';

const utf8 = new TextDecoder();

export function printHdTable(table: readonly HDTableEntry[], write: (line: string) => void = console.log): void {
  for (let i = 0; i < table.length; i++) {
    const e = table[i]!;
    write(`[${i + 1}] (s=${e.space()}) ${utf8.decode(e.name)}: ${utf8.decode(e.value)}`);
  }
}
