// Who is fuzzed and against whom: the implementation under test with its
// typed-error test, libnghttp2 (the reference for tables, bytes and
// malformed input) and the other in-process oracles with their limits.
import type { HpackImplementation } from '../../peers/hpack-implementation.js';
import type { HpackSession } from './hpack-case.js';
import type { TableReadout, TypedErrorTest } from './session-driver.js';

export interface ImplementationUnderTest {
  impl: HpackImplementation;
  isTyped: TypedErrorTest;
  /** Property 4: only ours promises libnghttp2's exact bytes. */
  byteIdentity: boolean;
  /** `ours`, or the --impl module as given: written into reproducers so replay loads the same one. */
  module: string;
}

export interface InProcessOracle {
  impl: HpackImplementation;
  /** Largest table size this oracle can be driven with (hpack.js asserts above its creation size). */
  maxTableSize: number;
  /**
   * Longest name or value this oracle is given (octets): past it the case is
   * checked against libnghttp2 alone. hpack.js turns every string into an
   * array of codes and walks it bit by bit, so the fuzzer's 16 to 66 KB
   * fields took most of its time in a run against it, while libnghttp2
   * (which reads them natively) already checks every one of them.
   */
  maxFieldLength: number;
}

export interface FuzzTarget {
  target: ImplementationUnderTest;
  nghttp2: HpackImplementation;
  /** Every in-process oracle, libnghttp2 included. */
  oracles: InProcessOracle[];
  /** Property 3: sizes after every block and entries after the last ('last-block'), or entries after every block. */
  readout: Exclude<TableReadout, 'none'>;
}

export const anyErrorIsTyped: TypedErrorTest = () => true;

/** Whether the oracle can follow every table size the session uses. */
export function oracleCanRun(oracle: InProcessOracle, session: HpackSession): boolean {
  const max = oracle.maxFieldLength;
  return session.steps.every((s) => (s.kind === 'settings' ? s.size <= oracle.maxTableSize : s.fields.every((f) => partLength(f[0]) <= max && partLength(f[1]) <= max)));
}

/** Octets of a name or value; a string counts its UTF-16 units, which bound its UTF-8 length from below, enough for a limit in the thousands. */
const partLength = (part: string | Uint8Array): number => part.length;

/** The same target reading every table after every block: for reporting a failure in full (replay, reproducers). */
export const withFullTables = (t: FuzzTarget): FuzzTarget => ({ ...t, readout: 'every-block' });
