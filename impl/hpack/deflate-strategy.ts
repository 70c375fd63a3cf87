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

// Every name the rules above and below single out is a static-table name, so
// a caller that has looked the name up in the static table already (the
// deflater does) lets the rules skip a Set lookup and two comparisons for
// every other name. Checked here, so a name added to a list that is not
// static cannot silently stop applying.
for (const name of [...NOT_INDEXED_NAMES, 'authorization', 'cookie']) {
  if (!STATIC_NAMES_BY_STRING.has(name)) throw new Error(`deflate-strategy: ${name} is not a static-table name`);
}

/** `isStaticName`: whether `name` is in the static table (RFC 7541 Appendix A). */
export function chooseIndexing(name: string, value: string, sensitive: boolean, tableMaxSize: number, isStaticName: boolean): Indexing {
  if (sensitive) return Indexing.Never;
  if (isStaticName) {
    // RFC 7541 §7.1.3: credentials and low-entropy cookies, and fields the
    // caller flags, are never indexed, also by intermediaries.
    if (name === 'authorization' || (name === 'cookie' && value.length < SHORT_COOKIE)) return Indexing.Never;
    if (NOT_INDEXED_NAMES.has(name)) return Indexing.Without;
  }
  // An entry taking more than 3/4 of the table would evict nearly everything.
  if (name.length + value.length + ENTRY_OVERHEAD > Math.floor((tableMaxSize * 3) / 4)) return Indexing.Without;
  return Indexing.With;
}
