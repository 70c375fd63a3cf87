// The servers the server bench measures, each in a process of its own so its
// RSS is its own and its CPU is not the bench's: ref and node:http2 in the
// attack stage's child (target-main.ts), nghttpd as its users run it (one
// process, a docroot of files, here holding /bytes/N for the sizes measured),
// the real servers as their peers start them. Every child is stopped by PID.
import { startAttackTarget } from '../../harness/attack/attack-targets.js';
import { peerOf, type NamedTarget } from '../../harness/conformance/conformance-targets.js';
import type { RunningServer } from '../../harness/peers/server-peer.js';

/** The targets measured on every figure; the others (real servers) on small responses only. */
export const FULL_TARGETS: readonly NamedTarget[] = ['ref', 'node', 'nghttpd'];

/** The small response every full target serves byte for byte (peer-routes.ts STYLE_CSS); a real server is asked for `/`. */
export function smallPath(name: NamedTarget): string {
  return FULL_TARGETS.includes(name) ? '/style.css' : '/';
}

export const LARGE_BYTES = 1 << 20;
export const LARGE_PATH = `/bytes/${LARGE_BYTES}`;

export async function startBenchTarget(name: NamedTarget, tls: boolean): Promise<RunningServer> {
  if (name === 'ref' || name === 'node') return startAttackTarget({ kind: 'peer', name }, tls);
  return peerOf(name).start({ tls, bytesRoutes: [LARGE_BYTES] });
}
