// Target specs (target-grammar.ts) → running servers. Built-in targets are
// started here and stopped by the caller; a user's server (a URL or
// HOST:PORT) is already running and is never stopped.
import { nghttpdServerPeer } from '../peers/nghttpd-server.js';
import { nodeHttp2ServerPeer } from '../peers/node-http2-server.js';
import { findOnPath } from '../peers/peer-availability.js';
import { referenceServerPeer } from '../peers/reference-server-peer.js';
import type { RunningServer, ServerPeer } from '../peers/server-peer.js';
import { isInstalled, REAL_SERVERS, realServerPeer } from '../peers/servers/index.js';
import { serverInstallCommand } from '../peers/servers/server-packages.js';
import { targetLabel, type NamedTarget, type TargetSpec } from './target-grammar.js';

export * from './target-grammar.js';

const PEERS = new Map<string, ServerPeer>([
  ['ref', referenceServerPeer],
  ['node', nodeHttp2ServerPeer],
  ['nghttpd', nghttpdServerPeer],
  ...REAL_SERVERS.map((s) => [s.name, realServerPeer(s)] as const),
]);

/** The peer behind a built-in target (every NamedTarget has one; a test checks it). */
export function peerOf(name: NamedTarget): ServerPeer {
  const peer = PEERS.get(name);
  if (!peer) throw new Error(`no server peer for target ${name}`);
  return peer;
}

/** true, or why the built-in target cannot run here (with the command that installs it). */
export function targetInstalled(name: NamedTarget): string | true {
  if (name === 'ref' || name === 'node') return true;
  if (name === 'nghttpd') return findOnPath('nghttpd') ? true : 'nghttpd is not installed (sudo apt-get install nghttp2-server)';
  const server = REAL_SERVERS.find((s) => s.name === name);
  if (!server) return `no such target ${name}`;
  return isInstalled(server) ? true : `${server.binary} is not installed (${serverInstallCommand(name)})`;
}

export async function startTarget(spec: TargetSpec, tls: boolean): Promise<RunningServer> {
  if (spec.kind === 'peer') return peerOf(spec.name).start({ tls });
  return { name: targetLabel(spec), host: spec.host, port: spec.port, tls, stop: async () => undefined };
}
