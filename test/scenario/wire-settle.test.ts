// The wire player's settle wait (time for answers that come after the final
// PING ACK) waits only for requests that can still be answered: a frame with
// END_STREAM on a stream whose response already ended is a frame on a closed
// stream, which the server may ignore, so it must not hold the scenario for
// the whole settle time.
import t from 'tap';
import { HANDSHAKE, requestFields, type Scenario } from '../../harness/scenario/scenario.js';
import { runOnWire } from '../../harness/scenario/wire-target.js';
import { nodeHttp2ServerPeer } from '../../harness/peers/node-http2-server.js';

const GET = requestFields('/');
const SETTLE_MS = 5_000;

t.test('a second END_STREAM on an answered stream waits for no answer', async (t) => {
  // node:http2 ignores a HEADERS on a stream it closed (our reference resets it, which also ends the wait).
  const server = await nodeHttp2ServerPeer.start({ tls: false });
  t.teardown(() => server.stop());
  const scenario: Scenario = {
    steps: [...HANDSHAKE, { op: 'headers', stream: 1, fields: GET, endStream: true }, { op: 'wait' }, { op: 'headers', stream: 1, fields: GET, endStream: true }],
  };
  const started = performance.now();
  const transcript = await runOnWire(scenario, server, { budgetMs: 2 * SETTLE_MS, settleMs: SETTLE_MS });
  const ms = performance.now() - started;
  t.ok(ms < SETTLE_MS / 2, `ended in ${ms.toFixed(0)} ms, not after the ${SETTLE_MS} ms settle time`);
  t.ok(JSON.stringify(transcript).includes('"endStream":true'), 'stream 1 was answered');
});

