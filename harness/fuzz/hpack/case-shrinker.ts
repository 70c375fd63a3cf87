// Shrinking a failing case found without fast-check (the jsfuzz engine hands
// over bytes, not a value fast-check can shrink): greedy, one simplification
// at a time, keeping any that still fails the same way, until none does or
// the time budget is spent. A reproducer of two fields beats one of sixty.
import type { InputField } from '../../peers/hpack-implementation.js';
import { toBytes } from '../../peers/hpack-implementation.js';
import type { BlockMutation, HpackCase, SessionStep } from './hpack-case.js';

const without = <T>(xs: readonly T[], i: number): T[] => [...xs.slice(0, i), ...xs.slice(i + 1)];
const replaced = <T>(xs: readonly T[], i: number, x: T): T[] => [...xs.slice(0, i), x, ...xs.slice(i + 1)];

/** Smaller versions of one string: empty, half, one octet shorter. */
function shorter(part: InputField[0]): Uint8Array[] {
  const b = toBytes(part);
  if (b.length === 0) return [];
  const out = [new Uint8Array(0), b.subarray(0, b.length >> 1)];
  if (b.length > 1) out.push(b.subarray(0, b.length - 1));
  return out;
}

function* simplerFields(f: InputField): Generator<InputField> {
  const sensitive = f[2]?.sensitive === true;
  const make = (name: InputField[0], value: InputField[1], s = sensitive): InputField => (s ? [name, value, { sensitive: true }] : [name, value]);
  if (sensitive) yield make(f[0], f[1], false);
  for (const v of shorter(f[1])) yield make(f[0], v);
  for (const n of shorter(f[0])) yield make(n, f[1]);
}

function* simplerSteps(steps: readonly SessionStep[]): Generator<SessionStep[]> {
  for (let i = steps.length - 1; i >= 0; i--) yield without(steps, i);
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'settings') {
      for (const size of [4096, 0]) if (s.size !== size) yield replaced(steps, i, { kind: 'settings', size });
      continue;
    }
    for (let j = s.fields.length - 1; j >= 0; j--) yield replaced(steps, i, { kind: 'headers', fields: without(s.fields, j) });
    for (let j = 0; j < s.fields.length; j++) {
      for (const f of simplerFields(s.fields[j]!)) yield replaced(steps, i, { kind: 'headers', fields: replaced(s.fields, j, f) });
    }
  }
}

function* simplerMutations(ms: readonly BlockMutation[]): Generator<BlockMutation[]> {
  if (ms.length > 1) yield [];
  for (let i = ms.length - 1; i >= 0; i--) yield without(ms, i);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.block !== 0) yield replaced(ms, i, { ...m, block: 0 });
    if (m.kind === 'raw' && m.bytes.length > 1) yield replaced(ms, i, { ...m, bytes: m.bytes.subarray(0, m.bytes.length >> 1) });
  }
}

/** Each simplification of a case by one step: the shrinking of both engines. */
export function* simplerCases(c: HpackCase): Generator<HpackCase> {
  for (const mutations of simplerMutations(c.mutations)) yield { ...c, mutations };
  for (const steps of simplerSteps(c.session.steps)) yield { ...c, session: { ...c.session, steps } };
  if (c.session.deflaterCap !== 4096) yield { ...c, session: { ...c.session, deflaterCap: 4096 } };
}

export interface ShrinkResult {
  hpackCase: HpackCase;
  /** Simplifications kept. */
  steps: number;
  /** False when the budget ran out before no simplification was left. */
  complete: boolean;
}

export function shrinkCase(c: HpackCase, stillFails: (candidate: HpackCase) => boolean, budgetMs: number): ShrinkResult {
  const deadline = performance.now() + budgetMs;
  let current = c;
  let steps = 0;
  for (;;) {
    let improved = false;
    for (const candidate of simplerCases(current)) {
      if (performance.now() > deadline) return { hpackCase: current, steps, complete: false };
      if (!stillFails(candidate)) continue;
      current = candidate;
      steps++;
      improved = true;
      break;
    }
    if (!improved) return { hpackCase: current, steps, complete: true };
  }
}
