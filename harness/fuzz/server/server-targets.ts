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
    run: (s) => Promise.all(servers.map(async (srv) => ({ target: srv.name, transcript: await runOnWire(s, srv, { budgetMs }), exact: false }))),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
