// HTTP2Server and BaseRequestHandler over 127.0.0.1, node:http2 as the client.
import t from 'tap';
import { createHash } from 'node:crypto';
import net from 'node:net';
import http2 from 'node:http2';
import { Readable } from 'node:stream';
import { BaseRequestHandler, CLIENT_PREFACE, ErrorCode as E } from '../../impl/index.js';
import { ReferenceHandler } from '../../harness/peers/reference-server.js';
import { ROOT_BODY, STYLE_CSS, bytesBody } from '../../harness/peers/peer-routes.js';
import { selfSignedCertificate } from '../../harness/tls/self-signed.js';
import { closeSession, connect, fetch, start } from './helpers.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

t.test('GET / over h2c with prior knowledge', async (t) => {
  const r = await start(ReferenceHandler);
  const s = connect(r.url);
  const res = await fetch(s, '/');
  t.equal(res.status, 200);
  t.equal(res.body.toString(), ROOT_BODY);
  t.equal((await fetch(s, '/nothing-here')).status, 404);
  await closeSession(s);
  await r.server.close();
});

t.test('/echo returns bodies of 0, 1, 16383, 16384, 16385 B and 8 MiB intact', async (t) => {
  const r = await start(ReferenceHandler);
  const s = connect(r.url);
  for (const n of [0, 1, 16_383, 16_384, 16_385, 8 * 1024 * 1024]) {
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i++) body[i] = (i * 7) % 256;
    const res = await fetch(s, '/echo', 'POST', body, { 'x-test': 'v' });
    t.equal(res.status, 200);
    t.equal(sha(res.body), sha(body), `${n} B echoed`);
    t.equal(res.headers['x-echo-x-test'], 'v');
  }
  await closeSession(s);
  await r.server.close();
});

t.test('/bytes/N streams N bytes (8 MiB, checksum) and 100 concurrent streams share one connection', async (t) => {
  const r = await start(ReferenceHandler);
  const s = connect(r.url);
  const n = 8 * 1024 * 1024;
  const res = await fetch(s, `/bytes/${n}`);
  t.equal(res.body.length, n);
  t.equal(sha(res.body), sha(Buffer.concat([...bytesBody(n)])));
  const many = await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(s, `/bytes/${1000 + i}`)));
  t.same(many.map((m) => m.body.length), Array.from({ length: 100 }, (_, i) => 1000 + i));
  await closeSession(s);
  await r.server.close();
});

t.test('push: /push promises /style.css before the HTML', async (t) => {
  const r = await start(ReferenceHandler);
  const s = connect(r.url);
  const pushed = new Promise<{ path: string; body: string }>((resolve) => {
    s.on('stream', (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve({ path: String(headers[':path']), body: Buffer.concat(chunks).toString() }));
    });
  });
  const res = await fetch(s, '/push');
  t.match(res.body.toString(), /stylesheet/);
  t.same(await pushed, { path: '/style.css', body: STYLE_CSS });
  await closeSession(s);
  await r.server.close();
});

t.test('push is refused with ERR_PUSH_DISABLED when the client disabled it; after sendResponse with ERR_RESPONSE_SENT', async (t) => {
  const seen: string[] = [];
  class H extends BaseRequestHandler {
    override onRequestDone(): void {
      try {
        this.push({ path: '/a', body: 'a' });
      } catch (err) {
        seen.push((err as { code: string }).code);
      }
      this.sendResponse({ body: 'ok' });
      for (const again of [() => this.sendResponse({ body: 'twice' }), () => this.push({ path: '/b' })]) {
        try {
          again();
        } catch (err) {
          seen.push((err as { code: string }).code);
        }
      }
    }
  }
  const r = await start(H);
  const s = connect(r.url, { settings: { enablePush: false } });
  t.equal((await fetch(s, '/')).body.toString(), 'ok');
  t.same(seen, ['ERR_PUSH_DISABLED', 'ERR_RESPONSE_SENT', 'ERR_RESPONSE_SENT']);
  await closeSession(s);
  await r.server.close();
});

t.test('a handler that throws or rejects gets INTERNAL_ERROR, is logged, and the server goes on', async (t) => {
  class H extends BaseRequestHandler {
    override onHeaders(): void | Promise<void> {
      if (this.path === '/throw') throw new Error('boom');
      if (this.path === '/reject') return Promise.reject(new Error('async boom'));
      this.sendResponse({ body: 'fine' });
    }
  }
  const r = await start(H);
  const s = connect(r.url);
  for (const p of ['/throw', '/reject']) {
    await t.rejects(fetch(s, p), { code: 'ERR_HTTP2_STREAM_ERROR', message: /INTERNAL_ERROR/ });
  }
  t.equal((await fetch(s, '/')).body.toString(), 'fine');
  t.equal(r.logs.filter((l) => /failed/.test(l)).length, 2);
  await closeSession(s);
  await r.server.close();
});

