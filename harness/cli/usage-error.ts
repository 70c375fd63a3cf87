/** Exit codes shared by every verb (documented in the README). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad arguments or a setup problem: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
