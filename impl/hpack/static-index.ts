// Lookups into the static table (RFC 7541 Appendix A) for the encoder and
// the decoder. All static names and values are ASCII, so the table's strings
// are already byte strings (see byte-string.ts).
import { STATIC_TABLE } from './static-table.js';
import { byteStringToBytes } from './byte-string.js';

export const STATIC_TABLE_LENGTH = STATIC_TABLE.length; // 61

/** What the encoder needs to know of a static name, found with one lookup. */
export interface StaticName {
  /** Smallest index carrying the name. */
  readonly index: number;
  /** Value -> index, for every static row with this name (every name+value pair is unique). */
  readonly values: ReadonlyMap<string, number>;
}

/**
 * Static name -> StaticName. One Map lookup per field answers both "is the
 * name static" and, with a second small one, "is the pair static": the
 * name's lookups in two separate maps were 5 % of a profile of encoding the
 * raw-data stories.
 */
export const STATIC_NAMES_BY_STRING: ReadonlyMap<string, StaticName> = (() => {
  const byName = new Map<string, { index: number; values: Map<string, number> }>();
  STATIC_TABLE.forEach(([name, value], i) => {
    let entry = byName.get(name);
    if (entry === undefined) byName.set(name, (entry = { index: i + 1, values: new Map() }));
    entry.values.set(value, i + 1);
  });
  return byName;
})();

/** Names and values as bytes, for the decoder: [index] (1-based; 0 unused). */
export const STATIC_NAMES: readonly Uint8Array[] = [new Uint8Array(0), ...STATIC_TABLE.map(([n]) => byteStringToBytes(n))];
export const STATIC_VALUES: readonly Uint8Array[] = [new Uint8Array(0), ...STATIC_TABLE.map(([, v]) => byteStringToBytes(v))];
