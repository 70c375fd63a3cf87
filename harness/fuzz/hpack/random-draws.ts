// Draws from fast-check's random source without its combinators. The case
// generator is a plain function of fast-check's Random, so a run is still
// one seed (same seed, same cases) and fast-check still drives the check and
// its shrinking, but a case costs a few dozen draws instead of a tree of
// oneof/record/map/tuple layers, each of which wrapped, cloned and bias-checked
// every value it produced (fast-check itself took about a fifth of a run
// against libnghttp2, its garbage collection more).
import type fc from 'fast-check';

export type Random = fc.Random;
export type Draw<T> = (r: Random) => T;

/**
 * An integer in [min, max], uniform, except that one draw in eight lands on
 * the few values at either end: fast-check's bias toward its bounds, where
 * the edges of HPACK's ranges are (a bit in the first octet, a cut after one
 * octet, an index just past the table).
 */
export function int(r: Random, min: number, max: number): number {
  if (max - min > 8) {
    const roll = r.nextInt(0, 15);
    if (roll === 0) return r.nextInt(min, min + 3);
    if (roll === 1) return r.nextInt(max - 3, max);
  }
  return r.nextInt(min, max);
}

/** One of the draws, with the given weights (as fc.oneof's). */
export function weighted<T>(choices: ReadonlyArray<readonly [weight: number, draw: Draw<T>]>): Draw<T> {
  // bounds[i]: the weights of choices 0..i summed; a roll below it and not below bounds[i-1] picks choice i.
  const bounds = new Int32Array(choices.length);
  let total = 0;
  choices.forEach(([w], i) => (bounds[i] = total += w));
  const draws = choices.map(([, d]) => d);
  return (r) => {
    const roll = r.nextInt(0, total - 1);
    let i = 0;
    while (roll >= bounds[i]!) i++;
    return draws[i]!(r);
  };
}

/** One element of a fixed pool (as fc.constantFrom, without copying it). */
export function pick<T>(pool: readonly T[]): Draw<T> {
  const last = pool.length - 1;
  return (r) => pool[r.nextInt(0, last)]!;
}

/** minLength to maxLength draws in a new array. */
export function arrayOf<T>(draw: Draw<T>, minLength: number, maxLength: number): Draw<T[]> {
  return (r) => {
    const n = r.nextInt(minLength, maxLength);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = draw(r);
    return out;
  };
}

/** Random octets, minLength to maxLength of them. */
export function bytes(minLength: number, maxLength: number): Draw<Uint8Array> {
  return (r) => {
    const out = new Uint8Array(r.nextInt(minLength, maxLength));
    for (let i = 0; i < out.length; i++) out[i] = r.nextInt(0, 255);
    return out;
  };
}
