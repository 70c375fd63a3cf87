// Finds h2spec: `H2SPEC`, then the project's `.tools/bin/h2spec`, then PATH.
// When none is there it can install the pinned version (scripts/tools.json)
// with `go install` into `.tools/bin`, so every machine runs the same cases.
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../cli/package-info.js';
import { runBounded } from '../peers/bounded-process.js';
import { findOnPath, notInstalled, type NotInstalled } from '../peers/peer-availability.js';

export interface H2specTool {
  kind: 'h2spec';
  path: string;
  /** What `h2spec --version` prints (`2.0.0` for the v2.2.1 module build). */
  version: string;
  source: 'env' | 'project' | 'path' | 'installed';
}

interface ToolPin {
  module: string;
  version: string;
}

export function h2specPin(root = projectRoot): ToolPin {
  const tools = JSON.parse(readFileSync(join(root, 'scripts/tools.json'), 'utf8')) as { h2spec: ToolPin };
  return tools.h2spec;
}

export function projectToolsBin(root = projectRoot): string {
  return join(root, '.tools', 'bin');
}

export function installCommand(root = projectRoot): string {
  const pin = h2specPin(root);
  return `GOBIN=${projectToolsBin(root)} go install ${pin.module}@${pin.version}`;
}

/**
 * h2spec is named or installed but cannot be used: like a missing tool, the
 * conformance check is then not run, with `fix`, rather than a crash.
 */
export class H2specUnavailableError extends Error {
  override name = 'H2specUnavailableError';
  readonly code = 'H2SPEC_UNAVAILABLE';
  constructor(
    message: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(message);
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function h2specVersion(path: string): Promise<string> {
  const result = await runBounded({ command: path, args: ['--version'], timeoutMs: 10_000 });
  const m = /Version:\s*(\S+)/.exec(result.stdout.toString());
  if (!m) throw new H2specUnavailableError(`${path} --version printed no version: ${result.stdout.toString()}${result.stderr}`, `reinstall it: ${installCommand()}`);
  return m[1]!;
}

function findExisting(env: NodeJS.ProcessEnv, root: string): Pick<H2specTool, 'path' | 'source'> | undefined {
  if (env.H2SPEC) return { path: env.H2SPEC, source: 'env' };
  const local = join(projectToolsBin(root), 'h2spec');
  if (executable(local)) return { path: local, source: 'project' };
  const onPath = findOnPath('h2spec', env.PATH);
  return onPath ? { path: onPath, source: 'path' } : undefined;
}

export interface LocateOptions {
  /** Run `go install` when h2spec is missing. */
  install: boolean;
  env?: NodeJS.ProcessEnv;
  root?: string;
  log?: (line: string) => void;
}

export async function locateH2spec(o: LocateOptions): Promise<H2specTool | NotInstalled> {
  const env = o.env ?? process.env;
  const root = o.root ?? projectRoot;
  const found = findExisting(env, root);
  if (found) {
    if (found.source === 'env' && !executable(found.path)) {
      throw new H2specUnavailableError(`H2SPEC=${found.path} is not an executable file`, `point H2SPEC at an h2spec binary, or unset it (${installCommand(root)} installs one)`);
    }
    return { kind: 'h2spec', ...found, version: await h2specVersion(found.path) };
  }
  const command = installCommand(root);
  const go = findOnPath('go', env.PATH);
  if (!o.install || !go) return notInstalled('h2spec', command);
  o.log?.(`h2spec not found; installing: ${command}`);
  const pin = h2specPin(root);
  mkdirSync(projectToolsBin(root), { recursive: true });
  const result = await runBounded({
    command: go,
    args: ['install', `${pin.module}@${pin.version}`],
    env: { ...env, GOBIN: projectToolsBin(root) },
    timeoutMs: 300_000,
  });
  const path = join(projectToolsBin(root), 'h2spec');
  if (result.code !== 0 || !executable(path)) {
    throw new H2specUnavailableError(`go install of h2spec failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}):\n${result.stderr.slice(-2000)}`, `${command} (by hand, to see why), or set H2SPEC=/path/to/h2spec`);
  }
  return { kind: 'h2spec', path, source: 'installed', version: await h2specVersion(path) };
}
