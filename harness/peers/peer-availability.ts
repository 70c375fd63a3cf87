// A missing peer is a result, not a crash: the caller reports the stage as
// not run with the command that installs the tool, and under CI=true turns
// that into a failure, so CI can never go green by skipping.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEBIAN_INSTALL = 'apt-get install nghttp2-client nghttp2-server curl';

export interface NotInstalled {
  readonly kind: 'not-installed';
  readonly tool: string;
  readonly installCommand: string;
}

export class PeerNotInstalledError extends Error {
  override name = 'PeerNotInstalledError';
  readonly code = 'PEER_NOT_INSTALLED';
  constructor(readonly result: NotInstalled) {
    super(`${result.tool} is not installed; install it with: ${result.installCommand}`);
  }
}

export function notInstalled(tool: string, installCommand = DEBIAN_INSTALL): NotInstalled {
  return { kind: 'not-installed', tool, installCommand };
}

/** The absolute path of an executable on PATH, or undefined. */
export function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Resolves a tool or throws the typed "not installed" error. */
export function requireTool(name: string, installCommand = DEBIAN_INSTALL): string {
  const path = findOnPath(name);
  if (!path) throw new PeerNotInstalledError(notInstalled(name, installCommand));
  return path;
}

/** Under CI a missing peer must fail, never skip: a green CI run has to mean everything ran. */
export function missingPeerIsFailure(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true';
}

/** A peer that is known but cannot be started here (not built, wrong platform). */
export class PeerUnavailableError extends Error {
  override name = 'PeerUnavailableError';
  readonly code = 'PEER_UNAVAILABLE';
}
