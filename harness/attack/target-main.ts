// Child-process entry for the attack stage's built-in targets: `ref` (our
// HTTP2Server with the reference routes) or `node` (node:http2 with the same
// routes), on a free loopback port, printed as `PORT n` once listening. In its
// own process the server's RSS is its own, and an attack that wedges it cannot
// wedge the harness. SIGTERM stops it. SIGUSR2 asks for a full garbage
// collection that also gives back what V8 holds unused (heap-release.ts),
// answered `COLLECTED` once done: the attack stage reads the server's RSS
// "before" and "after" right after one, so garbage V8 has not collected yet
// (plain GET traffic alone swings RSS by about 14 MB between two major
// collections), and heap V8 keeps sized for the last attack's allocation
// rate, are not counted as memory an attack left behind.
import { nodeHttp2ServerPeer } from '../peers/node-http2-server.js';
import { referenceServerPeer } from '../peers/reference-server-peer.js';
import { releaseHeap } from './heap-release.js';

const [name, transport] = process.argv.slice(2);
const peer = name === 'node' ? nodeHttp2ServerPeer : name === 'ref' ? referenceServerPeer : null;
if (peer === null) {
  console.error(`usage: target-main.js ref|node [tls]`);
  process.exit(2);
}
const server = await peer.start({ tls: transport === 'tls' });
process.stdout.write(`PORT ${server.port}\n`);
process.on('SIGUSR2', () => {
  void releaseHeap().then((how) => process.stdout.write(how === 'none' ? 'NOT COLLECTED\n' : 'COLLECTED\n'));
});
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
