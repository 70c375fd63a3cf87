// Runs the catalogue against one target and turns the verdicts into the
// ConformanceRun every report, matrix and baseline already reads (as
// h2spec's runs are), so both suites share one JUnit, HTML and gate. In
// process (the sans-I/O core, deterministic, no TLS) or over loopback.
import { countOutcomes, type ConformanceCase, type ConformanceRun, type ConformanceTarget } from '../conformance-result.js';
import { referenceCore, runInProcess, type CoreFactory } from '../../scenario/in-process-target.js';
import type { Transcript } from '../../scenario/transcript.js';
import { runOnWire, type WireEndpoint } from '../../scenario/wire-target.js';
import { verifyCase, type CaseVerdict } from './case-verifier.js';
import { SUITE_CASES, sectionOf } from './catalogue.js';
import { clientCanOffer } from './tls-client-check.js';
import type { SuiteCase } from './suite-case.js';
import { BODY_PATH } from './cases/case-kit.js';

export const SUITE_NAME = 'h2harness';
export const SUITE_VERSION = '1';

export interface CaseRun {
  case: SuiteCase;
  /** null when the case could not be judged on this target: `skipped` says why. */
  verdict: CaseVerdict | null;
  skipped?: string;
  transcript: Transcript | null;
  durationMs: number;
}

export type ScenarioPlayer = (c: SuiteCase) => Promise<Transcript> | Transcript;

export const inProcessPlayer =
  (core: CoreFactory = referenceCore): ScenarioPlayer =>
  (c) =>
    runInProcess(c.scenario, core);

/**
 * A server that processed every frame may still be waiting for its
 * application (Apache's CGI /echo) to answer: the verdict waits this long
 * for each ended request's answer, so a slow application is not judged
 * as a server that never answers.
 */
const SETTLE_MS = 2000;

export const wirePlayer =
  (endpoint: WireEndpoint, budgetMs = 4000): ScenarioPlayer =>
  (c) =>
    runOnWire(c.scenario, endpoint, { budgetMs, settleMs: SETTLE_MS, ...(c.tlsClient ? { tlsClient: c.tlsClient } : {}) });

/** The most one case may take, whatever the player does: a stuck socket costs this, and the case is judged timed out. */
const CASE_LIMIT_MS = 10_000;

/**
 * A transcript within `ms`: the timer is a live handle, so a player whose
 * sockets all went away without a word (seen with node:http2 on Node 24
 * during a TLS renegotiation) still ends, as a time-out, not a hung process.
 */
function bounded(p: Promise<Transcript> | Transcript, ms: number): Promise<Transcript> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<Transcript>((ok) => {
    timer = setTimeout(() => ok({ entries: [{ from: 'harness', timedOut: ms }], bodies: {} }), ms);
  });
  return Promise.race([Promise.resolve(p), limit]).finally(() => clearTimeout(timer));
}

/** What the suite needs to know of a target beyond its address. */
export interface SuiteTarget {
  tls: boolean;
  /** Where it reads a request body to the end before answering (ServedRoutes.bodyPath); null: nowhere. */
  bodyPath: string | null;
  /** The player can make the server start a graceful shutdown (a core in process); a server over the wire has no trigger. */
  canShutDown: boolean;
}

/**
 * The in-process application answers `/` once the request has ended
 * (in-process-target.ts), so a request body is read there.
 */
export const IN_PROCESS_BODY_PATH = '/';

/** A target that says nothing of its routes (a user's HOST:PORT): only `GET /` is assumed of it. */
export const UNKNOWN_BODY_PATH = null;

/** The case as this target plays it (its body path in place of BODY_PATH), or why it cannot be judged here. */
export async function caseFor(c: SuiteCase, target: SuiteTarget): Promise<SuiteCase | string> {
  if (c.tlsOnly && !target.tls) return 'needs TLS (RFC 9113 §9.2)';
  if (!target.canShutDown && c.scenario.steps.some((s) => s.op === 'server-shutdown')) return 'needs the server to start a graceful shutdown, which only a core in process can be made to do';
  if (c.tlsClient && target.tls && !(await clientCanOffer(c.tlsClient))) return "this Node's TLS client cannot offer what the case needs";
  if (!c.needsBody || target.bodyPath === BODY_PATH) return c;
  const path = target.bodyPath;
  if (path === null) return 'needs a route that reads a request body (the target serves none, e.g. no /echo)';
  const steps = c.scenario.steps.map((s) => (s.op === 'headers' ? { ...s, fields: s.fields.map(([n, v]): [string, string] => (n === ':path' && v === BODY_PATH ? [n, path] : [n, v])) } : s));
  return { ...c, scenario: { ...c.scenario, steps } };
}

/** Every case through `play`, `parallel` at a time (each on its own connection). */
export async function runCases(cases: readonly SuiteCase[], play: ScenarioPlayer, target: SuiteTarget, parallel = 1): Promise<CaseRun[]> {
  const out: CaseRun[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      const c = await caseFor(cases[i]!, target);
      if (typeof c === 'string') {
        out[i] = { case: cases[i]!, verdict: null, skipped: c, transcript: null, durationMs: 0 };
        continue;
      }
      const t0 = performance.now();
      const transcript = await bounded(play(c), CASE_LIMIT_MS);
      out[i] = { case: c, verdict: verifyCase(c, transcript), transcript, durationMs: performance.now() - t0 };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return out;
}

export function toConformanceCase(r: CaseRun, seq: number): ConformanceCase {
  const c = r.case;
  const out: ConformanceCase = {
    id: c.id,
    key: c.id,
    h2specId: c.id,
    suite: SUITE_NAME,
    section: sectionOf(c.id),
    sectionTitle: c.section,
    seq,
    description: c.requirement,
    outcome: r.verdict === null ? 'skipped' : r.verdict.passed ? 'passed' : 'failed',
    durationMs: Math.round(r.durationMs),
  };
  if (r.skipped !== undefined) out.skipReason = r.skipped;
  if (r.verdict && !r.verdict.passed) {
    out.requirement = `${c.section}: ${c.requirement}`;
    out.expected = r.verdict.allowed;
    out.actual = r.verdict.observed;
  }
  return out;
}

export interface SuiteRunOptions {
  target: ConformanceTarget;
  play: ScenarioPlayer;
  /** Where the target reads a request body (SuiteTarget.bodyPath). */
  bodyPath: string | null;
  /** In process: the core can be told to shut down (SuiteTarget.canShutDown). */
  inProcess?: boolean;
  /** Only these case ids (`--case`); all when absent. */
  ids?: readonly string[];
  parallel?: number;
}

export async function runSuite(o: SuiteRunOptions): Promise<{ run: ConformanceRun; results: CaseRun[] }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const cases = o.ids ? SUITE_CASES.filter((c) => o.ids!.includes(c.id)) : SUITE_CASES;
  const results = await runCases(cases, o.play, { tls: o.target.tls, bodyPath: o.bodyPath, canShutDown: o.inProcess === true }, o.parallel ?? 4);
  const list = results.map((r, i) => toConformanceCase(r, i + 1));
  const run: ConformanceRun = {
    tool: { name: SUITE_NAME, version: SUITE_VERSION, path: 'harness/conformance/suite' },
    target: o.target,
    strict: true,
    specs: [...(o.ids ?? [])],
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    status: list.length === 0 ? 'no-cases' : 'completed',
    problems: list.length === 0 ? ['no case matched'] : [],
    exitCode: 0,
    cases: list,
    counts: countOutcomes(list),
  };
  return { run, results };
}
