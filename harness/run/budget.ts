// Splitting the run's time budget. The fixed-cost stages (vectors,
// conformance, interop) run whole and get their estimates (measured on this
// project's machine); the attack stage gets what they leave less a floor kept
// for fuzzing, and attacks only the targets that fit in it, naming the others
// as skipped; fuzzing, which runs last, takes whatever is left when it
// starts, and ends on time (its shrinking included).
import { ATTACKS } from '../attack/attack-catalogue.js';
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
/** Per target and transport (13 clients; a `--target all` run measured 34 s for 16). */
const INTEROP_SECONDS_PER_TARGET = 3;
/** Seconds each attack runs inside `run`, and what one costs with its settling time. */
export const RUN_ATTACK_SECONDS = 2;
export const RUN_ATTACK_SETTLE_MS = 1000;
/** Starting an attack's connections and reading the server's memory, beyond its run and settling time. */
const ATTACK_OVERHEAD_SECONDS = 0.5;

/**
 * The attacks run again in a pass: one that does not pass is re-run on a fresh
 * server (a noisy machine is not a finding), about a third of them against
 * ours or node:http2 (a `--target all` pass against ref took 57 s, not 42).
 */
const ATTACK_RERUN_SHARE = 1 / 3;

/** Seconds one pass of `attacks` attacks (and its re-runs) against one target over one transport takes. */
export function attackPassSeconds(attacks: number, seconds: number, settleMs: number): number {
  return Math.round(attacks * (1 + ATTACK_RERUN_SHARE) * (seconds + settleMs / 1000 + ATTACK_OVERHEAD_SECONDS));
}
const ATTACK_SECONDS_PER_TARGET = attackPassSeconds(ATTACKS.length, RUN_ATTACK_SECONDS, RUN_ATTACK_SETTLE_MS);
/** Kept for starting workers and writing the report. */
export const RESERVE_SECONDS = 2;
/** Fuzzing never gets less than this, even when the estimates exceed the budget. */
export const MIN_FUZZ_SECONDS = 3;
/**
 * The share of the budget the attack stage leaves to fuzzing: the fuzzers are
 * what meets the cases nobody wrote, so a large run does not spend all of its
 * time on floods.
 */
const FUZZ_FLOOR_SHARE = 0.1;

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

/** Seconds kept for fuzzing (HPACK and server scenarios) whatever the stages before it took. */
export function fuzzFloorSeconds(budgetSeconds: number): number {
  return Math.max(MIN_FUZZ_SECONDS, Math.round(budgetSeconds * FUZZ_FLOOR_SHARE));
}

/** When the attack stage must be over: the run's deadline less the fuzz floor (when fuzzing runs) and the reserve. */
export function attackDeadline(deadline: number, budgetSeconds: number, fuzz: boolean): number {
  return deadline - ((fuzz ? fuzzFloorSeconds(budgetSeconds) : 0) + RESERVE_SECONDS) * 1000;
}
