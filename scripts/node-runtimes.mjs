// The Node runtimes the suite (and bench) can run on, and the installer of
// the pinned ones. A runtime is named by a spec:
//   current   the Node running this script (the machine's, for `npm test`)
//   24        the Node 24 pinned in scripts/tools.json (`node.majors`), installed
//             on first use into the git-ignored .runtimes/node24/ from its
//             registry package: an official linux-x64 build shipped inside an
//             npm package, so `npm pack` fetches it like any other package
//   PATH      any node binary (e.g. a Node 22 from nvm)
// CLI: `node scripts/node-runtimes.mjs install [SPEC...]` installs the pinned
// specs among SPECs (default: those the suite would run on) and prints each
// runtime's path; exit 1 when one cannot be had.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runtimesDir = join(projectRoot, '.runtimes');
const pins = JSON.parse(readFileSync(join(projectRoot, 'scripts/tools.json'), 'utf8')).node.majors;

/** The specs a suite run uses when none is given: H2HARNESS_NODE, else the machine's Node, plus Node 24 under CI=true. */
export function defaultSpecs(env = process.env) {
  if (env.H2HARNESS_NODE) return env.H2HARNESS_NODE.split(',').map((s) => s.trim()).filter(Boolean);
  const specs = ['current'];
  // CI tests the machine's Node and the active LTS; on a machine already on 24, once.
  if (env.CI === 'true' && process.versions.node.split('.')[0] !== '24') specs.push('24');
  return specs;
}

export const isPinned = (spec) => Object.hasOwn(pins, spec);

/** Where a pinned major lives once installed. */
export const pinnedBinary = (major) => join(runtimesDir, `node${major}`, 'bin', 'node');

/** `v24.22.3` from the binary itself, or null when it does not start. */
export function versionOf(binary) {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Installs a pinned major unless the right version is already there (a
 * version check: quick). The tarball's integrity must equal the pinned one,
 * and the unpacked binary must report the pinned version.
 */
export function installPinned(major, log = (m) => process.stderr.write(`${m}\n`)) {
  const pin = pins[major];
  if (!pin) throw new Error(`no Node ${major} pinned in scripts/tools.json (pinned: ${Object.keys(pins).join(', ')})`);
  const binary = pinnedBinary(major);
  if (versionOf(binary) === `v${pin.version}`) return binary;
  if (process.platform !== pin.os || process.arch !== pin.cpu) {
    throw new Error(`${pin.package} is for ${pin.os}-${pin.cpu}, this is ${process.platform}-${process.arch}: install Node ${major} yourself and pass its path (--node PATH or H2HARNESS_NODE=PATH)`);
  }
  log(`installing Node ${pin.version} (npm package ${pin.package}) into .runtimes/node${major}`);
  mkdirSync(runtimesDir, { recursive: true });
  const scratch = mkdtempSync(join(runtimesDir, '.download-'));
  try {
    // npm pack checks the download against the registry's integrity; ours is checked against the pin.
    const out = execFileSync('npm', ['pack', `${pin.package}@${pin.version}`, '--json', '--pack-destination', scratch, '--loglevel=error'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000,
    });
    const [packed] = JSON.parse(out);
    if (packed.integrity !== pin.integrity) throw new Error(`${pin.package}@${pin.version}: integrity ${packed.integrity}, pinned ${pin.integrity}`);
    execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', scratch, 'package/bin/node', 'package/LICENSE'], { stdio: 'inherit' });
    const unpacked = join(scratch, 'package');
    const got = versionOf(join(unpacked, 'bin', 'node'));
    if (got !== `v${pin.version}`) throw new Error(`the node inside ${pin.package}@${pin.version} reports ${got ?? 'nothing (it does not start)'}`);
    rmSync(join(runtimesDir, `node${major}`), { recursive: true, force: true });
    renameSync(unpacked, join(runtimesDir, `node${major}`));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

/** A spec → the node binary to run; pinned majors are installed when missing. */
export function resolveRuntime(spec, log) {
  if (spec === 'current') return process.execPath;
  if (isPinned(spec)) return installPinned(spec, log);
  if (/^\d+$/.test(spec)) throw new Error(`no Node ${spec} pinned in scripts/tools.json (pinned: ${Object.keys(pins).join(', ')}); pass a path to a node binary instead`);
  const binary = isAbsolute(spec) ? spec : resolve(spec);
  if (!existsSync(binary)) throw new Error(`${spec}: no such node binary`);
  if (versionOf(binary) === null) throw new Error(`${spec}: does not run as \`node --version\``);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [verb, ...specs] = process.argv.slice(2);
  if (verb !== 'install') {
    console.error('usage: node scripts/node-runtimes.mjs install [current|24|PATH ...]');
    process.exit(2);
  }
  let failed = false;
  for (const spec of specs.length ? specs : defaultSpecs()) {
    try {
      const binary = resolveRuntime(spec);
      console.log(`${spec}: ${binary} (${versionOf(binary)})`);
    } catch (err) {
      console.error(`node runtime ${spec}: ${err.message}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
