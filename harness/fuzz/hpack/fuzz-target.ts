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
  return session.steps.every((s) => s.kind !== 'settings' || s.size <= oracle.maxTableSize);
}

/** The same target reading every table after every block: for reporting a failure in full (replay, reproducers). */
export const withFullTables = (t: FuzzTarget): FuzzTarget => ({ ...t, readout: 'every-block' });
