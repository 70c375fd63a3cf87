// Case ids and keys. h2spec numbers its cases by position within a section
// (`http2/6.5.3/1`): we keep that as the id people read and filter by,
// written `6.5.3/1` for the HTTP/2 suite (the RFC 9113 numbering everyone
// quotes) with the prefix kept for `generic/…` and `hpack/…`, whose section
// numbers would otherwise collide with RFC 9113's.
//
// A position shifts when a newer h2spec inserts a case, so what the baseline
// remembers a case by is its key: the section and a digest of what the case
// does (its description), `6.5.3#5c1d0e9a`, the same whatever h2spec's order.
import { createHash } from 'node:crypto';

export function caseId(suite: string, section: string, seq: number): string {
  return suite === 'http2' ? `${section}/${seq}` : `${suite}/${section}/${seq}`;
}

/** Hex digits of the description's SHA-256 kept in a key: 32 bits, no collision among a section's few cases. */
const DIGEST_HEX = 8;

/** The stable key of a case: section (prefixed as in caseId) `#` digest of its whitespace-normalised description. */
export function caseKey(suite: string, section: string, description: string): string {
  const digest = createHash('sha256').update(description.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, DIGEST_HEX);
  return `${suite === 'http2' ? section : `${suite}/${section}`}#${digest}`;
}

/** Our id or section (`6.5.3/1`, `6.5`) → the filter h2spec accepts (`http2/6.5.3/1`). */
export function toH2specSpec(id: string): string {
  return /^\d/.test(id) ? `http2/${id}` : id;
}

/** A spec filter h2spec would accept: suite, suite/section or suite/section/N. */
export function isValidSpec(id: string): boolean {
  return /^[a-z0-9-]+(\/\d+(\.\d+)*(\/\d+)?)?$/.test(toH2specSpec(id));
}
