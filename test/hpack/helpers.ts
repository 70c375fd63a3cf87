// Shared test helpers: hex and text conversions, and fast-check properties
// reported through tap with the seed and path that replay a failure.
import fc from 'fast-check';
import type { Test } from 'tap';
import { HPACKError, type DecodedField, type HDTableEntry } from '../../impl/index.js';

export function fromHex(hex: string): Uint8Array {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

const text = new TextDecoder();

/** Decoded fields as `name: value` strings, for readable comparisons. */
export function fieldsText(fields: DecodedField[]): string[] {
  return fields.map(([n, v]) => `${text.decode(n)}: ${text.decode(v)}`);
}

/** A table as `(s=N) name: value` strings, index 1 first. */
export function tableText(table: HDTableEntry[]): string[] {
  return table.map((e) => `(s=${e.space()}) ${text.decode(e.name)}: ${text.decode(e.value)}`);
}

/** Latin-1 view of a table, exact for any bytes (for byte-level table comparisons). */
export function tableBytes(table: HDTableEntry[]): string[] {
  return table.map((e) => `${Buffer.from(e.name).toString('latin1')}\u0000${Buffer.from(e.value).toString('latin1')}`);
}

/**
 * Runs a fast-check property as one tap assertion. On failure the message
 * fast-check builds (counterexample, seed and path: pass them back in
 * `params` to replay) is the failure text, so it shows in tap's output.
 */
export function checkProperty<Ts>(t: Test, name: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  try {
    fc.assert(property, params);
    t.pass(name);
  } catch (err) {
    t.fail(`${name}\n${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The HPACKError code `f` throws, 'no error', or a note that it threw something else. */
export function errorCode(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (err) {
    return err instanceof HPACKError ? err.code : `not an HPACKError: ${String(err)}`;
  }
}
