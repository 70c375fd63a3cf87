// The names, values and table sizes generators draw from, shared by the fast-check
// arbitraries and the jsfuzz byte decoder: static-table names and pairs
// (RFC 7541 Appendix A) and a small pool that comes back often enough to hit
// the dynamic table.
import { latin1Bytes } from '../../peers/hpack-implementation.js';

/** Names from the static table, so name-indexed literals and full static hits occur. */
export const STATIC_NAMES = [':authority', ':method', ':path', ':scheme', ':status', 'accept-encoding', 'content-type', 'cookie', 'user-agent', 'www-authenticate'].map(latin1Bytes);
/** Values that complete static pairs (`:method: GET`, `:status: 200`, `accept-encoding: gzip, deflate`). */
export const STATIC_VALUES = ['GET', 'POST', '/', '/index.html', 'http', 'https', '200', '404', 'gzip, deflate'].map(latin1Bytes);
/** A small pool, so the same name or pair comes back within a session and hits the dynamic table. */
export const POOL_NAMES = ['x-a', 'x-b', 'x-long-header-name-for-eviction', 'set-cookie', 'a'].map(latin1Bytes);
export const POOL_VALUES = ['1', 'v', 'value-of-some-length-0123456789', 'Mozilla/5.0 (X11; Linux x86_64)'].map(latin1Bytes);
/**
 * Table sizes where behaviour changes: 0 (nothing indexable), around one
 * entry's overhead (32, RFC 7541 §4.1), the HTTP/2 default 4096 and just
 * past it, and well above.
 */
export const EDGE_TABLE_SIZES = [0, 1, 31, 32, 33, 64, 100, 256, 1024, 4095, 4096, 4097, 8192, 65_536];
