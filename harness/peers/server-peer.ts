// The one interface every HTTP/2 server peer is started through: node:http2,
// nghttpd and our reference server. The conformance wrapper and the interop
// tests only ever see a `RunningServer`.

export interface ServerStartOptions {
  /** TLS with ALPN h2 and a self-signed certificate; otherwise h2c with prior knowledge. */
  tls: boolean;
}

export interface RunningServer {
  /** Short name used in reports: `node`, `nghttpd`, `ref`, or `HOST:PORT`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** The child's PID when the peer is a separate process. */
  readonly pid?: number;
  /** Stops what the peer started (by PID for a child); safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerPeer {
  readonly name: string;
  start(options: ServerStartOptions): Promise<RunningServer>;
}

export function baseUrl(server: Pick<RunningServer, 'host' | 'port' | 'tls'>): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  return `${server.tls ? 'https' : 'http'}://${host}:${server.port}`;
}
