// Shrinking a finding: greedy, one simplification at a time, keeping any that
// still breaks the same rule on the same target, until none does or the
// budget is spent. First on the plan (drop whole actions, then simplify
// what is left), then on the scenario itself (drop single steps), so a
// reproducer shows the few frames that matter. Synchronous and
// asynchronous versions share the candidate generators.
import type { Scenario } from '../../scenario/scenario.js';
import { planToScenario, type Action } from './scenario-arbitraries.js';

const without = <T>(xs: readonly T[], i: number): T[] => [...xs.slice(0, i), ...xs.slice(i + 1)];
const replaced = <T>(xs: readonly T[], i: number, x: T): T[] => [...xs.slice(0, i), x, ...xs.slice(i + 1)];

function* simplerAction(a: Action): Generator<Action> {
  switch (a.k) {
    case 'deviation':
      if (a.ref !== 0) yield { ...a, ref: 0 };
      if (a.n !== 0) yield { ...a, n: 0 };
      return;
    case 'post':
      if (a.chunks.length > 1) yield { ...a, chunks: [a.chunks[0]!] };
      if (a.chunks.some((c) => c !== 0)) yield { ...a, chunks: a.chunks.map(() => 0) };
      if (a.trailers) yield { ...a, trailers: false };
      if (a.padded) yield { ...a, padded: false };
      if (a.contentLength !== 'none') yield { ...a, contentLength: 'none' };
      return;
    case 'get':
      if (a.extra.length > 0) yield { ...a, extra: [] };
      if (a.path !== '/') yield { ...a, path: '/' };
      return;
    case 'settings':
      for (let i = 0; i < a.pairs.length; i++) yield { ...a, pairs: without(a.pairs, i) };
      return;
    default:
      return;
  }
}

function* simplerPlans(actions: readonly Action[]): Generator<Action[]> {
  for (let i = actions.length - 1; i >= 0; i--) yield without(actions, i);
  for (let i = 0; i < actions.length; i++) for (const a of simplerAction(actions[i]!)) yield replaced(actions, i, a);
}

function* simplerScenarios(s: Scenario): Generator<Scenario> {
  for (let i = s.steps.length - 1; i >= 1; i--) yield { steps: without(s.steps, i) };
}

export interface ShrinkResult {
  scenario: Scenario;
  /** Simplifications kept. */
  steps: number;
  /** False when the budget ran out first. */
  complete: boolean;
}

export function shrinkPlan(actions: readonly Action[], stillFails: (s: Scenario) => boolean, budgetMs: number): ShrinkResult {
  const deadline = performance.now() + budgetMs;
  let plan = [...actions];
  let kept = 0;
  const greedy = <T>(start: T, next: (x: T) => Generator<T>, fails: (x: T) => boolean): { value: T; complete: boolean } => {
    let current = start;
    for (;;) {
      let improved = false;
      for (const c of next(current)) {
        if (performance.now() > deadline) return { value: current, complete: false };
        if (!fails(c)) continue;
        current = c;
        kept++;
        improved = true;
        break;
      }
      if (!improved) return { value: current, complete: true };
    }
  };
  const p = greedy(plan, simplerPlans, (x) => stillFails(planToScenario(x)));
  plan = p.value;
  const s = greedy(planToScenario(plan), simplerScenarios, stillFails);
  return { scenario: s.value, steps: kept, complete: p.complete && s.complete };
}

export async function shrinkPlanAsync(actions: readonly Action[], stillFails: (s: Scenario) => Promise<boolean>, budgetMs: number): Promise<ShrinkResult> {
  const deadline = performance.now() + budgetMs;
  let kept = 0;
  const greedy = async <T>(start: T, next: (x: T) => Generator<T>, fails: (x: T) => Promise<boolean>): Promise<{ value: T; complete: boolean }> => {
    let current = start;
    for (;;) {
      let improved = false;
      for (const c of next(current)) {
        if (performance.now() > deadline) return { value: current, complete: false };
        if (!(await fails(c))) continue;
        current = c;
        kept++;
        improved = true;
        break;
      }
      if (!improved) return { value: current, complete: true };
    }
  };
  const p = await greedy([...actions], simplerPlans, (x) => stillFails(planToScenario(x)));
  const s = await greedy(planToScenario(p.value), simplerScenarios, stillFails);
  return { scenario: s.value, steps: kept, complete: p.complete && s.complete };
}
