// `reports/latest`: the newest run. A relative symlink where the file system
// allows one (so `reports/latest/index.html` just works), else a
// `reports/latest.txt` holding the folder name. Readers accept either.
import { existsSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const LATEST = 'latest';
export const LATEST_TXT = 'latest.txt';

/** Points `root/latest` at `root/<runFolder>`; returns which kind of pointer was written. */
export function pointLatest(root: string, runFolder: string): 'symlink' | 'text' {
  const link = join(root, LATEST);
  const temp = join(root, `.${LATEST}.${process.pid}`);
  try {
    rmSync(temp, { force: true });
    symlinkSync(basename(runFolder), temp, 'dir');
    // rename over the old link is atomic: a reader never sees no `latest`.
    renameSync(temp, link);
    rmSync(join(root, LATEST_TXT), { force: true });
    return 'symlink';
  } catch {
    rmSync(temp, { force: true });
    if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
    writeFileSync(join(root, LATEST_TXT), `${basename(runFolder)}\n`);
    return 'text';
  }
}

/**
 * The run folder a path names: `reports/latest` resolves through the symlink
 * or, failing that, through `reports/latest.txt` next to it. Any other path
 * is returned as is.
 */
export function resolveRunFolder(dir: string): string {
  if (existsSync(join(dir, 'report.json'))) return resolve(dir);
  if (basename(dir) === LATEST) {
    const pointer = join(dir, '..', LATEST_TXT);
    if (existsSync(pointer)) return resolve(dir, '..', readFileSync(pointer, 'utf8').trim());
  }
  return resolve(dir);
}
