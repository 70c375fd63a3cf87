// One `h2harness fuzz hpack` run: load the implementation and oracles, run
// the chosen engine, write the reproducer of a failure, sample the slow
// oracles. The CLI verb is only argument parsing around this.
import { runFastCheck } from './fast-check-runner.js';
import type { FoundFailure } from './fast-check-runner.js';
import { FuzzStats, progressPrinter } from './fuzz-stats.js';
import { loadImplementation } from './implementation-loader.js';
import { buildFuzzTarget } from './oracle-loader.js';
import type { OracleName } from './oracle-loader.js';
import { buildReproducer, writeReproducer } from './reproducer.js';

export interface HpackFuzzOptions {
  seed: number;
  runs?: number;
  seconds?: number;
  oracles: OracleName[];
  impl?: string;
  out: string;
  log: (line: string) => void;
  /** Called after every generated session, e.g. to sample throughput for a report. */
  onProgress?: (stats: FuzzStats) => void;
}

export interface HpackFuzzResult {
  stats: FuzzStats;
  failure: FoundFailure | null;
  reproducerFile?: string;
  /** Seconds from start to the first failing case (before shrinking). */
  detectionSeconds?: number;
}

export async function runHpackFuzz(opts: HpackFuzzOptions): Promise<HpackFuzzResult> {
  const implementation = await loadImplementation(opts.impl);
  const target = await buildFuzzTarget(implementation, opts.oracles);
  const oracleNames = target.oracles.map((o) => o.impl.name);
  opts.log(`fuzz hpack: ${implementation.impl.name} against ${oracleNames.join(', ')} (engine fast-check, seed ${opts.seed})`);
  const stats = new FuzzStats();
  const show = progressPrinter(process.stderr);
  const failure = runFastCheck(target, { seed: opts.seed, runs: opts.runs, seconds: opts.seconds }, stats, (s) => {
    show(s);
    opts.onProgress?.(s);
  });
  const detectionSeconds = failure?.foundAfterSeconds;
  show(stats, true);
  const result: HpackFuzzResult = { stats, failure };
  if (failure) {
    const r = buildReproducer({ finding: failure.finding, implementation: implementation.module, oracles: oracleNames, engine: 'fast-check', seed: failure.seed, path: failure.path, hpackCase: failure.hpackCase });
    result.reproducerFile = writeReproducer(opts.out, r);
    result.detectionSeconds = detectionSeconds;
    opts.log(`FAIL property ${r.propertyNumber} (${r.property}) at block ${r.block}: ${r.message}`);
    opts.log(`  found after ${detectionSeconds?.toFixed(2)} s; seed ${failure.seed}, path ${failure.path ?? '-'}`);
    opts.log(`  reproducer: ${result.reproducerFile} (h2harness replay ${result.reproducerFile})`);
  }
  if (stats.latitude > 0) opts.log(`latitude by rule: ${stats.latitudeSummary()}`);
  opts.log(`sessions: ${stats.sessions} (${Math.round(stats.sessions / Math.max(stats.seconds(), 1e-3))}/s) of ${(stats.cases / Math.max(stats.sessions, 1)).toFixed(1)} blocks on average`);
  opts.log(stats.finalLine());
  return result;
}
