// One target through the suite, start to finish, as conformance-session.ts
// does for h2spec: start its server peer, play every case over loopback,
// stop the peer (also when anything throws). A peer that cannot start is a
// run with a status saying why.
import type { RunningServer } from '../../peers/server-peer.js';
import { sideBySide } from '../../scenario/transcript-view.js';
import type { ConformanceRun } from '../conformance-result.js';
import { runThatCouldNotStart, type RunHead } from '../conformance-session.js';
import { startTarget, targetLabel, type TargetSpec } from '../conformance-targets.js';
import { SUITE_NAME, SUITE_VERSION, UNKNOWN_BODY_PATH, runSuite, wirePlayer, type CaseRun } from './suite-runner.js';

export interface SuiteSessionOptions {
  tls: boolean;
  /** Only these case ids; all when absent. */
  ids?: readonly string[];
  parallel?: number;
  onStarted?: (server: RunningServer) => void;
}

export async function runSuiteTarget(spec: TargetSpec, o: SuiteSessionOptions): Promise<{ run: ConformanceRun; results: CaseRun[] }> {
  let server: RunningServer;
  try {
    server = await startTarget(spec, o.tls);
  } catch (err) {
    const head: RunHead = { tool: { name: SUITE_NAME, version: SUITE_VERSION, path: 'harness/conformance/suite' }, strict: true, specs: [...(o.ids ?? [])] };
    return { run: runThatCouldNotStart(spec, head, o.tls, err), results: [] };
  }
  o.onStarted?.(server);
  try {
    const target = { name: server.name, host: server.host, port: server.port, tls: o.tls };
    const bodyPath = server.routes ? server.routes.bodyPath : UNKNOWN_BODY_PATH;
    return await runSuite({ target, play: wirePlayer(target), bodyPath, ...(o.ids ? { ids: o.ids } : {}), parallel: o.parallel ?? 4 });
  } finally {
    await server.stop();
  }
}

/** A case run as text: its id, section, requirement, verdict, and the transcript step by step. */
export function caseRunText(r: CaseRun, target: string): string {
  const c = r.case;
  const lines = [`${c.id} (${c.section})`, `  ${c.requirement}`];
  if (r.verdict === null) return [...lines, `  skipped: ${r.skipped ?? 'not run'}`].join('\n');
  lines.push(`  ${r.verdict.passed ? 'passed' : 'FAILED'}: observed ${r.verdict.observed}`);
  for (const a of r.verdict.allowed) lines.push(`    allowed: ${a}`);
  if (r.transcript) lines.push(sideBySide(c.scenario, [{ label: target, transcript: r.transcript }]));
  return lines.join('\n');
}
