// The baseline file (reports/baseline.json, committed): per target, the
// failures accepted for now, each with its stage, case key and why. Like
// undici's expectation.json it is data, not code, so CI fails on a change of
// behaviour only. Its schema is reports/schema/baseline.schema.json.
import { existsSync, writeFileSync } from 'node:fs';
import { ReportFormatError, readValidated, validateBaseline } from './report-schema.js';

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
  /**
   * The Node majors it is accepted on; absent: every runtime. The `node`
   * target is the runtime's own node:http2 (and its bundled nghttp2), so what
   * it fails moves with the Node major the harness runs on.
   */
  nodeMajors?: number[];
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
  return checkOneEntryPerRuntime(readValidated(file, validateBaseline), file);
}

/** A missing file is an empty baseline: every failure is new. */
export function readBaselineOrEmpty(file: string): BaselineFile {
  return existsSync(file) ? readBaseline(file) : emptyBaseline();
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  checkOneEntryPerRuntime(validateBaseline(baseline), file);
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** The key one accepted failure is looked up by. */
export function acceptedKey(target: string, stage: string, caseId: string): string {
  return JSON.stringify([target, stage, caseId]);
}

/** The major of a `process.version` string (`v24.22.3` → 24). */
export function nodeMajorOf(version: string): number {
  return Number(/^v?(\d+)/.exec(version)?.[1] ?? NaN);
}

/** Whether an entry accepts its failure on a run of this Node major. */
export function appliesOn(entry: AcceptedFailure, nodeMajor: number): boolean {
  return entry.nodeMajors === undefined || entry.nodeMajors.includes(nodeMajor);
}

/**
 * A case may have one entry per runtime (each saying what that runtime
 * answers), never two for the same one: which reason would hold?
 */
function checkOneEntryPerRuntime(baseline: BaselineFile, file: string): BaselineFile {
  for (const [target, entries] of Object.entries(baseline.targets)) {
    const seen = new Map<string, AcceptedFailure>();
    for (const e of entries) {
      const key = acceptedKey(target, e.stage, e.case);
      const other = seen.get(key);
      const overlap = other && (other.nodeMajors === undefined || e.nodeMajors === undefined || e.nodeMajors.some((m) => other.nodeMajors!.includes(m)));
      if (overlap) throw new ReportFormatError(`${file}: ${target} ${e.stage} ${e.case} is accepted twice for the same Node major; give each entry its own nodeMajors`);
      seen.set(key, e.nodeMajors === undefined || other === undefined ? e : { ...e, nodeMajors: [...other.nodeMajors!, ...e.nodeMajors] });
    }
  }
  return baseline;
}
