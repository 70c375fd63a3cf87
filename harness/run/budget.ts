// Splitting the run's time budget: every fixed-cost stage gets its estimate
// (measured on this project's machine), and fuzzing, which runs last, takes
// whatever is left when it starts.
import { transportsOf, type TargetSpec } from '../conformance/target-grammar.js';
import type { Transport } from '../report/report-model.js';

export const STAGE_NAMES = ['vectors', 'conformance', 'interop', 'fuzz', 'attack'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * Seconds a full `h2spec --strict` run takes per target and transport
 * (node and nginx leave h2spec waiting on timeouts), re-runs included.
 */
const CONFORMANCE_SECONDS: Record<string, number> = { ref: 2, nghttpd: 4, node: 30, nginx: 110, h2o: 5, apache: 20, haproxy: 4, caddy: 20 };
const EXTERNAL_CONFORMANCE_SECONDS = 20;
/** The h2harness suite per target and transport: its cases run four at a time, each bounded, and took 2-4 s on every target measured. */
const SUITE_SECONDS = 5;
const VECTORS_SECONDS = 4;
/** Per target and transport. */
const INTEROP_SECONDS_PER_TARGET = 6;
/** Seconds each attack runs inside `run`, and what one costs with its settling time. */
export const RUN_ATTACK_SECONDS = 2;
export const RUN_ATTACK_SETTLE_MS = 1000;
const ATTACK_COUNT = 12;
const ATTACK_SECONDS_PER_TARGET = ATTACK_COUNT * (RUN_ATTACK_SECONDS + 1.5);
/** Kept for starting workers and writing the report. */
export const RESERVE_SECONDS = 2;
/** Fuzzing never gets less than this, even when the estimates exceed the budget. */
export const MIN_FUZZ_SECONDS = 3;

export function estimateSeconds(stage: Exclude<StageName, 'fuzz'>, targets: readonly TargetSpec[], transports: readonly Transport[]): number {
  switch (stage) {
    case 'vectors':
      return VECTORS_SECONDS;
    case 'interop':
      return INTEROP_SECONDS_PER_TARGET * targets.reduce((n, t) => n + transportsOf(t, transports).length, 0);
    case 'attack':
      return ATTACK_SECONDS_PER_TARGET * targets.reduce((n, t) => n + transportsOf(t, transports).length, 0);
    case 'conformance':
      return targets.reduce((n, t) => n + ((t.kind === 'peer' ? CONFORMANCE_SECONDS[t.name]! : EXTERNAL_CONFORMANCE_SECONDS) + SUITE_SECONDS) * transportsOf(t, transports).length, 0);
  }
}

/** Seconds left for fuzzing at `now`, given the run's deadline. */
export function fuzzSeconds(deadline: number, now: number): number {
  return Math.max(MIN_FUZZ_SECONDS, Math.floor((deadline - now) / 1000) - RESERVE_SECONDS);
}
