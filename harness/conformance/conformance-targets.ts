// `--target` names → something h2spec can connect to. Named peers are
// started here and stopped by the caller; `HOST:PORT` is a server the user
// already runs, which we never stop.
import { nghttpdServerPeer } from '../peers/nghttpd-server.js';
import { nodeHttp2ServerPeer } from '../peers/node-http2-server.js';
import { referenceServerPeer } from '../peers/reference-server-peer.js';
import type { RunningServer, ServerPeer } from '../peers/server-peer.js';

export const NAMED_TARGETS = ['ref', 'node', 'nghttpd'] as const;
export type NamedTarget = (typeof NAMED_TARGETS)[number];

export type TargetSpec = { kind: 'peer'; name: NamedTarget } | { kind: 'external'; host: string; port: number };

const PEERS: Record<NamedTarget, ServerPeer> = {
  ref: referenceServerPeer,
  node: nodeHttp2ServerPeer,
  nghttpd: nghttpdServerPeer,
};

/** Parses `--target`; undefined when the text is none of the accepted forms. */
export function parseTargets(text: string): TargetSpec[] | undefined {
  if (text === 'all') return NAMED_TARGETS.map((name) => ({ kind: 'peer', name }));
  if ((NAMED_TARGETS as readonly string[]).includes(text)) return [{ kind: 'peer', name: text as NamedTarget }];
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  return [{ kind: 'external', host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) }];
}

export async function startTarget(spec: TargetSpec, tls: boolean): Promise<RunningServer> {
  if (spec.kind === 'peer') return PEERS[spec.name].start({ tls });
  const name = `${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
  return { name, host: spec.host, port: spec.port, tls, stop: async () => undefined };
}

export function targetLabel(spec: TargetSpec): string {
  return spec.kind === 'peer' ? spec.name : `${spec.host}:${spec.port}`;
}
