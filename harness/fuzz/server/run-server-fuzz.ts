// One `h2harness fuzz server` run: the in-process phase against the core,
// then (with --target) the wire phase, the same scenarios against every
// server; each distinct finding is shrunk and written as a reproducer. The
// CLI verb is only argument parsing around this.
import type { TargetSpec } from '../../conformance/conformance-targets.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import type { CoreFactory } from '../../scenario/in-process-target.js';
import { fuzzAsync, fuzzInProcess, type FoundFinding } from './fast-check-runner.js';
import { ServerFuzzStats } from './fuzz-stats.js';
import { progressPrinter } from '../progress-printer.js';
import { buildServerReproducer, writeServerReproducer } from './reproducer.js';
import { checkRuns } from './scenario-checker.js';
import { inProcessRun, startWireTargets, type WireTargets } from './server-targets.js';

export interface ServerFuzzOptions {
  seed: number;
  /** Scenarios per phase. */
  runs?: number;
  /** The whole run, shrinking included; with wire targets, a quarter goes to the in-process phase and the rest to the wire. */
  seconds?: number;
  targets: TargetSpec[];
  tls: boolean;
  out: string;
  /** Per-scenario time budget over the wire (ms). */
  budgetMs?: number;
  /** The core run in process (default: ours); tests pass patched copies. */
  core?: CoreFactory;
  /** Distinct findings kept per target and phase (in process default 10, over the wire 4). */
  maxFindings?: number;
  /** Skip the in-process phase (wire targets only). */
  wireOnly?: boolean;
  log: (line: string) => void;
  onProgress?: (stats: ServerFuzzStats) => void;
}

export interface ServerFinding {
  found: FoundFinding;
  file: string;
}

export interface ServerFuzzResult {
  stats: ServerFuzzStats;
  findings: ServerFinding[];
  /** Targets that could not be started (a failure under CI=true). */
  notRun: string[];
  /** Scenarios per second, per phase: `in-process` and each wire target. */
  rates: Record<string, number>;
}

export async function runServerFuzz(o: ServerFuzzOptions): Promise<ServerFuzzResult> {
  const stats = new ServerFuzzStats();
  const show = progressPrinter(process.stderr);
  const progress = (): void => {
    show(stats);
    o.onProgress?.(stats);
  };
  const wireShare = o.targets.length === 0 ? 0 : o.wireOnly ? 1 : 0.75;
  const share = (part: number): number | undefined => (o.seconds === undefined ? undefined : o.seconds * part);
  const deadline = o.seconds === undefined ? undefined : Date.now() + o.seconds * 1000;
  const found: FoundFinding[] = [];
  const rates: Record<string, number> = {};
  const notRun: string[] = [];
  o.log(`fuzz server: seed ${o.seed}${o.targets.length > 0 ? `, over ${o.tls ? 'TLS' : 'h2c'}` : ''}`);
  if (!o.wireOnly) {
    const run = inProcessRun(o.core);
    const t0 = stats.seconds();
    found.push(...fuzzInProcess((s) => checkRuns(s, [run(s)]), { seed: o.seed, runs: o.runs, seconds: share(1 - wireShare), maxFindings: o.maxFindings, ...phaseEnd(deadline, share(wireShare)) }, stats, progress));
    rates['in-process'] = Math.round(stats.scenarios / Math.max(stats.seconds() - t0, 1e-3));
    o.log(`in-process: ${stats.scenarios} scenarios (${rates['in-process']}/s)`);
  }
  if (o.targets.length > 0) {
    const budgetMs = o.budgetMs ?? 2000;
    let wire: WireTargets | undefined;
    try {
      wire = await startWireTargets(o.targets, o.tls, budgetMs);
    } catch (err) {
      if (!(err instanceof PeerNotInstalledError)) throw err;
      o.log(`wire targets: not run: ${err.message}`);
      notRun.push(...o.targets.map((t) => (t.kind === 'peer' ? t.name : `${t.host}:${t.port}`)));
    }
    if (wire) {
      const before = stats.scenarios;
      const t0 = stats.seconds();
      try {
        const w = wire;
        found.push(...(await fuzzAsync((s) => w.run(s).then((runs) => checkRuns(s, runs)), { seed: o.seed, runs: o.runs, seconds: wireSeconds(deadline, share(wireShare)), maxFindings: o.maxFindings ?? 4, targets: w.servers.length, shrinkMs: 5000, scenarioMs: budgetMs, ...phaseEnd(deadline, 0) }, stats, progress)));
      } finally {
        await wire.stop();
      }
      const rate = (stats.scenarios - before) / Math.max(stats.seconds() - t0, 1e-3);
      for (const srv of wire.servers) rates[srv.name] = Math.round(rate * 10) / 10;
      o.log(`wire (${wire.servers.map((s) => s.name).join(', ')}): ${stats.scenarios - before} scenarios, each against every target (${rate.toFixed(1)}/s)`);
    }
  }
  show(stats, true);
  const findings = found.map((f) => ({ found: f, file: writeServerReproducer(o.out, buildServerReproducer(f, o.tls)) }));
  for (const { found: f, file } of findings) {
    const x = f.check.finding!;
    o.log(`FINDING ${x.target}: ${x.rule} (RFC 9113 §${x.section}) at step ${x.step}`);
    o.log(`  expected ${x.expected}`);
    o.log(`  it did:  ${x.actual}`);
    o.log(`  found after ${f.foundAfterSeconds.toFixed(2)} s (seed ${f.seed}, scenario #${f.index}); shrunk to ${f.scenario.steps.length} steps`);
    o.log(`  reproducer: ${file} (h2harness replay ${file})`);
  }
  if (stats.latitude > 0) o.log(`latitude by rule: ${stats.latitudeSummary()}`);
  o.log(stats.finalLine());
  return { stats, findings, notRun, rates };
}

/** A phase's deadline: the run's, less what the phases after it are given (none without a deadline). */
function phaseEnd(deadline: number | undefined, laterSeconds = 0): { deadline?: number } {
  return deadline === undefined ? {} : { deadline: deadline - laterSeconds * 1000 };
}

/** The wire phase's generating time: its share, or what starting the servers left of it. */
function wireSeconds(deadline: number | undefined, share: number | undefined): number | undefined {
  return deadline === undefined || share === undefined ? share : Math.max(0, Math.min(share, (deadline - Date.now()) / 1000));
}
