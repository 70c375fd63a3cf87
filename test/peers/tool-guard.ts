// A test that needs a system tool: when it is missing the test fails under
// CI=true (CI must never go green by skipping) and is skipped otherwise,
// with the command that installs it.
import type { Test } from 'tap';
import { findOnPath, missingPeerIsFailure, DEBIAN_INSTALL } from '../../harness/peers/peer-availability.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';

export function toolsMissing(t: Test, tools: readonly string[], installCommand = DEBIAN_INSTALL): boolean {
  const missing = tools.filter((tool) => !findOnPath(tool));
  if (missing.length === 0) return false;
  const message = `${missing.join(', ')} not installed (${installCommand})`;
  unavailable(t, message);
  return true;
}

/** Same for h2spec, found the way the wrapper finds it (H2SPEC, .tools/bin, PATH). */
export async function h2specMissing(t: Test): Promise<boolean> {
  const located = await locateH2spec({ install: false });
  if (located.kind === 'h2spec') return false;
  const message = `h2spec not installed (${located.installCommand})`;
  unavailable(t, message);
  return true;
}

/**
 * What a test does when what it needs is not there: under CI=true a failure,
 * otherwise a point marked SKIP with the message (counted as skipped, never
 * as passed: nothing was checked).
 */
export function unavailable(t: Test, message: string): void {
  if (missingPeerIsFailure()) t.fail(message);
  else t.pass(message, { skip: message });
}
