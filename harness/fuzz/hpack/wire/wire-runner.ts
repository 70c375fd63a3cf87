// The fast-check engine for the wire oracles: async properties, one case at
// a time per peer (each exchange is a real connection), same seed → same
// cases, and on a failure fast-check shrinks the case through the same peer.
import fc from 'fast-check';
import type { WireOracle } from '../../../peers/wire/wire-oracle.js';
import type { Finding } from '../findings.js';
import { firstFailure } from '../findings.js';
import type { FuzzStats } from '../fuzz-stats.js';
import type { FuzzTarget } from '../fuzz-target.js';
import type { RunLimits } from '../fast-check-runner.js';
import { wireCase } from './wire-arbitraries.js';
import type { WireCase } from './wire-case.js';
import { checkWireCase, WireTroubleError } from './wire-checker.js';

export interface FoundWireFailure {
  oracle: WireOracle['name'];
  wireCase: WireCase;
  finding: Finding;
  seed: number;
  path: string | null;
  foundAfterSeconds: number;
}

/** Each shrinking step is a real exchange (nghttp: a process): a failure is worth a few seconds of shrinking, not the rest of the run. */
const SHRINK_SECONDS = 5;

/** Runs the wire cases against one peer; throws WireTroubleError when an exchange cannot be judged. */
export async function runWireOracle(target: FuzzTarget, oracle: WireOracle, limits: RunLimits, stats: FuzzStats, onProgress: (s: FuzzStats) => void): Promise<FoundWireFailure | null> {
  let shrinking = false;
  let foundAfterSeconds = 0;
  let trouble: unknown;
  // The finding of the last failing call: fast-check's counterexample is that call's case. Kept rather
  // than re-run, because an exchange may depend on timing (where the peer acknowledges our SETTINGS).
  let lastFailure: { c: WireCase; finding: Finding } | undefined;
  // fast-check's time limit abandons the case in flight (a race), not its
  // exchange: the run waits for that exchange, since the peer serves one at a
  // time and the next run reuses it, and ignores what it finds.
  let inFlight: Promise<unknown> = Promise.resolve();
  let over = false;
  const property = fc.asyncProperty(wireCase, (c) => {
    const run = checkOne(c);
    inFlight = run.catch(() => undefined);
    return run;
  });
  async function checkOne(c: WireCase): Promise<boolean> {
    // Past the shrinking budget every candidate counts as passing, which ends shrinking at the smallest failure so far.
    if (trouble || over || (shrinking && stats.seconds() - foundAfterSeconds > SHRINK_SECONDS)) return true;
    let result;
    try {
      result = await checkWireCase(target, oracle, c);
    } catch (err) {
      if (over) return true;
      if (!(err instanceof WireTroubleError) || shrinking) throw err;
      trouble = err;
      throw err; // ends the run (fast-check's shrinking then passes at once)
    }
    if (over) return true;
    const failed = firstFailure(result.findings);
    if (!shrinking) {
      stats.record(result.blocks, result.findings);
      onProgress(stats);
      if (failed) foundAfterSeconds = stats.seconds();
    }
    if (failed) {
      shrinking = true;
      lastFailure = { c, finding: failed };
    }
    return failed === undefined;
  }
  const details = await fc.check(property, {
    seed: limits.seed,
    numRuns: limits.runs ?? 2 ** 31 - 1,
    ...(limits.seconds !== undefined ? { interruptAfterTimeLimit: limits.seconds * 1000 } : {}),
    markInterruptAsFailure: false,
  });
  over = true;
  await inFlight;
  if (trouble) throw trouble;
  if (!details.failed) return null;
  // A failed check with no failing case is a property that threw: that error, not "nothing found".
  if (!lastFailure) throw details.errorInstance instanceof Error ? details.errorInstance : new Error(`wire run against ${oracle.name} failed: ${String(details.errorInstance)}`);
  stats.failures++;
  return { oracle: oracle.name, wireCase: lastFailure.c, finding: lastFailure.finding, seed: details.seed, path: details.counterexamplePath, foundAfterSeconds };
}
