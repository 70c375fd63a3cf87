// Header lists as the core speaks of them (RFC 9113 §8.2): the one type for
// a field section the core reports, the one input form it accepts, and the
// one set of connection-specific fields HTTP/2 forbids (§8.2.2), used both
// to reject what the peer sends and to refuse what the application sends.
import type { HeaderList } from '../hpack/types.js';

/** A field section as the core reports it: names and values as latin1 strings (one char per octet, so every byte survives). */
export type FieldList = Array<[string, string]>;

/**
 * A field section as the application gives it: HPACK's input form (a
 * string is sent as UTF-8, bytes as they are, an optional `{ sensitive }`
 * sends the field never-indexed, RFC 7541 §6.2.3).
 */
export type FieldInput = HeaderList;

/** §8.2.2: fields that are connection-specific in HTTP/1.1 and make an HTTP/2 message malformed. */
export const CONNECTION_SPECIFIC_FIELDS: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/**
 * §8.2.1 and §8.2.2 for one field (name already known to be a pseudo-header
 * or not): why it is invalid, or null. One rule set for both directions.
 */
export function fieldProblem(name: string, value: string, isPseudo: boolean): { section: string; why: string } | null {
  if (name.length === 0) return { section: '8.2.1', why: 'empty field name' };
  for (let i = isPseudo ? 1 : 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return { section: '8.2.1', why: `field name "${name}" contains an uppercase letter` };
    if (c <= 0x20 || c >= 0x7f || c === 0x3a) return { section: '8.2.1', why: `field name "${name}" contains an invalid character` };
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d) return { section: '8.2.1', why: `value of "${name}" contains NUL, CR or LF` };
  }
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return { section: '8.2.1', why: `value of "${name}" starts or ends with whitespace` };
  if (isPseudo) return null;
  if (CONNECTION_SPECIFIC_FIELDS.has(name)) return { section: '8.2.2', why: `connection-specific field "${name}"` };
  if (name === 'te' && value !== 'trailers') return { section: '8.2.2', why: `te: "${value}", only "trailers" is allowed` };
  return null;
}
