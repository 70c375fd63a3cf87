// One `h2harness fuzz hpack` run: load the implementation and oracles, run
// the in-process cases and, at the same time in a process of their own (when
// asked), the wire cases through each real peer, and write the reproducer of
// the first failure. The CLI verb is
// only argument parsing around this.
import type { WireOracleName } from '../../peers/wire/wire-oracle.js';
import { runFastCheck } from './fast-check-runner.js';
import type { Finding } from './findings.js';
import { FuzzStats } from './fuzz-stats.js';
import { progressPrinter } from '../progress-printer.js';
import { loadImplementation } from './implementation-loader.js';
import { buildFuzzTarget } from './oracle-loader.js';
import type { OracleName } from './oracle-loader.js';
import { buildReproducer, writeReproducer } from './reproducer.js';
import type { Reproducer, ReproducerFacts } from './reproducer.js';
import { startWirePhase } from './wire/wire-phase.js';

export interface HpackFuzzOptions {
  seed: number;
  /** Cases per phase: the in-process cases, and each wire oracle's. */
  runs?: number;
  /** The whole run: the in-process cases take all of it, and the peers share all of it, in turn, in a process beside them. */
  seconds?: number;
  /** In-process oracles besides libnghttp2; with none, and peers named, only the wire cases run. */
  oracles: OracleName[];
  /** Peers reached over loopback (node:http2, nghttp). */
  wireOracles?: WireOracleName[];
  impl?: string;
  /** `--typed-error NAME`: only this class of error is --impl's rejection of an input. */
  typedError?: string;
  out: string;
  log: (line: string) => void;
  /** Called after every generated session, e.g. to sample throughput for a report. */
  onProgress?: (stats: FuzzStats) => void;
}

/** The first failure of a run, in either phase. */
export interface RunFailure {
  finding: Finding;
  seed: number | null;
  path: string | null;
  foundAfterSeconds: number;
  /** What the reproducer holds. */
  replay: Pick<ReproducerFacts, 'hpackCase' | 'wire'>;
}

export interface HpackFuzzResult {
  stats: FuzzStats;
  failure: RunFailure | null;
  reproducerFile?: string;
  /** Seconds from start to the first failing case (before shrinking). */
  detectionSeconds?: number;
  /** Wire oracles whose peer is not installed (a failure under CI=true). */
  notRun: string[];
}

export async function runHpackFuzz(opts: HpackFuzzOptions): Promise<HpackFuzzResult> {
  const implementation = await loadImplementation(opts.impl, opts.typedError);
  const target = await buildFuzzTarget(implementation, opts.oracles);
  const wire = opts.wireOracles ?? [];
  const oracleNames = [...target.oracles.map((o) => o.impl.name), ...wire];
  opts.log(`fuzz hpack: ${implementation.impl.name} against ${oracleNames.join(', ')} (engine fast-check, seed ${opts.seed})`);
  const stats = new FuzzStats();
  const show = progressPrinter(process.stderr);
  const progress = (s: FuzzStats): void => {
    show(s);
    opts.onProgress?.(s);
  };
  // The peers run in a process of their own for the whole time, beside the in-process cases (wire-phase-worker.ts says why).
  const inProcess = opts.oracles.length > 0 || wire.length === 0;
  const wirePhase = wire.length > 0 ? startWirePhase({ startedAt: Date.now() - stats.seconds() * 1000, seed: opts.seed, runs: opts.runs, deadline: opts.seconds === undefined ? undefined : Date.now() + opts.seconds * 1000, wireOracles: wire, impl: opts.impl, typedError: opts.typedError }) : null;
  let found;
  try {
    found = inProcess ? runFastCheck(target, { seed: opts.seed, runs: opts.runs, seconds: opts.seconds }, stats, progress) : null;
  } catch (err) {
    wirePhase?.stop();
    throw err;
  }
  // Before the wire phase's counts join: its CPU time is its own process's.
  if (inProcess) opts.log(stats.cpuLine());
  let failure: RunFailure | null = found && { finding: found.finding, seed: found.seed, path: found.path, foundAfterSeconds: found.foundAfterSeconds, replay: { hpackCase: found.hpackCase } };
  const notRun: string[] = [];
  if (wirePhase && failure) {
    // The first failure is the run's: what the peers were doing is cut short.
    wirePhase.stop();
    await wirePhase.result.catch(() => undefined);
  } else if (wirePhase) {
    const w = await wirePhase.result;
    for (const line of w.lines) opts.log(line);
    notRun.push(...w.notRun);
    stats.add(w.counts);
    stats.failures += w.failures;
    if (w.failure) failure = { finding: w.failure.finding, seed: w.failure.seed, path: w.failure.path, foundAfterSeconds: w.failure.foundAfterSeconds, replay: { wire: { oracle: w.failure.oracle, case: w.failure.wireCase } } };
    progress(stats);
  }
  show(stats, true);
  return finishRun({ stats, failure, notRun, implementation: implementation.module, oracles: oracleNames, engine: 'fast-check', out: opts.out, log: opts.log });
}

export interface RunEnding {
  stats: FuzzStats;
  failure: RunFailure | null;
  notRun: string[];
  implementation: string;
  oracles: string[];
  engine: Reproducer['engine'];
  out: string;
  log: (line: string) => void;
  /** jsfuzz's input that decoded to the failing case, before shrinking. */
  input?: string;
}

/** The end of a run, whichever engine: the reproducer of its failure and the closing lines. */
export function finishRun(e: RunEnding): HpackFuzzResult {
  const { stats, failure, log } = e;
  const result: HpackFuzzResult = { stats, failure, notRun: e.notRun };
  if (failure) {
    const r = buildReproducer({ finding: failure.finding, implementation: e.implementation, oracles: e.oracles, engine: e.engine, seed: failure.seed, path: failure.path, input: e.input, ...failure.replay });
    result.reproducerFile = writeReproducer(e.out, r);
    result.detectionSeconds = failure.foundAfterSeconds;
    log(`FAIL property ${r.propertyNumber} (${r.property}) at block ${r.block}${r.wire ? ` with ${r.wire.oracle}` : ''}: ${r.message}`);
    log(`  found after ${failure.foundAfterSeconds.toFixed(2)} s; ${e.engine === 'jsfuzz' ? `jsfuzz input ${shortHex(e.input ?? '')}` : `seed ${failure.seed}, path ${failure.path ?? '-'}`}`);
    log(`  reproducer: ${result.reproducerFile} (h2harness replay ${result.reproducerFile})`);
  }
  if (stats.latitude > 0) log(`latitude by rule: ${stats.latitudeSummary()}`);
  log(`sessions: ${stats.sessions} (${Math.round(stats.sessions / Math.max(stats.seconds(), 1e-3))}/s) of ${(stats.cases / Math.max(stats.sessions, 1)).toFixed(1)} blocks on average`);
  log(stats.finalLine());
  return result;
}

const shortHex = (hex: string): string => (hex.length > 64 ? `${hex.slice(0, 64)}… (${hex.length / 2} octets)` : hex);
