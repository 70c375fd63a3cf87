// The fast-check engine for server scenarios: one seed, the same scenarios.
// Each scenario runs against every target and is judged; the run goes on
// after a finding (a run against node:http2 and nghttpd meets their known
// deviations early) and keeps the first scenario of each distinct finding.
// Afterwards each is shrunk (scenario-shrinker.ts) while the same target
// still breaks the same rule the same way.
import fc from 'fast-check';
import type { Scenario } from '../../scenario/scenario.js';
import type { ServerFuzzStats } from './fuzz-stats.js';
import type { CheckResult } from './scenario-checker.js';
import type { Finding } from './verdict.js';
import { plan, planToScenario, type Action } from './scenario-arbitraries.js';
import { shrinkPlan, shrinkPlanAsync } from './scenario-shrinker.js';

export interface RunLimits {
  seed: number;
  runs?: number;
  seconds?: number;
  /** Keep at most this many distinct findings per target (default 10). */
  maxFindings?: number;
  /** How many targets each scenario runs against: the run stops once every one has its maximum. */
  targets?: number;
  /** Time for shrinking each finding (ms). */
  shrinkMs?: number;
  /**
   * When everything, shrinking included, must be over (ms since the epoch).
   * Generating stops early enough to shrink what it found, and each finding
   * gets an equal part of what is left (none when nothing is: it is then
   * kept as first seen), so a run given N seconds ends after N seconds.
   */
  deadline?: number;
  /** The longest one scenario can take (ms; the wire's per-scenario budget): a shrink overruns its time by up to one, and its check after by one more. */
  scenarioMs?: number;
}

/** Generating never leaves more than this share of a run with a deadline to shrinking. */
const MAX_SHRINK_SHARE = 0.3;
/** Below this, shrinking one finding is not tried: a wire scenario alone can take longer. */
const MIN_SHRINK_MS = 250;

export interface FoundFinding {
  scenario: Scenario;
  check: CheckResult;
  seed: number;
  /** Index of the generated scenario (in the seed's sequence) where it was first seen. */
  index: number;
  /** Seconds from the start of the run to that scenario, before shrinking. */
  foundAfterSeconds: number;
}

interface Candidate {
  actions: Action[];
  key: string;
  index: number;
  at: number;
  /** The check that found it: kept for a wire target that does not repeat itself. */
  check: CheckResult;
}

/**
 * What makes two findings the same: the target, the rule broken, the kind of
 * answer expected (GOAWAY or RST_STREAM and its codes) and the kind of answer
 * it gave, with stream numbers and responses aside. The rule is part of it
 * because the baseline accepts findings by rule: were node:http2 answering
 * every connection error with INTERNAL_ERROR one finding, the rule it is
 * reported under would be whichever the seed met first.
 */
function keyOfFinding(f: Finding): string {
  const expected = f.expected.split(' (')[0]!.replace(/ on stream \d+/, '');
  const actual = f.actual.replace(/ \(last stream \d+\)| on stream \d+|answered \d+, |, closed the connection/g, '');
  return `${f.target} | ${f.rule} | ${expected} | ${actual}`;
}

/** Every target's finding in one check: the same scenario may catch several servers at once. */
const findingsOf = (r: CheckResult): Finding[] => r.sides.flatMap((s) => (s.finding ? [s.finding] : []));

/** Whether `r` shows the finding `key` (on its own target), and the check narrowed to it. */
function narrowed(r: CheckResult, key: string): CheckResult | null {
  const f = findingsOf(r).find((x) => keyOfFinding(x) === key);
  return f ? { ...r, finding: f } : null;
}

function checkOptions(limits: RunLimits): fc.Parameters<[Action[]]> {
  return {
    seed: limits.seed,
    numRuns: limits.runs ?? 2 ** 31 - 1,
    ...(limits.seconds !== undefined ? { interruptAfterTimeLimit: limits.seconds * 1000 } : {}),
    markInterruptAsFailure: false,
  };
}

/**
 * What both runners keep while fast-check runs: each distinct finding once
 * (its first scenario), at most `maxFindings` per target, and whether every
 * target has its share, when the run can stop.
 */
class FindingCollector {
  readonly candidates = new Map<string, Candidate>();
  #index = 0;
  readonly #max: number;
  readonly #targets: number;
  readonly #perTarget = new Map<string, number>();
  readonly #full = new Set<string>();

  readonly #stopAt: (() => number) | undefined;

  constructor(limits: RunLimits, readonly stats: ServerFuzzStats) {
    this.#max = limits.maxFindings ?? 10;
    this.#targets = limits.targets ?? 1;
    const { deadline, seconds } = limits;
    if (deadline !== undefined) {
      const maxShrink = (seconds ?? (deadline - Date.now()) / 1000) * 1000 * MAX_SHRINK_SHARE;
      this.#stopAt = () => deadline - Math.min(maxShrink, this.candidates.size * perFindingMs(limits, limits.shrinkMs ?? DEFAULT_SHRINK_MS));
    }
  }

