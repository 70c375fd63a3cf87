// What one conformance run produces, as plain data: every case with a
// id, its section and description, the outcome and, for a failure, the
// expected and actual outcomes. `h2harness run` and the reports consume
// exactly this, so nothing here is h2spec-specific except `h2specId`.

export type CaseOutcome = 'passed' | 'failed' | 'skipped';

export interface ConformanceCase {
  /**
   * Written down as `SECTION/N` (case-id.ts): `6.5.3/1` for the HTTP/2
   * suite, `generic/3.1/1` and `hpack/6.1/1` for the other two, whose
   * section numbers would otherwise collide with RFC 9113's. Positional.
   */
  id: string;
  /** What the baseline keys it by, stable when cases are inserted: `6.5.3#5c1d0e9a` (case-id.ts). */
  key: string;
  /** The id h2spec itself accepts as a filter, e.g. `http2/6.5.3/1`. */
  h2specId: string;
  /** h2spec's suite key: `http2`, `generic`, `hpack`. */
  suite: string;
  section: string;
  sectionTitle: string;
  /** Position within the section, 1-based (positional: a new case renumbers the rest). */
  seq: number;
  description: string;
  outcome: CaseOutcome;
  /** For a failure: the RFC requirement h2spec quotes (`The endpoint MUST …`). */
  requirement?: string;
  /** For a failure: the outcomes that would have passed (h2spec accepts any of them). */
  expected?: string[];
  actual?: string;
  /** For a failure that was not a comparison (h2spec printed `Error: …`). */
  error?: string;
  /** For a skipped case: why it could not be judged on this target (no TLS, no route that reads a body). */
  skipReason?: string;
  /** From h2spec's own JUnit timing; null when h2spec did not finish. */
  durationMs: number | null;
}

/** How the h2spec process ended, apart from the cases' outcomes. */
export type RunStatus =
  | 'completed'
  | 'no-cases'
  | 'timeout'
  | 'crashed'
  /** The target's server peer (nghttpd) is not installed. */
  | 'not-installed'
  /** The target could not be started (e.g. `ref` before impl/server exists). */
  | 'unavailable';

export interface OutcomeCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface ConformanceTarget {
  /** `ref`, `node`, `nghttpd`, `nginx`… or `HOST:PORT`. */
  name: string;
  host: string;
  port: number;
  tls: boolean;
  /** The server's own version, when the harness started it and it says one. */
  version?: string;
}

export interface ConformanceRun {
  /** h2spec, or h2harness's own suite (harness/conformance/suite). */
  tool: { name: 'h2spec' | 'h2harness'; version: string; path: string };
  target: ConformanceTarget;
  strict: boolean;
  /** The spec filters given (`6.5`, `http2/6.5.3/1`…); empty = all. */
  specs: string[];
  startedAt: string;
  durationMs: number;
  status: RunStatus;
  /** Why the run is not `completed`, and any disagreement with h2spec's own summary. */
  problems: string[];
  exitCode: number | null;
  cases: ConformanceCase[];
  counts: OutcomeCounts;
}

export function countOutcomes(cases: readonly ConformanceCase[]): OutcomeCounts {
  const counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const c of cases) counts[c.outcome]++;
  return counts;
}

/** The summary line the CLI prints: `h2spec TARGET: P passed, F failed, S skipped`. */
export function summaryLine(run: Pick<ConformanceRun, 'tool' | 'target' | 'counts' | 'status' | 'problems'>): string {
  const { passed, failed, skipped } = run.counts;
  const line = `${run.tool.name} ${run.target.name}${run.target.tls ? ' (tls)' : ''}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
  return run.status === 'completed' ? line : `${line} [${run.status}: ${run.problems.join('; ')}]`;
}
