// Generators of HTTP-valid wire cases (RFC 9113 §8.2): lower-case token
// names that are not connection-specific, values of visible ASCII with
// inner spaces, and the request and response pseudo-fields. The peers
// validate every field, so nothing here is malformed; what is hard is the
// HPACK side: repeats (dynamic-table hits), values long enough to evict,
// sensitive fields, and table sizes from 0 to well above 4096 on both ends.
import fc from 'fast-check';
import type { InputField } from '../../../peers/hpack-implementation.js';
import type { WireCase, WireMessage } from './wire-case.js';

/** A small pool so names come back within a case; includes static-table names (RFC 7541 Appendix A). */
const POOL_NAMES = ['x-a', 'x-b', 'x-custom-header-with-a-long-name', 'accept', 'accept-language', 'cache-control', 'cookie', 'authorization', 'user-agent', 'content-type', 'if-none-match', 'referer', 'x-forwarded-for'];
const POOL_VALUES = ['1', 'v', 'text/html', 'no-cache', 'gzip, deflate', 'Mozilla/5.0 (X11; Linux x86_64)', 'a=b; c=d', 'Bearer abcdef0123456789'];
const TCHAR_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789-!#$%&'*+.^_`|~";
const VCHAR = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
/** RFC 9113 §8.2.2 connection-specific fields, plus names whose meaning a bodiless request would break. */
const FORBIDDEN = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host', 'content-length']);

const tokenName = fc.string({ unit: fc.constantFrom(...TCHAR_LOWER), minLength: 1, maxLength: 24 }).filter((n) => !FORBIDDEN.has(n));
const name = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...POOL_NAMES) }, { weight: 1, arbitrary: tokenName });

/** No leading or trailing whitespace (RFC 9113 §8.2.1); spaces inside are fine. */
const visibleValue = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...VCHAR) }, { weight: 1, arbitrary: fc.constant(' ') }), { maxLength })
    .map((chars) => chars.join('').trim());
/** A pattern repeated to a length that fills much of a 4096-octet table: eviction. */
const longValue = fc.tuple(fc.constantFrom(...VCHAR), fc.integer({ min: 500, max: 5000 })).map(([c, n]) => c.repeat(n));
const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...POOL_VALUES) },
  { weight: 6, arbitrary: visibleValue(40) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: longValue },
);

/**
 * A value sized so the entry takes a multiple of 32 octets (RFC 7541 §4.1:
 * name + value + 32): with table sizes that are multiples of 32 too, entries
 * often fill the table exactly, the edge of eviction (§4.4).
 */
const fittedValue = (n: string): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...VCHAR), fc.integer({ min: 1, max: 8 })).map(([c, m]) => c.repeat(Math.max(0, 32 * m - n.length)));
const nameAndValue = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(name, value) },
  { weight: 1, arbitrary: name.chain((n) => fittedValue(n).map((v): [string, string] => [n, v])) },
);

const field: fc.Arbitrary<InputField> = fc.tuple(nameAndValue, fc.nat(11)).map(([[n, v], roll]): InputField => (roll === 0 ? [n, v, { sensitive: true }] : [n, v]));

const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH');
const PATH_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._~/=&';
const path = fc.oneof(fc.constantFrom('/', '/index.html'), fc.string({ unit: fc.constantFrom(...PATH_CHARS), maxLength: 40 }).map((p) => `/${p}`));
const status = fc.constantFrom('200', '204', '206', '304', '400', '404', '500', '299');

const message: fc.Arbitrary<WireMessage> = fc.record({ method, path, status, fields: fc.array(field, { maxLength: 12 }) });

/**
 * Decoder table sizes: HTTP/2's default most often, then none at all, larger
 * than the default, and small ones of every size, where a few fields evict and
 * an entry that exactly fills the table (RFC 7541 §4.4) comes up within seconds.
 */
const tableSize = fc.oneof(
  { weight: 4, arbitrary: fc.constant(4096) },
  { weight: 2, arbitrary: fc.constantFrom(0, 64, 256, 1024, 8192, 65_536) },
  { weight: 1, arbitrary: fc.integer({ min: 32, max: 400 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 16 }).map((k) => 32 * k) },
);

export const wireCase: fc.Arbitrary<WireCase> = fc.record({
  deflaterCap: fc.oneof({ weight: 4, arbitrary: fc.constant(4096) }, { weight: 1, arbitrary: fc.constantFrom(0, 100, 1024, 16_384) }),
  peerDecoderTableSize: tableSize,
  ourDecoderTableSize: tableSize,
  messages: fc.array(message, { minLength: 1, maxLength: 8 }),
});
