// Load on the reference server: h2load's 20 000 requests over 10 connections
// with 10 concurrent streams each must all succeed.
import t from 'tap';
import { ReferenceHandler } from '../../harness/peers/reference-server.js';
import { runH2load } from '../../harness/peers/h2load-client.js';
import { toolsMissing } from '../peers/tool-guard.js';
import { start } from './helpers.js';

t.test('h2load -n 20000 -c 10 -m 10 against the reference server: 0 failed', async (t) => {
  if (toolsMissing(t, ['h2load'])) return;
  const ref = await start(ReferenceHandler);
  t.teardown(() => ref.server.close());
  const r = await runH2load({ url: `${ref.url}/`, requests: 20000, clients: 10, streamsPerClient: 10, timeoutMs: 60_000 });
  t.equal(r.succeeded, 20000, 'every request succeeded');
  t.equal(r.failed, 0, 'no failed request');
  t.equal(r.errored, 0, 'no errored request');
  t.equal(r.timedOut, 0, 'no timed-out request');
  t.equal(r.status2xx, 20000, 'every answer was 2xx');
  t.same(ref.logs, [], 'the server logged no error');
  t.comment(`${Math.round(r.requestsPerSecond)} req/s`);
});
