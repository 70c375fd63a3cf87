// The targets one `fuzz server` run drives: the core in process (always
// `in-process`, the reference core unless a test hands in a patched copy)
// and servers over loopback, started from `--target` the way conformance
// starts them. Each knows how to run one scenario into a transcript.
import { startTarget, type TargetSpec } from '../../conformance/conformance-targets.js';
import type { RunningServer } from '../../peers/server-peer.js';
import { referenceCore, runInProcess, type CoreFactory } from '../../scenario/in-process-target.js';
import type { Scenario } from '../../scenario/scenario.js';
import { runOnWire } from '../../scenario/wire-target.js';
import type { TargetRun } from './scenario-checker.js';

export const IN_PROCESS_TARGET = 'in-process';

/**
 * How long (ms) a scenario over the wire waits, after the PING that closes it is
 * acknowledged, for the requests the client ended to be answered. The ACK says the
 * server's HTTP/2 layer read every frame, not that the application behind it has
 * answered: over TLS on a busy machine a proxy's or node's handler often answers a
 * little after, and RFC 9113 asks for the response, not for it before a PING ACK.
 * Only scenarios with a request still unanswered wait.
 */
export const WIRE_SETTLE_MS = 250;

export function inProcessRun(core: CoreFactory = referenceCore, name = IN_PROCESS_TARGET): (s: Scenario) => TargetRun {
  return (s) => ({ target: name, transcript: runInProcess(s, core), exact: true });
}

export interface WireTargets {
  servers: RunningServer[];
  /** The same scenario against every server, at the same time (they are separate servers). */
  run(s: Scenario): Promise<TargetRun[]>;
  stop(): Promise<void>;
}

export async function startWireTargets(specs: readonly TargetSpec[], tls: boolean, budgetMs: number): Promise<WireTargets> {
  const servers: RunningServer[] = [];
  try {
    for (const spec of specs) servers.push(await startTarget(spec, tls));
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    throw err;
  }
  return {
    servers,
    run: (s) => Promise.all(servers.map(async (srv) => ({ target: srv.name, transcript: await runOnWire(s, srv, { budgetMs, settleMs: WIRE_SETTLE_MS }), exact: false }))),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
