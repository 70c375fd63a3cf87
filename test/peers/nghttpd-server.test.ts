// The nghttpd server peer: a docroot in a temp dir, `/` pushing /style.css,
// h2c and TLS, stopped by PID (the process is gone afterwards).
import t from 'tap';
import { nghttpdServerPeer, NGHTTPD_INDEX } from '../../harness/peers/nghttpd-server.js';
import { nghttpClientPeer, nghttpTlsClientPeer } from '../../harness/peers/nghttp-client.js';
import { curlClientPeer, curlTlsClientPeer } from '../../harness/peers/curl-client.js';
import { STYLE_CSS } from '../../harness/peers/peer-routes.js';
import { toolsMissing } from './tool-guard.js';
import { alive } from './process-alive.js';

for (const tls of [false, true]) {
  t.test(`nghttpd ${tls ? 'TLS' : 'h2c'}: serves the docroot, pushes, stops by PID`, async (t) => {
    if (toolsMissing(t, ['nghttpd', 'nghttp', 'curl'])) return;
    const server = await nghttpdServerPeer.start({ tls });
    t.teardown(() => server.stop());
    const nghttp = await (tls ? nghttpTlsClientPeer : nghttpClientPeer).request(server, { method: 'GET', path: '/' });
    t.equal(nghttp.status, 200);
    t.same(nghttp.pushes, [{ path: '/style.css', status: 200, bodyLength: Buffer.byteLength(STYLE_CSS) }]);
    const curl = await (tls ? curlTlsClientPeer : curlClientPeer).request(server, { method: 'GET', path: '/style.css' });
    t.equal(curl.status, 200);
    t.equal(Buffer.from(curl.body).toString(), STYLE_CSS);
    const index = await (tls ? curlTlsClientPeer : curlClientPeer).request(server, { method: 'GET', path: '/index.html' });
    t.equal(Buffer.from(index.body).toString(), NGHTTPD_INDEX);
    await server.stop();
    t.equal(alive(server.pid!), false, 'the nghttpd process is gone');
  });
}
