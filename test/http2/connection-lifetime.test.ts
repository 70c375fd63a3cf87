// A connection's state must die young: a server makes and drops connections
// all the time (the in-process fuzzer thousands a second), and state that
// outlives two scavenges is promoted to V8's old generation, where only a
// full collection frees it and every scavenge before that copies it. When
// the outbound framing context was an object literal with a getter, V8 gave
// each connection a hidden class of its own, kept from the old generation,
// and every connection was promoted whole (several KiB each). Measured as
// the growth of the old generation while connections are made, used and
// dropped, with two young collections after each (nothing of the test is
// alive across them), so a collection never meets a connection in use.
import v8 from 'node:v8';
import vm from 'node:vm';
import t from 'tap';
import { Peer, request } from './frames.js';

/** Octets of old generation per dropped connection above which connections outlive their use (promoted whole, each was about 9 KiB; now a few hundred octets at most, of compiled code and feedback). */
const MAX_PROMOTED_PER_CONNECTION = 2048;
const CONNECTIONS = 2000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (o?: { type: 'minor' | 'major' }) => void;

const oldSpaceUsed = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;

/** One connection through its handshake and an answered request, then dropped; returns the frames of the answer. */
function useOne(): string[] {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/'), { endHeaders: true, endStream: true }));
  p.conn.sendHeaders(1, [[':status', '200']]);
  p.conn.sendData(1, new Uint8Array(100), true);
  return p.read().map((f) => f.type);
}

t.test('a dropped connection is collected young, not promoted', (t) => {
  t.same(useOne(), ['HEADERS', 'DATA'], 'each connection answers its request');
  for (let i = 0; i < 200; i++) useOne(); // warm: compiled code and its feedback allocate too
  gc({ type: 'major' });
  const before = oldSpaceUsed();
  for (let i = 0; i < CONNECTIONS; i++) {
    useOne();
    gc({ type: 'minor' });
    gc({ type: 'minor' });
  }
  const perConnection = (oldSpaceUsed() - before) / CONNECTIONS;
  t.ok(perConnection < MAX_PROMOTED_PER_CONNECTION, `${perConnection.toFixed(0)} octets of old generation per dropped connection (bound ${MAX_PROMOTED_PER_CONNECTION})`);
  t.end();
});
