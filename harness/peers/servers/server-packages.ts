// Which Debian packages provide each real server target, read from
// scripts/tools.json, the one list scripts/setup installs from, so the
// install command a user is shown is the one setup would run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../cli/package-info.js';

interface ToolsFile {
  servers: Record<string, { packages: string[]; binary: string }>;
}

let cached: ToolsFile | undefined;
function tools(): ToolsFile {
  cached ??= JSON.parse(readFileSync(resolve(projectRoot, 'scripts/tools.json'), 'utf8')) as ToolsFile;
  return cached;
}

/** The Debian packages of one server target (`nginx` → nginx, libnginx-mod-http-echo). */
export function serverPackages(name: string): string[] {
  const entry = tools().servers[name];
  if (!entry) throw new Error(`scripts/tools.json lists no server "${name}"`);
  return entry.packages;
}

/** What a user runs to install one target: setup as root does it, others need an administrator. */
export function serverInstallCommand(name: string): string {
  return `sudo apt-get install ${serverPackages(name).join(' ')} (or, as root: npx h2harness setup --targets ${name})`;
}
