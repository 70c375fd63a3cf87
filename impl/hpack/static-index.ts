// Lookups into the static table (RFC 7541 Appendix A) for the encoder and
// the decoder. All static names and values are ASCII, so the table's strings
// are already byte strings (see byte-string.ts).
import { STATIC_TABLE } from './static-table.js';
import { byteStringToBytes } from './byte-string.js';

export const STATIC_TABLE_LENGTH = STATIC_TABLE.length; // 61

/** Static name -> smallest index carrying it. */
export const STATIC_NAME_INDEX: ReadonlyMap<string, number> = new Map(
  [...STATIC_TABLE.entries()].reverse().map(([i, [name]]) => [name, i + 1]),
);

/** Static name -> value -> index (every static name+value pair is unique). */
const STATIC_FIELD_INDEX = new Map<string, Map<string, number>>();
STATIC_TABLE.forEach(([name, value], i) => {
  let values = STATIC_FIELD_INDEX.get(name);
  if (values === undefined) STATIC_FIELD_INDEX.set(name, (values = new Map()));
  values.set(value, i + 1);
});

/** The static index of name+value, or 0. */
export function staticFieldIndex(name: string, value: string): number {
  return STATIC_FIELD_INDEX.get(name)?.get(value) ?? 0;
}

/** Names and values as bytes, for the decoder: [index] (1-based; 0 unused). */
export const STATIC_NAMES: readonly Uint8Array[] = [new Uint8Array(0), ...STATIC_TABLE.map(([n]) => byteStringToBytes(n))];
export const STATIC_VALUES: readonly Uint8Array[] = [new Uint8Array(0), ...STATIC_TABLE.map(([, v]) => byteStringToBytes(v))];
