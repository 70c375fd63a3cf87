// The baseline file (reports/baseline.json, committed): per target, the
// failures accepted for now, each with its stage, case key and why. Like
// undici's expectation.json it is data, not code, so CI fails on a change of
// behaviour only. Its schema is reports/schema/baseline.schema.json.
import { existsSync, writeFileSync } from 'node:fs';
import { readValidated, validateBaseline } from './report-schema.js';

export const BASELINE_SCHEMA_VERSION = 1;

export interface AcceptedFailure {
  /** The report's stage name, e.g. `conformance-h2c`. */
  stage: string;
  /**
   * The case within that stage: its key (`6.5.3#5c1d0e9a` for h2spec, see
   * CaseResult.key), else its id. An entry written by position (`6.5.3/1`,
   * before keys) still matches by id until `baseline update` rewrites it.
   */
  case: string;
  /** What the case does, for the person reading the file (h2spec's description). */
  description?: string;
  /** Why it is accepted: an upstream issue, an RFC latitude, a known limitation. */
  reason: string;
}

export interface BaselineFile {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  comment?: string;
  /** Target name (`ref`, `node`, `nghttpd`, `HOST:PORT`) → its accepted failures. */
  targets: Record<string, AcceptedFailure[]>;
}

export function emptyBaseline(targets: readonly string[] = []): BaselineFile {
  return { schemaVersion: BASELINE_SCHEMA_VERSION, targets: Object.fromEntries(targets.map((t) => [t, []])) };
}

export function readBaseline(file: string): BaselineFile {
  return readValidated(file, validateBaseline);
}

/** A missing file is an empty baseline: every failure is new. */
export function readBaselineOrEmpty(file: string): BaselineFile {
  return existsSync(file) ? readBaseline(file) : emptyBaseline();
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  validateBaseline(baseline);
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** The key one accepted failure is looked up by. */
export function acceptedKey(target: string, stage: string, caseId: string): string {
  return JSON.stringify([target, stage, caseId]);
}
