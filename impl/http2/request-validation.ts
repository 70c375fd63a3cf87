// RFC 9113 §8.1-§8.3: what makes a request (or its trailers) malformed.
// Every failure is a stream error of type PROTOCOL_ERROR (§8.1.1).
import { ErrorCode as E } from './error-codes.js';
import { StreamError } from './errors.js';
import { fieldProblem, type FieldList } from './fields.js';

/** The request as the application sees it, after validation. */
export interface RequestHead {
  method: string;
  scheme: string | null;
  authority: string | null;
  path: string | null;
  /** Parsed `content-length`, or null when absent. */
  contentLength: number | null;
}

function malformed(id: number, section: string, why: string): StreamError {
  return new StreamError(id, E.PROTOCOL_ERROR, section, `malformed request: ${why}`);
}

/** §8.2.1, §8.2.2: the field rules shared with what we send (fields.ts). */
export function checkField(id: number, name: string, value: string, isPseudo: boolean): void {
  const problem = fieldProblem(name, value, isPseudo);
  if (problem !== null) throw malformed(id, problem.section, problem.why);
}

/** §8.1.1: content-length must be one non-negative integer (repeats must agree). */
function parseContentLength(id: number, values: string[]): number | null {
  if (values.length === 0) return null;
  let result: number | null = null;
  for (const v of values.flatMap((x) => x.split(','))) {
    const t = v.trim();
    if (!/^[0-9]{1,15}$/.test(t)) throw malformed(id, '8.1.1', `content-length "${v}" is not a number`);
    const n = Number(t);
    if (result !== null && n !== result) throw malformed(id, '8.1.1', 'conflicting content-length values');
    result = n;
  }
  return result;
}

/**
 * Validates a request header section (§8.3.1); returns its pseudo-header
 * values. `fieldsChecked`: checkField already ran on every field (as the
 * fields were made, so a malformed one stopped the work at once).
 */
export function validateRequestHeaders(id: number, fields: FieldList, fieldsChecked = false): RequestHead {
  // The four pseudo-headers in locals, not a Map: this runs for every request.
  let method: string | undefined;
  let scheme: string | undefined;
  let path: string | undefined;
  let authority: string | undefined;
  let regularSeen = false;
  let contentLengths: string[] | null = null;
  let host: string | null = null;
  for (const [name, value] of fields) {
    const isPseudo = name.startsWith(':');
    if (!fieldsChecked) checkField(id, name, value, isPseudo);
    if (isPseudo) {
      // §8.3: pseudo-header fields come first, once each, and only the defined ones.
      if (regularSeen) throw malformed(id, '8.3', `pseudo-header "${name}" after a regular field`);
      const seen = name === ':method' ? method : name === ':scheme' ? scheme : name === ':path' ? path : name === ':authority' ? authority : null;
      if (seen === null) throw malformed(id, '8.3', `"${name}" is not a request pseudo-header`);
      if (seen !== undefined) throw malformed(id, '8.3', `duplicate "${name}"`);
      if (name === ':method') method = value;
      else if (name === ':scheme') scheme = value;
      else if (name === ':path') path = value;
      else authority = value;
      continue;
    }
    regularSeen = true;
    if (name === 'content-length') (contentLengths ??= []).push(value);
    if (name === 'host') host = value;
  }
  if (method === undefined || method === '') throw malformed(id, '8.3.1', 'missing :method');
  if (method === 'CONNECT') {
    // §8.5: CONNECT carries :authority only.
    if (scheme !== undefined || path !== undefined) throw malformed(id, '8.5', 'CONNECT with :scheme or :path');
    if (authority === undefined || authority === '') throw malformed(id, '8.5', 'CONNECT without :authority');
  } else {
    if (scheme === undefined || scheme === '') throw malformed(id, '8.3.1', 'missing :scheme');
    if (path === undefined) throw malformed(id, '8.3.1', 'missing :path');
    if (path === '') throw malformed(id, '8.3.1', 'empty :path');
  }
  // §8.3.1: if both are present, host must identify the same entity.
  if (authority !== undefined && host !== null && host !== authority) throw malformed(id, '8.3.1', 'host differs from :authority');
  return { method, scheme: scheme ?? null, authority: authority ?? host, path: path ?? null, contentLength: contentLengths === null ? null : parseContentLength(id, contentLengths) };
}

/** §8.1: a trailer field carries no pseudo-header, and keeps the field rules. */
export function checkTrailer(id: number, name: string, value: string): void {
  if (name.startsWith(':')) throw malformed(id, '8.1', `pseudo-header "${name}" in trailers`);
  checkField(id, name, value, false);
}
