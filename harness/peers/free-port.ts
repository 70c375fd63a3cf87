// A free TCP port on loopback for peers that must be told their port
// (nghttpd has no "port 0, then print it"). There is a small window between
// closing this probe and the peer binding; callers retry on EADDRINUSE.
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
