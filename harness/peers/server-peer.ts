// The one interface every HTTP/2 server peer is started through: node:http2,
// nghttpd, our reference server and the real servers of servers/. The conformance wrapper and the interop
// tests only ever see a `RunningServer`.

export interface ServerStartOptions {
  /** TLS with ALPN h2 and a self-signed certificate; otherwise h2c with prior knowledge. */
  tls: boolean;
  /**
   * Sizes N whose `/bytes/N` a static server (nghttpd) must hold as files:
   * the routed servers answer any N, a docroot only what was written into it.
   */
  bytesRoutes?: readonly number[];
}

export interface RunningServer {
  /** Short name used in reports: `node`, `nghttpd`, `ref`, `nginx`…, or `HOST:PORT`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** The child's PID when the peer is a separate process. */
  readonly pid?: number;
  /** The server's own version (`1.22.1`), when known. */
  readonly version?: string;
  /** What it serves; absent for a user's server, of which only `GET /` is assumed. */
  readonly routes?: ServedRoutes;
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

/**
 * Which of the project's routes (peer-routes.ts) a server answers as the
 * interop checks expect: real servers serve what their modules allow.
 */
export interface ServedRoutes {
  /** `/` answers ROOT_BODY. */
  root: boolean;
  /** `POST /echo` answers with the request body. */
  echo: boolean;
  /** `GET /push` pushes /style.css to a client that allows push. */
  push: boolean;
  /** HTTP/1.1 Upgrade to h2c. */
  upgrade: boolean;
  /**
   * A path whose handler reads a request body to its end before it
   * answers 2xx (a POST); null when none does. The conformance suite plays
   * its cases with a request body there: a static file answers a POST with
   * 405 or before the body arrives, which tests nothing about the frames.
   */
  bodyPath: string | null;
}
