// Our reference server (impl/server HTTP2Server with the routes of
// reference-server.ts) as a server peer, in process on a free port.
import { HTTP2Server } from '../../impl/server/index.js';
import { packageVersion } from '../cli/package-info.js';
import { makeSelfSigned } from '../tls/self-signed.js';
import { ReferenceHandler } from './reference-server.js';
import type { RunningServer, ServerPeer } from './server-peer.js';

export const referenceServerPeer: ServerPeer = {
  name: 'ref',
  async start({ tls }): Promise<RunningServer> {
    const ssl = tls ? await makeSelfSigned() : null;
    // h2spec sends broken frames on purpose: keep the server's complaints
    // out of the conformance output (the last few stay available for debugging).
    const log: string[] = [];
    const logger = (msg: string) => {
      log.push(msg);
      if (log.length > 50) log.shift();
    };
    const server = new HTTP2Server(['127.0.0.1', 0], ReferenceHandler, { ssl, logger, closeTimeout: 1000 });
    await server.listen();
    const address = server.address();
    if (!address) throw new Error('reference server has no address after listen()');
    return {
      name: 'ref',
      host: '127.0.0.1',
      port: address.port,
      tls,
      // The reference is this package's own server: its version is the package's, on the Node that runs it.
      version: `${packageVersion()} (Node ${process.version})`,
      routes: { root: true, echo: true, push: true, upgrade: !tls, bodyPath: '/echo' },
      stop: () => server.close(),
    };
  },
};
