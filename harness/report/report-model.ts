// The report of one `h2harness run`, as plain data: the source of truth that
// report.json holds and every other file (junit.xml, summary.md, index.html)
// is drawn from. reports/schema/report.schema.json describes the same shape;
// bump REPORT_SCHEMA_VERSION and the schema together when this changes.
//
// Several targets fit in one report (`--target all`): every case names its
// target, so a matrix case × target can be drawn from any stage.

export const REPORT_SCHEMA_VERSION = 1;

export type Transport = 'h2c' | 'tls';

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  run: RunMetadata;
  /** Every target the run was pointed at, in the order the matrix shows them. */
  targets: TargetInfo[];
  stages: StageResult[];
  /** The comparison with the baseline made at the end of the run; null when none was made. */
  baseline: BaselineComparison | null;
}

export interface RunMetadata {
  /** The run's folder name under reports/ (start time + target), e.g. `2026-01-01T12-00-00Z-ref`. */
  id: string;
  /** What `--target` said: `ref`, `node`, `nghttpd`, `HOST:PORT` or `all`. */
  targetSpec: string;
  transports: Transport[];
  /** The fuzzers' seed: printed with every failure so a run can be replayed. Absent when nothing was seeded (`h2harness conformance`). */
  seed?: string;
  budgetSeconds: number;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
  /** False when the run was interrupted (Ctrl-C, SIGTERM) and this is what it had by then. */
  complete: boolean;
  /** Why the run is incomplete, e.g. `SIGINT`. */
  interruption?: string;
  /** True when CI=true: a stage that could not run fails the run instead of being noted. */
  ci: boolean;
  versions: ToolVersions;
  /** The command line, for the reader who wants to run it again. */
  command?: string;
}

/** Versions of everything that shaped the result; null = not installed / not used. */
export interface ToolVersions {
  h2harness: string;
  node: string;
  h2spec: string | null;
  nghttp2: string | null;
  /** Anything else a stage used (curl, undici, nghttpd …). */
  [tool: string]: string | null;
}

export interface TargetInfo {
  /** `ref`, `node`, `nghttpd` or `HOST:PORT`: the key of baseline.json. */
  name: string;
  /** Where it listened during the run. */
  address?: string;
  /** The server's own version, when it has one (nghttpd 1.64.0, Node v20.20.2). */
  version?: string;
  /** Set when the run left this target out (`--target all` with the server not installed): why, and how to install it. */
  notRun?: string;
}

export type StageStatus = 'passed' | 'failed' | 'not-run' | 'skipped';

export interface StageResult {
  /** Unique within the report, and the stage key of baseline entries: `conformance-h2c`, `hpack-fuzz`. */
  name: string;
  /** What kind of stage, for grouping: the conformance matrix shows `conformance` stages. */
  kind: 'vectors' | 'fuzz' | 'conformance' | 'interop' | (string & {});
  title: string;
  transport?: Transport;
  status: StageStatus;
  /** For not-run, skipped or a failure without failing cases (crash, timeout): why. */
  reason?: string;
  /** For not-run: what fixes it, usually the command that installs what was missing. */
  install?: string;
  startedAt?: string;
  durationMs: number;
  cases: CaseResult[];
  findings: Finding[];
  /** Fuzzing: the figures over time, one sample per progress tick. */
  throughput: ThroughputSample[];
  /** Fuzzing: the totals the fuzzer printed last. */
  fuzzTotals?: FuzzTotals;
}

export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'flaky';

export interface CaseResult {
  /**
   * Written-down id, what people read and filter by: `6.5.3/1`,
   * `generic/3.1/1`, a vector story, an interop client/route pair.
   */
  id: string;
  /**
   * What the baseline remembers the case by when the id is positional: for
   * h2spec, section and a digest of the description (`6.5.3#5c1d0e9a`), so a
   * newer h2spec that inserts cases shifts no entry. Absent = the id.
   */
  key?: string;
  /** Groups rows in the matrix: the RFC section for h2spec (`6.5.3`). */
  section?: string;
  sectionTitle?: string;
  description: string;
  target: string;
  outcome: CaseOutcome;
  durationMs?: number;
  /** For failed and flaky cases: what went wrong (for flaky: on the first attempt). */
  failure?: FailureDetail;
  /** How many times the case ran (the first run plus re-runs), when more than once. */
  attempts?: number;
}

/**
 * A failure carries scope, code and initiator (so a report says whether a
 * connection or a stream failed, with which code, at whose initiative), and for a
 * verdict that compared outcomes, the accepted set and what happened.
 */
export interface FailureDetail {
  message: string;
  /** The outcomes that would have passed (h2spec accepts any of them). */
  expected?: string[];
  actual?: string;
  /** Whether the error concerned the connection (GOAWAY) or one stream (RST_STREAM). */
  scope: 'connection' | 'stream' | 'none' | 'unknown';
  /** The RFC 9113 §7 error code involved, e.g. `PROTOCOL_ERROR`; null when none. */
  code: string | null;
  /** Who caused it: the target under test, the harness itself, or an oracle. */
  initiator: 'target' | 'harness' | 'oracle' | 'unknown';
}

export interface Finding {
  /** Stable id, e.g. the reproducer's file name without extension. */
  id: string;
  /** What the fuzzer found, e.g. `mismatch`, `crash`, `exception`. */
  kind: string;
  /** The property that broke, named as in the fuzzer (`decodes what the oracle encodes`). */
  property: string;
  /** A failure fails the run; latitude is a difference the RFC allows (counted, never failing). */
  classification: 'failure' | 'latitude';
  /** Path of the JSON reproducer, relative to the directory the run started in. */
  reproducer: string;
  target: string;
  message?: string;
  /** Seconds since the stage started, for the findings-over-time chart. */
  t?: number;
}

export interface ThroughputSample {
  /** Seconds since the stage started. */
  t: number;
  /** Cumulative cases by then. */
  cases: number;
  /** Cumulative findings by then. */
  findings: number;
}

export interface FuzzTotals {
  cases: number;
  casesPerSecond: number;
  failures: number;
  latitude: number;
}

/** One case in one stage for one target: the key the baseline speaks in. */
export interface CaseRef {
  target: string;
  stage: string;
  case: string;
  description?: string;
  /** For accepted failures: the reason written in the baseline. */
  reason?: string;
  /** For regressions: the failure's message. */
  message?: string;
}

export interface BaselineComparison {
  /** The baseline file compared with, as given. */
  file: string;
  /** Failed and not accepted: these make the exit code 1. */
  regressions: CaseRef[];
  /** Accepted failures that passed this time: the baseline can shrink. */
  fixed: CaseRef[];
  /** Accepted failures that still fail. */
  stillFailing: CaseRef[];
  /** Failed once and passed on re-run: reported, never counted as a failure. */
  flaky: CaseRef[];
  /** Baseline entries of stages that ran whose case no longer exists (renamed or removed): reported, never failing. */
  stale?: CaseRef[];
  /** Stages that broke (crash, timeout, an h2spec run that did not complete, not run under CI), whatever their cases. */
  brokenStages: Array<{ stage: string; reason: string }>;
  /** 0 clean, 1 regression (or broken stage, or incomplete run). */
  exitCode: 0 | 1;
}
