// The routes every server peer serves (/, /echo, /push, /bytes/N), as data and pure
// functions, so the node:http2 peer, the reference server and the tests agree
// on bodies byte for byte. nghttpd serves only the static part (/, /style.css).

export const ROOT_BODY = 'h2harness: hello\n';
export const STYLE_CSS_PATH = '/style.css';
export const STYLE_CSS = 'body { margin: 0; font-family: sans-serif; }\n';
export const PUSH_HTML =
  '<!doctype html>\n<html><head><link rel="stylesheet" href="/style.css"></head>' +
  '<body><p>h2harness push</p></body></html>\n';
/** `/echo` returns each request field `name` as response field `x-echo-name`. */
export const ECHO_HEADER_PREFIX = 'x-echo-';
/** `/bytes/N` refuses more than this (1 GiB), so a typo cannot stream forever. */
export const MAX_BYTES_ROUTE = 1 << 30;

export type Route =
  | { kind: 'root' }
  | { kind: 'echo' }
  | { kind: 'push' }
  | { kind: 'style' }
  | { kind: 'bytes'; length: number }
  | { kind: 'not-found' };

/** The routes without a parameter, made once: a route is read, never changed. */
const FIXED_ROUTES = {
  root: Object.freeze({ kind: 'root' }),
  echo: Object.freeze({ kind: 'echo' }),
  push: Object.freeze({ kind: 'push' }),
  style: Object.freeze({ kind: 'style' }),
  notFound: Object.freeze({ kind: 'not-found' }),
} as const satisfies Record<string, Route>;

export function routeOf(path: string): Route {
  // indexOf, not split('?'): split made an array per request for a query most paths do not have.
  const query = path.indexOf('?');
  const bare = query < 0 ? path : path.slice(0, query);
  if (bare === '/') return FIXED_ROUTES.root;
  if (bare === '/echo') return FIXED_ROUTES.echo;
  if (bare === '/push') return FIXED_ROUTES.push;
  if (bare === STYLE_CSS_PATH) return FIXED_ROUTES.style;
  const m = /^\/bytes\/(\d{1,10})$/.exec(bare);
  if (m && Number(m[1]) <= MAX_BYTES_ROUTE) return { kind: 'bytes', length: Number(m[1]) };
  return FIXED_ROUTES.notFound;
}

/** RFC 9113 §8.2.2: these never cross into HTTP/2, so they are not echoed either. */
const NOT_ECHOED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host']);

export function echoHeaders(request: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request)) {
    if (name.startsWith(':') || NOT_ECHOED.has(name) || value === undefined) continue;
    out[ECHO_HEADER_PREFIX + name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Byte i of `/bytes/N` repeats every this many octets. */
const BYTES_PERIOD = 251;
/**
 * Every chunk of `/bytes/N` is a window of this (`i mod 251` from 0 on, one
 * period longer than the largest chunk asked for so far): computing the
 * bytes one by one cost about 4 ms per MiB, and a fresh copy per chunk a
 * 1 MiB allocation per response, which made the route, not the server, the
 * bottleneck of a 1 MiB benchmark.
 */
let pattern = new Uint8Array(0);
function bytesPattern(length: number): Uint8Array {
  if (pattern.length < length) {
    pattern = new Uint8Array(length);
    for (let i = 0; i < length; i++) pattern[i] = i % BYTES_PERIOD;
  }
  return pattern;
}

/**
 * The body of `/bytes/N`: byte i is `i mod 251`, so truncation or reordering
 * shows in a checksum. The chunks are read-only views of one shared pattern
 * (a consumer that must change one copies it).
 */
export function* bytesBody(length: number, chunkSize = 16384): Generator<Uint8Array> {
  const source = bytesPattern(chunkSize + BYTES_PERIOD);
  for (let offset = 0; offset < length; offset += chunkSize) {
    const start = offset % BYTES_PERIOD;
    yield source.subarray(start, start + Math.min(chunkSize, length - offset));
  }
}
