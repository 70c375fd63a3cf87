// The legit client's figures: a request counts in the period it was sent in,
// and one still on its way when the period ends is waited for (within its
// timeout), not counted as unanswered.
import t from 'tap';
import http2 from 'node:http2';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { LegitClient } from '../../harness/attack/legit-client.js';

async function slowServer(delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http2.createServer((_req, res) => void setTimeout(() => res.end('ok'), delayMs));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

t.test('a request in flight when the period ends is counted answered once its answer comes', async (t) => {
  const server = await slowServer(150);
  const legit = new LegitClient({ host: '127.0.0.1', port: server.port, tls: false, intervalMs: 10_000 });
  legit.start();
  await sleep(50);
  const stats = await legit.reset();
  t.equal(stats.total, 1);
  t.equal(stats.ok, 1, 'answered after the period ended, within its timeout');
  t.ok(stats.p50Ms !== null && stats.p50Ms >= 140, `its latency counts (${stats.p50Ms} ms)`);
  const next = await legit.stop();
  t.equal(next.total, 0, 'the next period starts empty');
  await server.close();
});

t.test('a request that times out is counted sent and unanswered in its period', async (t) => {
  const server = await slowServer(2000);
  const legit = new LegitClient({ host: '127.0.0.1', port: server.port, tls: false, intervalMs: 10_000, timeoutMs: 100 });
  legit.start();
  await sleep(20);
  const stats = await legit.reset();
  t.same({ total: stats.total, ok: stats.ok }, { total: 1, ok: 0 });
  t.match(stats.firstError, /no answer within 100 ms/);
  await legit.stop();
  await server.close();
});
