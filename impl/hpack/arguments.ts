// Argument checks shared by the public classes: API misuse is a TypeError or
// RangeError with a message naming the call, never an HPACKError.
import { MAX_INTEGER } from './integer.js';

/** A table size: an integer in 0..2^32-1 (what an HPACK integer can carry here). */
export function checkTableSize(where: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`${where}: table size must be an integer, got ${describe(n)}`);
  }
  if (n < 0 || n > MAX_INTEGER) throw new RangeError(`${where}: table size must be in 0..${MAX_INTEGER}, got ${n}`);
  return n;
}

/** A limit: a non-negative integer or Infinity. */
export function checkLimit(where: string, n: unknown): number {
  if (n === Infinity) return n;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`${where} must be an integer or Infinity, got ${describe(n)}`);
  if (n < 0) throw new RangeError(`${where} must not be negative, got ${n}`);
  return n;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * The shape of a header list as `deflate` takes it: why it is not one, or
 * null. Checked over the whole list before anything is encoded, so a bad
 * field leaves the dynamic table as it was (encoder and decoder stay in step).
 */
export function headerListProblem(headers: unknown): string | null {
  if (!Array.isArray(headers)) return `headers must be an array of [name, value] pairs, got ${describe(headers)}`;
  for (let i = 0; i < headers.length; i++) {
    const field: unknown = headers[i];
    if (!Array.isArray(field) || field.length < 2 || field.length > 3) return `headers[${i}] must be [name, value] or [name, value, { sensitive }], got ${describe(field)}`;
    const name: unknown = field[0];
    const value: unknown = field[1];
    // Read only where the field has it: a load past a two-element array's
    // end is a slow one in V8 (a third of this check's time, which was 9 %
    // of encoding the raw-data stories).
    const options: unknown = field.length > 2 ? field[2] : undefined;
    if ((typeof name !== 'string' && !(name instanceof Uint8Array)) || (typeof value !== 'string' && !(value instanceof Uint8Array))) {
      return `headers[${i}] name and value must be strings or Uint8Arrays`;
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      return `headers[${i}][2] must be an options object like { sensitive: true }, got ${describe(options)}`;
    }
  }
  return null;
}