t.test('callbacks run in order and onClose gets the error code', async (t) => {
  const log: string[] = [];
  let closed!: () => void;
  const allClosed = new Promise<void>((resolve) => (closed = resolve));
  class H extends BaseRequestHandler {
    override onHeaders(): void {
      log.push(`headers ${this.method} ${this.path} ${this.scheme} ${this.host !== null}`);
    }
    override onData(d: Uint8Array): void {
      log.push(`data ${d.length}`);
    }
    override onRequestDone(): void {
      log.push('done');
      if (this.path === '/ok') this.sendResponse({ status: 201 });
    }
    override onClose(code: number): void {
      log.push(`close ${this.path} ${code}`);
      if (this.path === '/hang') closed();
    }
  }
  const r = await start(H);
  const s = connect(r.url);
  t.equal((await fetch(s, '/ok', 'POST', Buffer.from('abc'))).status, 201);
  const hang = s.request({ ':path': '/hang' });
  hang.on('error', () => {});
  hang.on('response', () => {});
  await new Promise((res) => setTimeout(res, 50));
  hang.close(http2.constants.NGHTTP2_CANCEL);
  await allClosed;
  t.same(log, ['headers POST /ok http true', 'data 3', 'done', 'close /ok 0', 'headers GET /hang http true', 'done', `close /hang ${E.CANCEL}`]);
  await closeSession(s);
  await r.server.close();
});

t.test('a streamed body is pulled only as fast as the client reads (backpressure)', async (t) => {
  let produced = 0;
  class H extends BaseRequestHandler {
    override onRequestDone(): void {
      const total = 256 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 1);
      this.sendResponse({
        body: Readable.from(
          (function* () {
            for (; produced < total; produced += chunk.length) yield chunk;
          })(),
        ),
      });
    }
  }
  const r = await start(H);
  const s = connect(r.url);
  const req = s.request({ ':path': '/' });
  req.on('error', () => {});
  req.pause();
  await new Promise((res) => setTimeout(res, 300));
  t.ok(produced < 4 * 1024 * 1024, `only ${produced} bytes produced while the client did not read`);
  req.close(http2.constants.NGHTTP2_CANCEL);
  await closeSession(s);
  await r.server.close();
});

t.test('a plain HTTP/1.1 request gets a clear 505; garbage is closed', async (t) => {
  const r = await start(ReferenceHandler);
  const reply = await new Promise<string>((resolve) => {
    const c = net.connect(r.port, '127.0.0.1', () => c.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    let out = '';
    c.on('data', (d) => (out += d.toString()));
    c.on('close', () => resolve(out));
  });
  t.match(reply, /^HTTP\/1\.1 505 .*\r\n[\s\S]*HTTP\/2 only/);
  await r.server.close();
});

t.test('HTTP/1.1 Upgrade: h2c turns the request into stream 1', async (t) => {
  const r = await start(ReferenceHandler);
  const settings = Buffer.alloc(0).toString('base64url');
  const reply = await new Promise<Buffer>((resolve) => {
    const c = net.connect(r.port, '127.0.0.1', () =>
      c.write(`GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: ${settings}\r\n\r\n`),
    );
    const chunks: Buffer[] = [];
    let prefaceSent = false;
    c.on('data', (d) => {
      chunks.push(d);
      // RFC 7540 §3.2: on the 101 the client sends its preface (and the server answers only then).
      if (!prefaceSent && Buffer.concat(chunks).includes('\r\n\r\n')) {
        prefaceSent = true;
        c.write(Buffer.concat([CLIENT_PREFACE, Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]));
      }
      if (Buffer.concat(chunks).includes(Buffer.from(ROOT_BODY))) c.destroy();
    });
    c.on('close', () => resolve(Buffer.concat(chunks)));
    setTimeout(() => c.destroy(), 2000);
  });
  t.match(reply.toString('latin1'), /^HTTP\/1\.1 101 Switching Protocols\r\n/);
  t.ok(reply.includes(Buffer.from(ROOT_BODY)), 'the response to stream 1 arrives over HTTP/2');
  await r.server.close();
});

t.test('TLS: ALPN h2 works; an http/1.1-only client gets a clear refusal', async (t) => {
  const ssl = await selfSignedCertificate();
  const r = await start(ReferenceHandler, { ssl });
  const s = connect(r.url);
  t.equal((await fetch(s, '/')).body.toString(), ROOT_BODY);
  await closeSession(s);
  const tls = await import('node:tls');
  const reply = await new Promise<string>((resolve) => {
    const c = tls.connect({ port: r.port, host: '127.0.0.1', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () => c.write('GET / HTTP/1.1\r\n\r\n'));
    let out = '';
    c.on('data', (d) => (out += d.toString()));
    c.on('close', () => resolve(out));
    c.on('error', () => resolve(out));
  });
  t.match(reply, /505[\s\S]*ALPN/);
  await r.server.close();
});

t.test('close() is graceful: GOAWAY, the open stream finishes, then the server stops', async (t) => {
  class Slow extends BaseRequestHandler {
    override onRequestDone(): void {
      setTimeout(() => this.sendResponse({ body: 'late' }), 200);
    }
  }
  const r = await start(Slow);
  const s = connect(r.url);
  const goaway = new Promise<number>((resolve) => s.on('goaway', (code) => resolve(code)));
  const pending = fetch(s, '/');
  await new Promise((res) => setTimeout(res, 50));
  const closing = r.server.close();
  t.equal(await goaway, 0);
  t.equal((await pending).body.toString(), 'late');
  await closing;
  await t.resolves(r.server.serveForever(), 'serveForever resolves once closed');
});
