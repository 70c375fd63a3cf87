// Equality and JSON views of decoded lists and tables. Lists are compared as
// bytes: HPACK names and values are octet strings (RFC 7541 §5.2).
import type { DecodedField, InputField } from '../../peers/hpack-implementation.js';
import { toBytes } from '../../peers/hpack-implementation.js';
import { bytesToJson } from './case-json.js';
import type { BlockOutcome, Entry, TableReading } from './session-driver.js';
import type { JudgeStep } from './rfc-judge.js';

/** Block bytes in a reproducer's sides: hex, or null when there is no block. */
export const hexJson = (b: Uint8Array | undefined): string | null => (b ? Buffer.from(b).toString('hex') : null);

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (a.length < 64) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  // Generated fields reach 66 KB and are compared several times per case:
  // Buffer.compare is one memcmp where the loop took about 1 ns a byte.
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

/** Same SETTINGS sizes and same block bytes, in the same order. */
export function stepsEqual(a: readonly JudgeStep[], b: readonly JudgeStep[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind === 'settings' ? y.kind !== 'settings' || x.size !== y.size : y.kind !== 'block' || !bytesEqual(x.bytes, y.bytes)) return false;
  }
  return true;
}

type Pair = readonly [Uint8Array, Uint8Array] | Entry;
const nameOf = (p: Pair): Uint8Array => ('name' in p ? p.name : p[0]);
const valueOf = (p: Pair): Uint8Array => ('name' in p ? p.value : p[1]);

export function pairsEqual(a: readonly Pair[], b: readonly Pair[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!bytesEqual(nameOf(a[i]!), nameOf(b[i]!)) || !bytesEqual(valueOf(a[i]!), valueOf(b[i]!))) return false;
  }
  return true;
}

export function inputAsPairs(fields: readonly InputField[]): DecodedField[] {
  return fields.map((f) => [toBytes(f[0]), toBytes(f[1])]);
}

/** RFC 7541 §4.1: the size of a table is the sum of name + value + 32 over its entries. */
export function tableSize(table: readonly Entry[]): number {
  let size = 0;
  for (const e of table) size += e.name.length + e.value.length + 32;
  return size;
}

export const pairsJson = (pairs: readonly Pair[]): unknown => pairs.map((p) => [bytesToJson(nameOf(p)), bytesToJson(valueOf(p))]);

/** Sizes must match after every block; entries wherever both sides read them. */
export function tablesAgree(a: TableReading, b: TableReading): boolean {
  if (a.size !== undefined && b.size !== undefined && a.size !== b.size) return false;
  return a.table === undefined || b.table === undefined || pairsEqual(a.table, b.table);
}

/** The deflater's table is the newest part of the decoder's: all a valid stream needs (RFC 7541 §4.2). */
export function isTablePrefix(deflater: TableReading, decoder: TableReading): boolean {
  if (deflater.size !== undefined && decoder.size !== undefined && deflater.size > decoder.size) return false;
  if (deflater.table === undefined || decoder.table === undefined) return true;
  return deflater.table.length <= decoder.table.length && pairsEqual(deflater.table, decoder.table.slice(0, deflater.table.length));
}

export function tableJson(t: TableReading): unknown {
  return t.table ? { size: tableSize(t.table), entries: pairsJson(t.table) } : { size: t.size ?? 'not read', entries: 'not read (size only; replay reads every table)' };
}

export function outcomeJson(outcome: BlockOutcome | undefined): unknown {
  if (outcome === undefined) return { notReached: true };
  return outcome.ok ? { fields: pairsJson(outcome.fields), table: tableJson(outcome) } : { error: outcome.error };
}
