// What the jsfuzz driver and its target (a CommonJS module in jsfuzz's
// worker process) pass each other: settings through the environment, results
// through two small JSON files.

export const JSFUZZ_ENV = {
  /** File the target rewrites with its FuzzCounts every quarter second. */
  counts: 'H2HARNESS_JSFUZZ_COUNTS',
  /** File the target writes its JsfuzzFailure to before throwing. */
  failure: 'H2HARNESS_JSFUZZ_FAILURE',
  /** Epoch milliseconds after which the target ends the run. */
  deadline: 'H2HARNESS_JSFUZZ_DEADLINE',
  /** Sessions after which the target ends the run. */
  runs: 'H2HARNESS_JSFUZZ_RUNS',
  /** A CommonJS module with the seed API to fuzz instead of ours. */
  impl: 'H2HARNESS_JSFUZZ_IMPL',
  /** `--typed-error NAME`: the one class that is the module's rejection. */
  typedError: 'H2HARNESS_JSFUZZ_TYPED_ERROR',
  /** In-process oracles besides libnghttp2, comma-separated. */
  oracles: 'H2HARNESS_JSFUZZ_ORACLES',
} as const;

export interface JsfuzzFailure {
  /** jsfuzz's input, in hex: the bytes that decoded to the case. */
  input: string;
  /** The case, as in a reproducer (case-json.ts). */
  case: unknown;
  property: string;
  message: string;
}
