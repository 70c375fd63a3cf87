// The fast-check engine: generates cases from one seed (same seed, same
// cases), checks properties 1–5 on each, and on the first failure lets
// fast-check shrink it, then writes the shrunk case as a reproducer.
import fc from 'fast-check';
import { checkCase } from './case-checker.js';
import type { Finding } from './findings.js';
import { firstFailure } from './findings.js';
import type { FuzzTarget } from './fuzz-target.js';
import { withFullTables } from './fuzz-target.js';
import type { HpackCase } from './hpack-case.js';
import { hpackCase } from './mutation-arbitraries.js';
import type { FuzzStats } from './fuzz-stats.js';

export interface RunLimits {
  seed: number;
  /** Stop after this many cases (fast-check's numRuns). */
  runs?: number;
  /** Stop after this many seconds (fast-check's interruptAfterTimeLimit; shrinking included). */
  seconds?: number;
}

export interface FoundFailure {
  hpackCase: HpackCase;
  finding: Finding;
  seed: number;
  path: string | null;
  /** Seconds from the start of the run to the first failing case, before shrinking. */
  foundAfterSeconds: number;
}

export function runFastCheck(target: FuzzTarget, limits: RunLimits, stats: FuzzStats, onProgress: (s: FuzzStats) => void): FoundFailure | null {
  // Once a case failed, every later call is fast-check shrinking: not new cases.
  let shrinking = false;
  let foundAfterSeconds = 0;
  const property = fc.property(hpackCase, (c) => {
    const result = checkCase(target, c);
    const failed = firstFailure(result.findings);
    if (!shrinking) {
      stats.record(result.blocks, result.findings);
      onProgress(stats);
    }
    if (failed && !shrinking) foundAfterSeconds = stats.seconds();
    if (failed) shrinking = true;
    return failed === undefined;
  });
  const details = fc.check(property, {
    seed: limits.seed,
    numRuns: limits.runs ?? 2 ** 31 - 1,
    ...(limits.seconds !== undefined ? { interruptAfterTimeLimit: limits.seconds * 1000 } : {}),
    markInterruptAsFailure: false,
  });
  if (!details.failed || !details.counterexample) return null;
  const hpackCaseFound = details.counterexample[0];
  const finding = firstFailure(checkCase(withFullTables(target), hpackCaseFound).findings);
  if (!finding) return null; // not reproducible: cannot happen with deterministic implementations
  stats.failures++;
  return { hpackCase: hpackCaseFound, finding, seed: details.seed, path: details.counterexamplePath, foundAfterSeconds };
}