  /** Enough distinct findings on every target, or only the time left to shrink them. */
  get done(): boolean {
    return this.#full.size >= this.#targets || (this.#stopAt !== undefined && Date.now() >= this.#stopAt());
  }

  add(actions: Action[], r: CheckResult): void {
    this.stats.record(r.latitude);
    for (const f of findingsOf(r)) {
      const key = keyOfFinding(f);
      if (this.candidates.has(key) || this.#full.has(f.target)) continue;
      this.candidates.set(key, { actions, key, index: this.#index, at: this.stats.seconds(), check: { ...r, finding: f } });
      this.#perTarget.set(f.target, (this.#perTarget.get(f.target) ?? 0) + 1);
      if (this.#perTarget.get(f.target)! >= this.#max) this.#full.add(f.target);
    }
    this.#index++;
  }
}

/** In process: every target runs synchronously, so no promise per scenario. */
export function fuzzInProcess(check: (s: Scenario) => CheckResult, limits: RunLimits, stats: ServerFuzzStats, onProgress: () => void): FoundFinding[] {
  const found = new FindingCollector(limits, stats);
  const property = fc.property(plan, (actions: Action[]) => {
    // Enough distinct findings on every target, or out of time: fail at once so fast-check stops (its shrinking of this one is cheap and ignored).
    if (found.done) return false;
    found.add(actions, check(planToScenario(actions)));
    onProgress();
    return true;
  });
  // Almost every scenario makes the core throw a typed protocol error, which
  // it turns into a frame; their stack traces are never read, and capturing
  // them is a measurable part of the loop.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    fc.check(property, checkOptions(limits));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const candidates = [...found.candidates.values()];
  return candidates.map((c, i) => {
    const ms = shrinkBudget(limits, candidates.length - i);
    stats.findings++;
    if (ms === null) return asFirstSeen(c, limits);
    const { scenario } = shrinkPlan(c.actions, (s) => narrowed(check(s), c.key) !== null, ms);
    return { scenario, check: narrowed(check(scenario), c.key) ?? c.check, seed: limits.seed, index: c.index, foundAfterSeconds: c.at };
  });
}

const DEFAULT_SHRINK_MS = 5000;

/** What one finding costs: its shrinking time, the scenario that may overrun it and the check after. */
const perFindingMs = (limits: RunLimits, shrinkMs: number): number => shrinkMs + 2 * (limits.scenarioMs ?? 0);

/** Milliseconds for shrinking the next of `left` findings; null when the deadline leaves too little. */
function shrinkBudget(limits: RunLimits, left: number): number | null {
  const ms = limits.shrinkMs ?? DEFAULT_SHRINK_MS;
  if (limits.deadline === undefined) return ms;
  const share = Math.min(ms, (limits.deadline - Date.now()) / left - perFindingMs(limits, 0));
  return share >= MIN_SHRINK_MS ? share : null;
}

/** A finding kept as the scenario that first showed it, unshrunk. */
function asFirstSeen(c: Candidate, limits: RunLimits): FoundFinding {
  return { scenario: planToScenario(c.actions), check: c.check, seed: limits.seed, index: c.index, foundAfterSeconds: c.at };
}

/** Over the wire: targets answer asynchronously; one scenario at a time. */
export async function fuzzAsync(check: (s: Scenario) => Promise<CheckResult>, limits: RunLimits, stats: ServerFuzzStats, onProgress: () => void): Promise<FoundFinding[]> {
  const found = new FindingCollector(limits, stats);
  const property = fc.asyncProperty(plan, async (actions: Action[]) => {
    // Enough distinct findings on every target, or out of time: fail at once so fast-check stops (its shrinking of this one is cheap and ignored).
    if (found.done) return false;
    found.add(actions, await check(planToScenario(actions)));
    onProgress();
    return true;
  });
  await fc.check(property, checkOptions(limits));
  const out: FoundFinding[] = [];
  const candidates = [...found.candidates.values()];
  for (const [i, c] of candidates.entries()) {
    const ms = shrinkBudget(limits, candidates.length - i);
    if (ms === null) {
      stats.findings++;
      out.push(asFirstSeen(c, limits));
      continue;
    }
    const { scenario } = await shrinkPlanAsync(c.actions, async (s) => narrowed(await check(s), c.key) !== null, ms);
    const again = narrowed(await check(scenario), c.key);
    stats.findings++;
    // A wire target that raced may not repeat it: keep the scenario and the check as first seen then.
    const kept = again ? { scenario, check: again } : { scenario: planToScenario(c.actions), check: c.check };
    out.push({ ...kept, seed: limits.seed, index: c.index, foundAfterSeconds: c.at });
  }
  return out;
}
