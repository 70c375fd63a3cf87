// The wire oracles by name (`--oracles node,nghttp`). Each holds listening
// sockets (and nghttp spawns a process per case), so callers close them.
import type { WireOracle, WireOracleName } from '../../../peers/wire/wire-oracle.js';

/** Throws PeerNotInstalledError, naming the install command, when nghttp is missing. */
export async function startWireOracle(name: WireOracleName): Promise<WireOracle> {
  if (name === 'node') {
    const { NodeHttp2Oracle } = await import('../../../peers/wire/node-http2-oracle.js');
    return NodeHttp2Oracle.start();
  }
  const { NghttpOracle } = await import('../../../peers/wire/nghttp-oracle.js');
  return NghttpOracle.start();
}
