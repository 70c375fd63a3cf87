// Replaying a server reproducer: its scenario runs again against every
// target it names (the core in process, servers started again over
// loopback, or the same HOST:PORT), and each target's transcript and
// outcome are shown next to each other, the recorded ones first.
import { parseTargets, type TargetSpec } from '../../conformance/conformance-targets.js';
import { outcomeText, sideBySide } from '../../scenario/transcript-view.js';
import { readServerReproducer } from './reproducer.js';
import type { CoreFactory } from '../../scenario/in-process-target.js';
import { checkRuns, type CheckResult, type TargetRun } from './scenario-checker.js';
import { IN_PROCESS_TARGET, inProcessRun, startWireTargets } from './server-targets.js';

export interface ServerReplayResult {
  check: CheckResult;
  /** Findings now (0 once fixed). */
  failures: number;
}

/** `core`: replay the in-process side against another core than ours (a patched copy, in tests). */
export async function replayServerReproducer(file: string, log: (line: string) => void, budgetMs = 2000, core?: CoreFactory): Promise<ServerReplayResult> {
  const r = readServerReproducer(file);
  const f = r.finding;
  log(`replay ${file}: ${f.target} broke ${f.rule} (RFC 9113 §${f.section}) at step ${f.step} (seed ${r.seed}, scenario #${r.index})`);
  log(`recorded: expected ${f.expected}; it did: ${f.actual}`);
  log(sideBySide(r.scenario, r.sides.map((s) => ({ label: `${s.target} (recorded)`, transcript: s.transcript }))));
  const wireSpecs: TargetSpec[] = [];
  for (const t of r.targets) {
    if (t === IN_PROCESS_TARGET) continue;
    // A recorded target runs over the reproducer's transport; a built-in one is taken as installed (starting it says if not).
    wireSpecs.push(...parseTargets(t, { tls: r.tls, h2c: !r.tls }, () => true).targets);
  }
  const runs: TargetRun[] = r.targets.includes(IN_PROCESS_TARGET) ? [inProcessRun(core)(r.scenario)] : [];
  if (wireSpecs.length > 0) {
    const wire = await startWireTargets(wireSpecs, r.tls, budgetMs);
    try {
      runs.push(...(await wire.run(r.scenario)));
    } finally {
      await wire.stop();
    }
  }
  const check = checkRuns(r.scenario, runs);
  log('now:');
  log(sideBySide(r.scenario, check.sides.map((s) => ({ label: s.target, transcript: s.transcript }))));
  for (const s of check.sides) {
    log(`${s.target}: ${outcomeText(s.outcome)}`);
    log(s.finding ? `  FINDING ${s.finding.rule} (RFC 9113 §${s.finding.section}) at step ${s.finding.step}: expected ${s.finding.expected}; it did: ${s.finding.actual}` : '  no finding');
  }
  const failures = check.sides.filter((s) => s.finding).length;
  log(failures === 0 ? 'now: no finding' : `now: ${failures} target(s) with a finding`);
  return { check, failures };
}
