// Building a report whole, at the end of a run (or when it is interrupted),
// from what the stages returned: the orchestrator holds stage results while
// it runs and calls `buildReport` once, so no half-filled report exists.
import type { Report, RunMetadata, StageResult, TargetInfo, Transport } from './report-model.js';
import { REPORT_SCHEMA_VERSION } from './report-model.js';
import { packageVersion } from '../cli/package-info.js';

/**
 * The folder name for a run: start time (UTC, to the second, with `-` for
 * `:` so it is a valid name everywhere) and the target, e.g.
 * `2026-01-01T12-00-00Z-ref`, `…-all`, `…-127.0.0.1_8443`.
 */
export function runFolderName(startedAt: string, targetSpec: string): string {
  const time = new Date(startedAt).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `${time}-${targetSpec.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

export interface RunFacts {
  /** What `--target` said: `ref`, `all`, `HOST:PORT`. */
  targetSpec: string;
  targets: TargetInfo[];
  transports: Transport[];
  /** Absent for a run with no randomness in it (h2spec alone). */
  seed?: string;
  budgetSeconds: number;
  startedAt: Date;
  finishedAt: Date;
  /** Set when a signal cut the run short: the report is then marked incomplete. */
  interruption?: string;
  ci: boolean;
  /** h2spec, nghttp2 and anything else; h2harness and Node are filled in. */
  tools: { h2spec: string | null; nghttp2: string | null; [tool: string]: string | null };
  command?: string;
}

export function buildReport(facts: RunFacts, stages: StageResult[]): Report {
  const startedAt = facts.startedAt.toISOString();
  const run: RunMetadata = {
    id: runFolderName(startedAt, facts.targetSpec),
    targetSpec: facts.targetSpec,
    transports: facts.transports,
    ...(facts.seed !== undefined ? { seed: facts.seed } : {}),
    budgetSeconds: facts.budgetSeconds,
    startedAt,
    durationMs: Math.max(0, facts.finishedAt.getTime() - facts.startedAt.getTime()),
    complete: facts.interruption === undefined,
    ci: facts.ci,
    versions: { h2harness: packageVersion(), node: process.version, ...facts.tools },
  };
  if (facts.interruption !== undefined) run.interruption = facts.interruption;
  if (facts.command !== undefined) run.command = facts.command;
  return { schemaVersion: REPORT_SCHEMA_VERSION, run, targets: facts.targets, stages, baseline: null };
}

type StageCore = Pick<StageResult, 'name' | 'kind' | 'title'> & Partial<Pick<StageResult, 'transport' | 'startedAt'>>;

/** A stage that cannot run (a tool or its data missing): not run, with what fixes it. */
export function notRunStage(stage: StageCore, reason: string, install?: string): StageResult {
  return { ...stage, status: 'not-run', reason, ...(install ? { install } : {}), durationMs: 0, cases: [], findings: [], throughput: [] };
}

/** A stage that ran: its status follows from its cases and findings unless the stage says it broke. */
export function ranStage(
  stage: StageCore & Pick<StageResult, 'durationMs' | 'cases'> & Partial<Pick<StageResult, 'findings' | 'throughput' | 'fuzzTotals'>>,
  broken?: string,
): StageResult {
  const findings = stage.findings ?? [];
  const failed = broken !== undefined || stage.cases.some((c) => c.outcome === 'failed') || findings.some((f) => f.classification === 'failure');
  return {
    ...stage,
    status: failed ? 'failed' : 'passed',
    ...(broken !== undefined ? { reason: broken } : {}),
    findings,
    throughput: stage.throughput ?? [],
  };
}

/**
 * Why a stage broke (crash, timeout, a run that did not complete), apart from
 * its failing cases; null when it did not. A stage only carries a `reason`
 * with status `failed` when it broke (see ranStage), so a breakage stays one
 * even when every failing case it did get to is accepted by the baseline.
 */
export function stageBreakage(stage: StageResult): string | null {
  if (stage.status !== 'failed') return null;
  if (stage.reason !== undefined) return stage.reason;
  return stage.cases.some((c) => c.outcome === 'failed') ? null : 'failed without a failing case';
}
