// Runs scripts/setup (the one installer; see its header) for real server
// targets: `h2harness setup --targets …`, and `run` / `conformance` when a
// target they were told to use by name is not installed yet.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVER_TARGETS, targetInstalled, type TargetSpec } from '../conformance/conformance-targets.js';
import { projectRoot } from './package-info.js';

/** Exit status of `scripts/setup --targets LIST`, its output on our stderr. */
export function runSetupScript(targets: string): number {
  const r = spawnSync('bash', [resolve(projectRoot, 'scripts/setup'), '--targets', targets], { stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status ?? 1;
}

/**
 * Installs the real servers named among `targets` that are missing, when we
 * are root (apt-get can); otherwise leaves them to be reported as not
 * installed, with the command that installs them.
 */
export function installNamedServers(targets: readonly TargetSpec[], log: (line: string) => void): void {
  const missing = targets
    .flatMap((t) => (t.kind === 'peer' && (SERVER_TARGETS as readonly string[]).includes(t.name) ? [t.name] : []))
    .filter((name) => targetInstalled(name) !== true);
  if (missing.length === 0 || process.getuid?.() !== 0) return;
  log(`installing ${missing.join(', ')} (scripts/setup --targets ${missing.join(',')})`);
  runSetupScript(missing.join(','));
}
