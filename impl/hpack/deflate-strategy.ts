// Which representation the deflater picks for a field: libnghttp2's rules
// (lib/nghttp2_hd.c, deflate_nv and hd_deflate_decide_indexing), confirmed
// byte for byte against libnghttp2 1.52 by test/hpack/nghttp2-identity.test.ts.
// RFC 7541 §7.1 leaves this choice to the encoder; nghttp2 makes it to keep
// secrets out of the shared table and to keep churn out of it.
import { Indexing } from './representations.js';
import { ENTRY_OVERHEAD } from './dynamic-table.js';
import { STATIC_NAMES_BY_STRING } from './static-index.js';

/**
 * Fields whose values change with nearly every message, so indexing them only
 * evicts useful entries: sent without indexing (nghttp2's list).
 */
const NOT_INDEXED_NAMES = new Set([
  ':path',
  'age',
  'content-length',
  'etag',
  'if-modified-since',
  'if-none-match',
  'location',
  'set-cookie',
]);

/** Cookies shorter than this are never indexed: short cookies are guessable (RFC 7541 §7.1.3). */
const SHORT_COOKIE = 20;

/** What the rules say of a name before its value is known. */
export enum NamePolicy {
  /** Indexed unless the entry is too large. */
  Index = 0,
  /** Never indexed whatever the value: credentials (RFC 7541 §7.1.3). */
  Never = 1,
  /** Sent without indexing: its values churn. */
  Without = 2,
  /** Never indexed when the value is short, else as Index. */
  Cookie = 3,
}

// Every name the rules single out is a static-table name, so only static
// names need a policy looked up, once per name and deflater (name-slot.ts
// keeps it): the Set lookup and two comparisons per field it replaces were
// paid for every field. Checked here, so a name added to a list that is not
// static cannot silently stop applying.
for (const name of [...NOT_INDEXED_NAMES, 'authorization', 'cookie']) {
  if (!STATIC_NAMES_BY_STRING.has(name)) throw new Error(`deflate-strategy: ${name} is not a static-table name`);
}

/** The policy of `name`, a name of the static table (RFC 7541 Appendix A); any other name's is Index. */
export function staticNamePolicy(name: string): NamePolicy {
  if (name === 'authorization') return NamePolicy.Never;
  if (name === 'cookie') return NamePolicy.Cookie;
  return NOT_INDEXED_NAMES.has(name) ? NamePolicy.Without : NamePolicy.Index;
}

/**
 * Whether the field is sent "never indexed" (RFC 7541 §6.2.3), and so never
 * as an index either: credentials and low-entropy cookies, and fields the
 * caller flags, are never indexed, also by intermediaries (§7.1.3).
 */
export function neverIndexed(policy: NamePolicy, valueLength: number, sensitive: boolean): boolean {
  return sensitive || policy === NamePolicy.Never || (policy === NamePolicy.Cookie && valueLength < SHORT_COOKIE);
}

/**
 * The representation for a field of `nameLength` + `valueLength` bytes
 * whose name has `policy` (Index for a name outside the static table).
 */
export function chooseIndexing(policy: NamePolicy, nameLength: number, valueLength: number, sensitive: boolean, tableMaxSize: number): Indexing {
  if (neverIndexed(policy, valueLength, sensitive)) return Indexing.Never;
  if (policy === NamePolicy.Without) return Indexing.Without;
  // An entry taking more than 3/4 of the table would evict nearly everything.
  if (nameLength + valueLength + ENTRY_OVERHEAD > Math.floor((tableMaxSize * 3) / 4)) return Indexing.Without;
  return Indexing.With;
}
