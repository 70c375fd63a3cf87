// One target, start to finish: start its server peer, run h2spec against
// it, stop the peer (also when anything throws). A peer that cannot start
// becomes a run with a status saying why, so `--target all` still reports
// the other targets.
import { PeerNotInstalledError, PeerUnavailableError } from '../peers/peer-availability.js';
import type { RunningServer } from '../peers/server-peer.js';
import { countOutcomes, type ConformanceRun, type RunStatus } from './conformance-result.js';
import { startTarget, targetLabel, type TargetSpec } from './conformance-targets.js';
import type { H2specTool } from './h2spec-locator.js';
import { runH2spec } from './h2spec-runner.js';

export interface SessionOptions {
  h2spec: H2specTool;
  tls: boolean;
  strict: boolean;
  specs: readonly string[];
  caseTimeoutSec: number;
  overallTimeoutMs: number;
  /** Called with the running server, so a Ctrl-C handler can stop it. */
  onStarted?: (server: RunningServer) => void;
}

/** What a run says of itself: its tool, and the cases it was asked for. */
export type RunHead = Pick<ConformanceRun, 'tool' | 'strict' | 'specs'>;

/**
 * The run of a target whose server could not be started (either suite): a
 * status saying why (not installed, unavailable, crashed) and no cases.
 */
export function runThatCouldNotStart(spec: TargetSpec, head: RunHead, tls: boolean, err: unknown): ConformanceRun {
  const [status, problem]: [RunStatus, string] =
    err instanceof PeerNotInstalledError
      ? ['not-installed', err.message]
      : err instanceof PeerUnavailableError
        ? ['unavailable', err.message]
        : ['crashed', `could not start ${targetLabel(spec)}: ${(err as Error).message}`];
  return {
    ...head,
    target: { name: targetLabel(spec), host: '', port: 0, tls },
    startedAt: new Date().toISOString(),
    durationMs: 0,
    status,
    problems: [problem],
    exitCode: null,
    cases: [],
    counts: countOutcomes([]),
  };
}

export async function runConformanceTarget(spec: TargetSpec, o: SessionOptions): Promise<ConformanceRun> {
  let server: RunningServer;
  try {
    server = await startTarget(spec, o.tls);
  } catch (err) {
    return runThatCouldNotStart(spec, { tool: { name: 'h2spec', version: o.h2spec.version, path: o.h2spec.path }, strict: o.strict, specs: [...o.specs] }, o.tls, err);
  }
  o.onStarted?.(server);
  try {
    return await runH2spec({
      h2spec: o.h2spec,
      target: { name: server.name, host: server.host, port: server.port, tls: o.tls, ...(server.version ? { version: server.version } : {}) },
      strict: o.strict,
      specs: o.specs,
      caseTimeoutSec: o.caseTimeoutSec,
      overallTimeoutMs: o.overallTimeoutMs,
    });
  } finally {
    await server.stop();
  }
}
