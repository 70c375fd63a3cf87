// Test helpers: our server on 127.0.0.1 (port 0), node:http2 as the client.
import http2 from 'node:http2';
import { HTTP2Server, type HTTP2ServerOptions, type RequestHandlerClass } from '../../impl/server/index.js';

export interface Running {
  server: HTTP2Server;
  url: string;
  port: number;
  logs: string[];
}

export async function start(Handler: RequestHandlerClass, options: HTTP2ServerOptions = {}): Promise<Running> {
  const logs: string[] = [];
  const server = new HTTP2Server(['127.0.0.1', 0], Handler, { logger: (m) => logs.push(m), ...options });
  await server.listen();
  const port = server.address()!.port;
  return { server, port, url: `${options.ssl ? 'https' : 'http'}://127.0.0.1:${port}`, logs };
}

export interface Reply {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
}

/** One request on `session`; rejects with the stream error (code in `.code`). */
export function fetch(session: http2.ClientHttp2Session, path: string, method = 'GET', body?: Uint8Array, headers: http2.OutgoingHttpHeaders = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': path, ':method': method, ...headers }, { endStream: body === undefined });
    const chunks: Buffer[] = [];
    let status = 0;
    let head: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => {
      head = h;
      status = Number(h[':status']);
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve({ status, headers: head, body: Buffer.concat(chunks) }));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
  });
}

export function connect(url: string, options: http2.SecureClientSessionOptions = {}): http2.ClientHttp2Session {
  const s = http2.connect(url, { rejectUnauthorized: false, ...options });
  s.on('error', () => {});
  return s;
}

export function closeSession(s: http2.ClientHttp2Session): Promise<void> {
  return new Promise((resolve) => s.close(() => resolve()));
}
