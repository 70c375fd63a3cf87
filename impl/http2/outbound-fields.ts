// What the application may send as a field section, checked when it calls
// sendHeaders()/pushPromise() so that a bad field is an Http2UsageError at
// the call and nothing is queued (all or nothing). The rules are the ones
// the peer would apply to us: HPACK's input shape (impl/hpack), RFC 9113
// §8.2.1/§8.2.2 field rules (fields.ts) and the pseudo-header rules of a
// response (§8.3.2), trailers (§8.1) and a promised request (§8.4, §8.3.1).
// Encoding still happens when the block is framed: HPACK blocks must reach
// the peer in the order they were encoded (RFC 7541 §2.2), and frames of
// different streams leave in a different order than the calls were made.
import { headerListProblem } from '../hpack/arguments.js';
import { toByteString } from '../hpack/byte-string.js';
import { Http2UsageError } from './errors.js';
import { fieldProblem, type FieldInput } from './fields.js';
import { isSharedField } from './shared-fields.js';

/** The pseudo-headers a section may carry; a field's place in the list is its bit in checkSection's record of those seen. */
type Pseudo = readonly string[];
const RESPONSE_PSEUDO: Pseudo = [':status'];
const REQUEST_PSEUDO: Pseudo = [':method', ':scheme', ':authority', ':path'];
const NO_PSEUDO: Pseudo = [];

function invalid(why: string): Http2UsageError {
  return new Http2UsageError('ERR_INVALID_HEADER', why);
}

/**
 * A section nothing can change any more: frozen, and each of its fields
 * frozen. The caller's own arrays are copied (it could change them before
 * the block is encoded); these are kept as they are, which spares a copy of
 * every response the server builds itself (response-fields.ts freezes them).
 */
function frozenSection(fields: FieldInput): boolean {
  if (!Object.isFrozen(fields)) return false;
  for (let i = 0; i < fields.length; i++) if (!Object.isFrozen(fields[i])) return false;
  return true;
}

/**
 * Checks one section; returns a copy the caller can no longer change. The
 * pseudo-headers seen are bits of a number, not entries of a Map (or of an
 * array): this runs for every response.
 */
function checkSection(fields: FieldInput, allowed: Pseudo, what: string): FieldInput {
  const shape = headerListProblem(fields);
  if (shape !== null) throw invalid(`${what}: ${shape}`);
  let seen = 0;
  let regularSeen = false;
  // Indexed, not for…of: over a frozen section that made an iterator result per field (under h2load, 4 % of the server's allocation).
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    // A shared pair (shared-fields.ts) is ASCII and passed the field rules when it was made.
    const shared = isSharedField(field);
    const name = shared ? (field[0] as string) : toByteString(field[0]);
    const isPseudo = name.startsWith(':');
    if (!shared) {
      const problem = fieldProblem(name, toByteString(field[1]), isPseudo);
      if (problem !== null) throw invalid(`${what}: ${problem.why} (RFC 9113 §${problem.section})`);
    }
    if (!isPseudo) {
      regularSeen = true;
      continue;
    }
    // §8.3: pseudo-header fields come first, once each, and only the defined ones.
    const place = allowed.indexOf(name);
    if (place < 0) throw invalid(`${what}: "${name}" is not allowed here (RFC 9113 §8.3)`);
    if (regularSeen) throw invalid(`${what}: pseudo-header "${name}" after a regular field (RFC 9113 §8.3)`);
    if (seen & (1 << place)) throw invalid(`${what}: duplicate "${name}" (RFC 9113 §8.3)`);
    seen |= 1 << place;
  }
  return frozenSection(fields) ? fields : Object.freeze(fields.map((f) => Object.freeze([...f]) as unknown as FieldInput[number]));
}

/** The value of pseudo-header `name` in a checked section (they come first, once each), or undefined. */
function pseudoValue(fields: FieldInput, name: string): string | undefined {
  for (let i = 0; i < fields.length; i++) {
    const n = toByteString(fields[i]![0]);
    if (!n.startsWith(':')) break;
    if (n === name) return toByteString(fields[i]![1]);
  }
  return undefined;
}

/** A response header section (§8.3.2: `:status`, three digits) or, when `trailers`, a trailer section (§8.1: no pseudo-headers). */
export function checkResponseFields(fields: FieldInput, trailers: boolean): FieldInput {
  if (trailers) return checkSection(fields, NO_PSEUDO, 'trailers');
  const copy = checkSection(fields, RESPONSE_PSEUDO, 'response header section');
  const status = pseudoValue(copy, ':status');
  if (status === undefined || !/^[1-9][0-9]{2}$/.test(status)) throw invalid(`response header section: :status must be three digits, got ${status === undefined ? 'none' : JSON.stringify(status)} (RFC 9113 §8.3.2)`);
  return copy;
}

/**
 * §8.4: a promised request must be safe and cacheable, and a client resets a
 * promise whose method is not safe. GET and HEAD are the only methods that are
 * both (RFC 9110 §9.2.1 safe: GET, HEAD, OPTIONS, TRACE; §9.2.3 cacheable:
 * GET, HEAD, POST), so any other would be a promise every client refuses.
 */
const PUSHABLE_METHODS: readonly string[] = ['GET', 'HEAD'];

/** The request of a PUSH_PROMISE: a complete request header section (§8.3.1) of a safe, cacheable method (§8.4). */
export function checkPushRequest(fields: FieldInput): FieldInput {
  const copy = checkSection(fields, REQUEST_PSEUDO, 'promised request');
  for (const name of [':method', ':scheme', ':path']) {
    if (!pseudoValue(copy, name)) throw invalid(`promised request: missing ${name} (RFC 9113 §8.3.1)`);
  }
  const method = pseudoValue(copy, ':method')!;
  if (!PUSHABLE_METHODS.includes(method)) throw invalid(`promised request: :method ${JSON.stringify(method)} is not safe and cacheable (RFC 9113 §8.4)`);
  return copy;
}
