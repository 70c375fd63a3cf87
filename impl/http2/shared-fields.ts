// Response fields that passed the field rules (§8.2.1, §8.2.2) once, kept
// as frozen pairs and handed out again to every response that sends the
// same name and value: most responses repeat the fields of many before
// (content-type, cache-control, a server name). A shared pair costs no
// array and no freeze per response, and the check of a section
// (outbound-fields.ts) knows it by identity, so its characters are not
// checked again. Direct-mapped: a pair that lost its slot is only made
// and checked again. What the pairs hold is the application's own
// output, the same for every client, so sharing them across connections
// tells no client anything about another.
import { isAscii } from '../hpack/byte-string.js';
import type { HeaderField } from '../hpack/types.js';
import { fieldProblem } from './fields.js';

/** Slots of the table (a power of two). */
const SLOTS = 256;
/** Longer fields are not shared: they repeat less, and the table must stay small (at most SLOTS such pairs). */
const MAX_SHARED_LENGTH = 128;
const pairs: Array<HeaderField | undefined> = new Array<HeaderField | undefined>(SLOTS).fill(undefined);

function slotOf(name: string, value: string): number {
  // The lengths and a few chars: enough to spread a server's handful of fields; a collision only makes a pair again.
  const n = name.length;
  const v = value.length;
  const h = Math.imul(n, 31) + Math.imul(v, 131) + name.charCodeAt(n - 1) * 7 + (v > 0 ? value.charCodeAt(0) + value.charCodeAt(v - 1) * 3 + value.charCodeAt(v >>> 1) * 5 : 0);
  return (h ^ (h >>> 8)) & (SLOTS - 1);
}

/**
 * The shared frozen pair for `name` and `value` (both strings, `name`
 * already lowercase), or null when the field breaks a rule or is not
 * ASCII: the caller then sends a copy of its own, which the section check
 * judges (and refuses) as usual.
 */
export function sharedField(name: string, value: string): HeaderField | null {
  if (name.length === 0 || name.length + value.length > MAX_SHARED_LENGTH) return null;
  const slot = slotOf(name, value);
  const p = pairs[slot];
  if (p !== undefined && p[0] === name && p[1] === value) return p;
  if (!isAscii(name) || !isAscii(value) || fieldProblem(name, value, name.charCodeAt(0) === 0x3a) !== null) return null;
  const pair = Object.freeze([name, value] as const);
  pairs[slot] = pair;
  return pair;
}

/** Whether `field` is a pair sharedField() handed out (so it passed the field rules): by identity, never by content. */
export function isSharedField(field: HeaderField): boolean {
  const name = field[0];
  const value = field[1];
  if (typeof name !== 'string' || typeof value !== 'string' || name.length === 0) return false;
  return pairs[slotOf(name, value)] === field;
}
