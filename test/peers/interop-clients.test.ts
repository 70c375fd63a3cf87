// Every interop client against our reference server and the node:http2 server peer: bodies of the
// sizes around a DATA frame (16 384) and 8 MiB, up and back down through
// /echo and down from /bytes/N, compared by SHA-256; pushes as each client
// sees them. Upgrade clients go to our reference server, the only peer here
// that speaks HTTP/1.1 Upgrade (node:http2 and nghttpd do not).
import t, { type Test } from 'tap';
import { createHash } from 'node:crypto';
import type { ClientPeer } from '../../harness/peers/client-peer.js';
import { nodeHttp2ServerPeer } from '../../harness/peers/node-http2-server.js';
import { referenceServerPeer } from '../../harness/peers/reference-server-peer.js';
import { nghttpClientPeer, nghttpTlsClientPeer, nghttpUpgradeClientPeer } from '../../harness/peers/nghttp-client.js';
import { curlClientPeer, curlTlsClientPeer, curlUpgradeClientPeer } from '../../harness/peers/curl-client.js';
import { undiciClientPeer, undiciTlsClientPeer } from '../../harness/peers/undici-client.js';
import { nodeHttp2ClientPeer, nodeHttp2TlsClientPeer } from '../../harness/peers/node-http2-client.js';
import { bytesBody, STYLE_CSS } from '../../harness/peers/peer-routes.js';
import { toolsMissing } from './tool-guard.js';

const SIZES = [0, 1, 16_383, 16_384, 16_385, 8 * 1024 * 1024];
const TOOL: Record<string, string | undefined> = { nghttp: 'nghttp', curl: 'curl' };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A body whose bytes depend on their position, so a shifted or dropped chunk changes the hash. */
function uploadBody(size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

function expectedBytes(size: number): string {
  const h = createHash('sha256');
  for (const chunk of bytesBody(size)) h.update(chunk);
  return h.digest('hex');
}

function needsTool(t: Test, client: ClientPeer): boolean {
  const tool = TOOL[client.name.split('-')[0]!];
  return tool !== undefined && toolsMissing(t, [tool]);
}

const byTransport = {
  h2c: [nghttpClientPeer, curlClientPeer, undiciClientPeer, nodeHttp2ClientPeer],
  tls: [nghttpTlsClientPeer, curlTlsClientPeer, undiciTlsClientPeer, nodeHttp2TlsClientPeer],
};

const SERVERS = [
  ['reference', referenceServerPeer],
  ['node:http2', nodeHttp2ServerPeer],
] as const;

for (const [label, peer] of SERVERS) for (const tls of [false, true]) {
  t.test(`${label} server over ${tls ? 'TLS' : 'h2c'}`, async (t) => {
    const server = await peer.start({ tls });
    t.teardown(() => server.stop());
    for (const client of byTransport[tls ? 'tls' : 'h2c']) {
      t.test(client.name, async (t) => {
        if (needsTool(t, client)) return;
        for (const size of SIZES) {
          const body = uploadBody(size);
          const echo = await client.request(server, { method: 'POST', path: '/echo', headers: { 'x-size': String(size) }, body });
          t.equal(echo.status, 200, `/echo ${size} B: status`);
          t.equal(echo.body.length, size, `/echo ${size} B: length`);
          t.equal(sha256(echo.body), sha256(body), `/echo ${size} B: checksum`);
          t.equal(echo.headers['x-echo-x-size'], String(size), `/echo ${size} B: request field echoed`);
          const down = await client.request(server, { method: 'GET', path: `/bytes/${size}` });
          t.equal(down.status, 200, `/bytes/${size}: status`);
          t.equal(sha256(down.body), expectedBytes(size), `/bytes/${size}: checksum`);
        }
        const missing = await client.request(server, { method: 'GET', path: '/nowhere' });
        t.equal(missing.status, 404);
      });
    }
  });
}

for (const [label, peer] of SERVERS) {
  t.test(`pushed /style.css on /push from the ${label} server, as nghttp and the node client see it`, async (t) => {
    const server = await peer.start({ tls: false });
    t.teardown(() => server.stop());
    for (const client of [nghttpClientPeer, nodeHttp2ClientPeer]) {
      if (needsTool(t, client)) continue;
      const r = await client.request(server, { method: 'GET', path: '/push' });
      t.equal(r.status, 200, `${client.name}: status`);
      t.same(r.pushes, [{ path: '/style.css', status: 200, bodyLength: Buffer.byteLength(STYLE_CSS) }], `${client.name}: pushed stream`);
    }
  });
}

for (const [label, peer] of SERVERS) {
  t.test(`100 concurrent streams on one connection to the ${label} server (node:http2 client)`, async (t) => {
    const { requestConcurrently } = await import('../../harness/peers/node-http2-client.js');
    const server = await peer.start({ tls: false });
    t.teardown(() => server.stop());
    const bodies = Array.from({ length: 100 }, (_, i) => uploadBody(20_000 + i));
    const responses = await requestConcurrently(server, bodies.map((body) => ({ method: 'POST', path: '/echo', body })));
    t.equal(responses.length, 100);
    t.ok(responses.every((r, i) => r.status === 200 && sha256(r.body) === sha256(bodies[i]!)), 'every echo intact and in its own stream');
    // The node peer counts what its server saw; ours is checked by test/server for the same.
    if ('stats' in server && typeof server.stats === 'function') {
      const stats = (server.stats as () => { sessions: number; peakConcurrentStreams: number })();
      t.equal(stats.sessions, 1, 'one connection');
      t.comment(`peak concurrent streams on the server: ${stats.peakConcurrentStreams}`);
      t.ok(stats.peakConcurrentStreams > 1, 'streams overlapped');
    }
  });
}
