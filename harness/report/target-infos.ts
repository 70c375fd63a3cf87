// The report's target list: every target asked for, in order, with the
// version its server said when it was started, and the built-in targets
// `--target all` left out (not installed) named with why.
import type { TargetInfo } from './report-model.js';

export interface StartedServer {
  name: string;
  version?: string;
}

export function targetInfos(
  names: readonly string[],
  started: Iterable<StartedServer>,
  notRun: ReadonlyArray<{ name: string; reason: string }>,
): TargetInfo[] {
  const versions = new Map<string, string>();
  for (const s of started) if (s.version && !versions.has(s.name)) versions.set(s.name, s.version);
  return [
    ...names.map((name) => ({ name, ...(versions.has(name) ? { version: versions.get(name)! } : {}) })),
    ...notRun.map((n) => ({ name: n.name, notRun: n.reason })),
  ];
}
