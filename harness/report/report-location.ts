// Where reports and the baseline are, for every verb that writes or reads
// them (`run`, `conformance`, `report`, `baseline update`): the current
// directory's ./reports and ./reports/baseline.json, so an installed package
// writes beside the user's project, never inside node_modules.
//
// One fallback: the package's own committed baseline holds the accepted
// failures of its built-in targets (node:http2's and nghttpd's real defects).
// A user who has no baseline yet and runs those targets gets it, said on the
// first line of output, instead of seeing those known failures as regressions.
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { projectRoot } from '../cli/package-info.js';

export const REPORTS_DIR = 'reports';
export const BASELINE_FILE = 'reports/baseline.json';
/** The baseline committed with the project, for its built-in targets. */
export const PACKAGE_BASELINE = resolve(projectRoot, BASELINE_FILE);

export type BaselineOrigin = 'given' | 'cwd' | 'package' | 'none';

export interface BaselineChoice {
  /** The file to read (it may not exist: origin `none`). */
  file: string;
  origin: BaselineOrigin;
  /** Where `baseline update` would write: the given file, or ./reports/baseline.json. */
  writeTo: string;
}

/** The run folders' root: --out, else ./reports. */
export function reportsRoot(out: string | undefined, cwd = process.cwd()): string {
  return resolve(cwd, out ?? REPORTS_DIR);
}

/**
 * The baseline to gate against: --baseline when given; else
 * ./reports/baseline.json when it exists; else, when every target is a
 * built-in one, the package's committed baseline; else none (every failure
 * is new).
 */
export function chooseBaseline(given: string | undefined, builtInTargetsOnly: boolean, cwd = process.cwd()): BaselineChoice {
  if (given !== undefined) {
    const file = resolve(cwd, given);
    return { file, origin: 'given', writeTo: file };
  }
  const local = resolve(cwd, BASELINE_FILE);
  if (existsSync(local)) return { file: local, origin: 'cwd', writeTo: local };
  if (builtInTargetsOnly && existsSync(PACKAGE_BASELINE)) return { file: PACKAGE_BASELINE, origin: 'package', writeTo: local };
  return { file: local, origin: 'none', writeTo: local };
}

/** A path as the user would type it from `cwd`: relative when inside it. */
export function shown(path: string, cwd = process.cwd()): string {
  const r = relative(cwd, path);
  return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? path : `./${r}`;
}

/** `baseline ./reports/baseline.json`, with where it came from when that is not obvious. */
export function describeBaseline(choice: BaselineChoice, cwd = process.cwd()): string {
  switch (choice.origin) {
    case 'given':
    case 'cwd':
      return `baseline ${shown(choice.file, cwd)}`;
    case 'package':
      return `baseline ${shown(choice.file, cwd)} (h2harness's own, for its built-in targets: there is no ${BASELINE_FILE} here; \`h2harness baseline update\` writes one)`;
    case 'none':
      return `baseline none (no ${shown(choice.file, cwd)}: every failure counts; \`h2harness baseline update\` writes one)`;
  }
}
