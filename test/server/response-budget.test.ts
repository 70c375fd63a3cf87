// CVE-2019-9517 (zero-window): a client that opens many streams with a
// closed flow-control window and never reads must not make a streaming body
// pile up in memory. The handler's body is pulled only while the stream and
// the connection have room in the core's queue; a client on another
// connection is still answered.
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { BaseRequestHandler } from '../../impl/server/index.js';
import { closeSession, connect, fetch, start } from './helpers.js';

const CHUNK = 16 * 1024;
let pulled = 0;

class Streaming extends BaseRequestHandler {
  override onRequestDone(): void {
    if (this.path === '/small') return this.sendResponse({ status: 200, body: 'ok' });
    // An endless body: only backpressure stops it.
    this.sendResponse({
      status: 200,
      body: (function* () {
        for (;;) {
          pulled += CHUNK;
          yield new Uint8Array(CHUNK);
        }
      })(),
    });
  }
}

t.test('40 streams on a zero window pull about maxConnectionBufferedBytes, not 40 × maxStreamBufferedBytes', async (t) => {
  const perConnection = 256 * 1024;
  const running = await start(Streaming, { maxConnectionBufferedBytes: perConnection, maxStreamBufferedBytes: 64 * 1024 });
  t.teardown(() => running.server.close());
  const attacker = connect(running.url, { settings: { initialWindowSize: 0 } });
  for (let i = 0; i < 40; i++) attacker.request({ ':path': '/endless' }).on('error', () => undefined);
  await sleep(500);
  t.ok(pulled > 0, 'the bodies started');
  // Each stream may have pulled one chunk past the check; 40 × 64 KiB = 2.5 MiB would mean no connection bound.
  t.ok(pulled <= perConnection + 2 * CHUNK, `pulled ${pulled} octets, bound ${perConnection}`);
  const before = pulled;
  await sleep(300);
  t.equal(pulled, before, 'nothing more is pulled while the window stays closed');
  const other = connect(running.url);
  const r = await fetch(other, '/small');
  t.equal(r.status, 200, 'another client is answered');
  await closeSession(other);
  attacker.destroy();
});
