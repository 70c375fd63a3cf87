// The one interface every interop client is driven through: real processes
// (nghttp, curl) and libraries (undici, node:http2). A request is plain data
// so a test can send the same one through every client and compare.
import type { RunningServer } from './server-peer.js';

export interface PeerRequest {
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

export interface PushedResponse {
  path: string;
  status: number;
  /** What the client reported receiving for the pushed stream. */
  bodyLength: number;
}

export interface PeerResponse {
  status: number;
  /** Lower-case names; repeated fields joined with `, `; no pseudo-headers. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** Present when the client can see pushed streams (nghttp, node:http2). */
  pushes?: PushedResponse[];
}

/** How the client reaches HTTP/2: prior knowledge, TLS+ALPN, or HTTP/1.1 Upgrade. */
export type ClientTransport = 'h2c' | 'tls' | 'upgrade';

export interface ClientPeer {
  /** e.g. `nghttp`, `curl-upgrade`, `undici-tls`. */
  readonly name: string;
  readonly transport: ClientTransport;
  request(server: Pick<RunningServer, 'host' | 'port' | 'tls'>, request: PeerRequest): Promise<PeerResponse>;
}

/** Joins repeated fields the way RFC 9110 §5.3 allows, dropping pseudo-headers. */
export function collectHeaders(pairs: Iterable<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (name.startsWith(':')) continue;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}
