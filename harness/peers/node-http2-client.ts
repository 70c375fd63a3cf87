// node:http2's client as a client peer. Besides one request per session
// (the ClientPeer contract) it can send many requests concurrently on one
// session, which is how the interop tests check multiplexing.
import http2, { type ClientHttp2Session, type IncomingHttpHeaders, type IncomingHttpStatusHeader } from 'node:http2';
import type { ClientPeer, ClientTransport, PeerRequest, PeerResponse, PushedResponse } from './client-peer.js';
import { collectHeaders } from './client-peer.js';
import { baseUrl, type RunningServer } from './server-peer.js';

type Target = Pick<RunningServer, 'host' | 'port' | 'tls'>;

function open(server: Target, enablePush = true): Promise<{ session: ClientHttp2Session; pushes: Promise<PushedResponse>[] }> {
  return new Promise((resolveOpen, reject) => {
    // enablePush: false is SETTINGS_ENABLE_PUSH = 0 (RFC 9113 §6.5.2): a PUSH_PROMISE is then a connection error.
    const session = http2.connect(baseUrl(server), { ...(server.tls ? { rejectUnauthorized: false } : {}), settings: { enablePush } });
    const pushes: Promise<PushedResponse>[] = [];
    // RFC 9113 §8.4: a pushed response arrives as its own stream; read it whole.
    session.on('stream', (pushed, requestHeaders) => {
      pushes.push(
        new Promise((resolvePush) => {
          let status = 0;
          let bodyLength = 0;
          pushed.on('push', (h: IncomingHttpHeaders & IncomingHttpStatusHeader) => (status = Number(h[':status'])));
          pushed.on('data', (d: Buffer) => (bodyLength += d.length));
          pushed.on('error', () => undefined);
          pushed.on('close', () => resolvePush({ path: String(requestHeaders[':path']), status, bodyLength }));
        }),
      );
    });
    session.once('connect', () => resolveOpen({ session, pushes }));
    session.once('error', reject);
  });
}

function send(session: ClientHttp2Session, request: PeerRequest): Promise<Omit<PeerResponse, 'pushes'>> {
  return new Promise((resolveSend, reject) => {
    const stream = session.request(
      { ':method': request.method, ':path': request.path, ...(request.headers ?? {}) },
      { endStream: request.body === undefined },
    );
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = collectHeaders(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)] as const));
    });
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => resolveSend({ status, headers, body: new Uint8Array(Buffer.concat(chunks)) }));
    stream.on('error', reject);
    if (request.body !== undefined) stream.end(request.body);
  });
}

/** All requests at once on one session; the server sees them as concurrent streams. */
export async function requestConcurrently(server: Target, requests: readonly PeerRequest[]): Promise<PeerResponse[]> {
  const { session } = await open(server);
  try {
    return await Promise.all(requests.map((r) => send(session, r)));
  } finally {
    await new Promise<void>((resolveClose) => session.close(() => resolveClose()));
  }
}

function nodeClient(transport: Exclude<ClientTransport, 'upgrade'>, enablePush = true): ClientPeer {
  return {
    name: `node-http2${enablePush ? '' : '-nopush'}${transport === 'tls' ? '-tls' : ''}`,
    transport,
    async request(server, request) {
      const { session, pushes } = await open(server, enablePush);
      try {
        const response = await send(session, request);
        return { ...response, pushes: await Promise.all(pushes) };
      } finally {
        await new Promise<void>((resolveClose) => session.close(() => resolveClose()));
      }
    },
  };
}

export const nodeHttp2ClientPeer = nodeClient('h2c');
export const nodeHttp2TlsClientPeer = nodeClient('tls');
/** A client that refuses push (SETTINGS_ENABLE_PUSH = 0): a server that pushes anyway breaks the connection. */
export const nodeHttp2NoPushClientPeer = nodeClient('h2c', false);
export const nodeHttp2NoPushTlsClientPeer = nodeClient('tls', false);
