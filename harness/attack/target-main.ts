// Child-process entry for the attack stage's built-in targets: `ref` (our
// HTTP2Server with the reference routes) or `node` (node:http2 with the same
// routes), on a free loopback port, printed as `PORT n` once listening. In its
// own process the server's RSS is its own, and an attack that wedges it cannot
// wedge the harness. SIGTERM stops it. SIGUSR2 asks for a full garbage
// collection (the process runs with --expose-gc), answered `COLLECTED` once
// done: the attack stage reads the server's RSS "before" and "after" right
// after one, so garbage V8 has not collected yet (plain GET traffic alone
// swings RSS by about 14 MB between two major collections) is not counted
// as memory an attack left behind.
import { nodeHttp2ServerPeer } from '../peers/node-http2-server.js';
import { referenceServerPeer } from '../peers/reference-server-peer.js';

const [name, transport] = process.argv.slice(2);
const peer = name === 'node' ? nodeHttp2ServerPeer : name === 'ref' ? referenceServerPeer : null;
if (peer === null) {
  console.error(`usage: target-main.js ref|node [tls]`);
  process.exit(2);
}
const server = await peer.start({ tls: transport === 'tls' });
process.stdout.write(`PORT ${server.port}\n`);
const collect = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => {
  collect?.();
  process.stdout.write(collect ? 'COLLECTED\n' : 'NOT COLLECTED\n');
});
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
