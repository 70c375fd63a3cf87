// node:http2 as a server peer, serving the routes of peer-routes.ts: the
// mission's differential peer for h2spec and the interop clients.
import http2, { type Http2Session, type ServerHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { Readable } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import { makeSelfSigned } from '../tls/self-signed.js';
import type { RunningServer, ServerPeer, ServerStartOptions } from './server-peer.js';
import { PUSH_HTML, ROOT_BODY, STYLE_CSS, STYLE_CSS_PATH, bytesBody, echoHeaders, routeOf } from './peer-routes.js';

export interface NodeServerStats {
  sessions: number;
  /** Most streams open at once on any one session: shows real multiplexing. */
  peakConcurrentStreams: number;
}

export interface RunningNodeServer extends RunningServer {
  stats(): NodeServerStats;
}

function drainThen(stream: ServerHttp2Stream, then: () => void): void {
  if (stream.readableEnded) return then();
  stream.once('end', then);
  stream.resume();
}

function respondText(stream: ServerHttp2Stream, status: number, type: string, body: string): void {
  if (stream.destroyed || stream.headersSent) return;
  stream.respond({ ':status': status, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  stream.end(body);
}

function handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
  const route = routeOf(String(headers[':path'] ?? '/'));
  switch (route.kind) {
    case 'root':
      return drainThen(stream, () => respondText(stream, 200, 'text/plain', ROOT_BODY));
    case 'style':
      return drainThen(stream, () => respondText(stream, 200, 'text/css', STYLE_CSS));
    case 'echo': {
      // Streams the body straight back, so an 8 MiB echo never sits in memory.
      const type = typeof headers['content-type'] === 'string' ? headers['content-type'] : 'application/octet-stream';
      stream.respond({ ':status': 200, 'content-type': type, ...echoHeaders(headers) });
      stream.pipe(stream);
      return;
    }
    case 'push':
      if (stream.pushAllowed) {
        stream.pushStream({ ':path': STYLE_CSS_PATH }, (err, pushed) => {
          if (err) return;
          pushed.on('error', () => undefined);
          respondText(pushed, 200, 'text/css', STYLE_CSS);
        });
      }
      return drainThen(stream, () => respondText(stream, 200, 'text/html', PUSH_HTML));
    case 'bytes':
      return drainThen(stream, () => {
        if (stream.destroyed) return;
        stream.respond({ ':status': 200, 'content-type': 'application/octet-stream', 'content-length': route.length });
        Readable.from(bytesBody(route.length)).pipe(stream);
      });
    case 'not-found':
      return drainThen(stream, () => respondText(stream, 404, 'text/plain', 'not found\n'));
  }
}

export const nodeHttp2ServerPeer = {
  name: 'node',
  async start({ tls }: ServerStartOptions): Promise<RunningNodeServer> {
    const server = tls
      ? http2.createSecureServer({ ...(await makeSelfSigned()), allowHTTP1: false })
      : http2.createServer();
    const sessions = new Set<Http2Session>();
    // Every connection, so stop() ends one whose session is already gone but
    // whose socket is not (node:http2 on Node 24 after a TLS renegotiation).
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    const stats: NodeServerStats = { sessions: 0, peakConcurrentStreams: 0 };
    server.on('session', (session) => {
      sessions.add(session);
      stats.sessions++;
      let open = 0;
      session.on('stream', (stream: ServerHttp2Stream) => {
        stats.peakConcurrentStreams = Math.max(stats.peakConcurrentStreams, ++open);
        stream.once('close', () => open--);
      });
      session.on('error', () => undefined); // h2spec sends broken frames on purpose
      session.once('close', () => sessions.delete(session));
    });
    server.on('stream', (stream, headers) => {
      stream.on('error', () => undefined);
      handle(stream, headers);
    });
    server.on('sessionError', () => undefined);
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    let stopped: Promise<void> | undefined;
    return {
      name: 'node',
      host: '127.0.0.1',
      port,
      tls,
      version: process.version,
      // `/` drains the body before it answers; `/echo` answers at once and streams it back.
      routes: { root: true, echo: true, push: true, upgrade: false, bodyPath: '/' },
      stats: () => ({ ...stats }),
      stop() {
        stopped ??= new Promise<void>((resolveStop) => {
          server.close(() => resolveStop());
          for (const session of sessions) session.destroy();
          for (const socket of sockets) socket.destroy();
        });
        return stopped;
      },
    };
  },
} satisfies ServerPeer;
