// `h2harness fuzz hpack --engine jsfuzz`: runs jsfuzz (coverage-guided,
// byte-level) on the CommonJS build of jsfuzz-target.ts, bounded in time and
// runs, then shrinks its failing case and writes the same reproducer the
// fast-check engine writes. jsfuzz is not seeded: two runs differ.
//
// jsfuzz's process tree: its fuzzer (spawned here, in its own process group
// so a stuck run is ended with everything it forked) and one worker that
// loads the target. Both run in a scratch directory, because jsfuzz writes
// its coverage dump and crash file into the working directory.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBounded } from '../../../peers/bounded-process.js';
import { checkCase } from '../case-checker.js';
import { caseFromJson } from '../case-json.js';
import { shrinkCase } from '../case-shrinker.js';
import type { Finding } from '../findings.js';
import { FuzzStats, progressPrinter } from '../fuzz-stats.js';
import type { FuzzCounts } from '../fuzz-stats.js';
import type { FuzzTarget, ImplementationUnderTest } from '../fuzz-target.js';
import { withFullTables } from '../fuzz-target.js';
import type { HpackCase } from '../hpack-case.js';
import { ImplModuleError, loadImplementation, seedApiImplementation } from '../implementation-loader.js';
import { buildFuzzTarget } from '../oracle-loader.js';
import type { OracleName } from '../oracle-loader.js';
import type { RunFailure, HpackFuzzResult } from '../run-hpack-fuzz.js';
import { finishRun } from '../run-hpack-fuzz.js';
import type { JsfuzzFailure } from './jsfuzz-protocol.js';
import { JSFUZZ_ENV } from './jsfuzz-protocol.js';

export interface JsfuzzOptions {
  seconds?: number;
  /** Sessions (generated cases) after which the run ends. */
  runs?: number;
  oracles: OracleName[];
  /** A CommonJS module with the seed API (jsfuzz instruments only what require() loads). */
  impl?: string;
  /** `--typed-error NAME`: only this class of error is --impl's rejection of an input. */
  typedError?: string;
  /** Where reproducers go. */
  out: string;
  /** Seed inputs (read, never written). */
  seedCorpus: string;
  /** Where the inputs jsfuzz finds interesting are kept; a scratch directory, removed afterwards, when absent. */
  corpusOut?: string;
  log: (line: string) => void;
  onProgress?: (stats: FuzzStats) => void;
}

export class JsfuzzUnavailableError extends Error {
  override name = 'JsfuzzUnavailableError';
}

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const JSFUZZ_TARGET = join(PROJECT_ROOT, 'dist-cjs/harness/fuzz/hpack/jsfuzz/jsfuzz-target.js');
/** Loaded into jsfuzz's processes first, so that only the implementation under test is instrumented (see that file). */
const JSFUZZ_PRELOAD = join(PROJECT_ROOT, 'dist-cjs/harness/fuzz/hpack/jsfuzz/jsfuzz-preload.js');
export const DEFAULT_SEED_CORPUS = join(PROJECT_ROOT, 'corpus/hpack/jsfuzz');
/** Without --seconds, a run of --runs still ends: an hour at most. */
const RUNS_ONLY_LIMIT_S = 3600;
/** jsfuzz's own start (instrumenting every module) and the last case, beyond the deadline the target keeps. */
const GRACE_MS = 30_000;
const SHRINK_MS = 5_000;
const POLL_MS = 250;

const requireHere = createRequire(import.meta.url);

/** The module to load under jsfuzz: it must be CommonJS, and have the seed API. */
function commonJsImplementation(module: string, typedError: string | undefined): { path: string; underTest: ImplementationUnderTest } {
  const path = requireHere.resolve(module.startsWith('.') ? resolve(module) : module);
  const notCommonJs = new ImplModuleError(`--engine jsfuzz needs a CommonJS --impl (jsfuzz instruments only modules require() compiles); ${module} is an ES module: use --engine fast-check`);
  let mod: unknown;
  try {
    mod = requireHere(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_REQUIRE_ESM') throw notCommonJs;
    throw new ImplModuleError(`cannot load --impl ${module}: ${(err as Error).message}`);
  }
  // Node 20.19+ require()s ES modules too, handing back their namespace: loaded, but never instrumented.
  if (Object.prototype.toString.call(mod) === '[object Module]') throw notCommonJs;
  return { path, underTest: seedApiImplementation(mod as Parameters<typeof seedApiImplementation>[0], module, typedError) };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // not written yet, or caught mid-write: the next poll reads it
  }
}

/**
 * jsfuzz's last statistics line (`#N NEW|PULSE cov: C corp: K exec/s: E rss: R MB`),
 * and its executions per second: the median of its PULSE lines (one every
 * 3 s), since a NEW line's rate covers only the few executions since the line before.
 */
export function lastJsfuzzStats(output: string): { executions: number; coverage: number; corpus: number; executionsPerSecond: number | undefined } | undefined {
  const lines = [...output.matchAll(/^#(\d+) (\w+)\s+cov: (\d+) corp: (\d+) exec\/s: (\d+)/gm)];
  const m = lines.at(-1);
  if (!m) return undefined;
  const pulses = lines.filter((l) => l[2] === 'PULSE').map((l) => Number(l[5])).sort((a, b) => a - b);
  return { executions: Number(m[1]), coverage: Number(m[3]), corpus: Number(m[4]), executionsPerSecond: pulses.length > 0 ? pulses[Math.floor(pulses.length / 2)] : undefined };
}

function shrunkFailure(target: FuzzTarget, found: JsfuzzFailure, foundAfterSeconds: number): RunFailure {
  const failsAlike = (t: FuzzTarget, c: HpackCase): Finding | undefined => checkCase(t, c).findings.find((f) => f.verdict === 'failure' && f.property === found.property);
  const { hpackCase } = shrinkCase(caseFromJson(found.case), (c) => failsAlike(target, c) !== undefined, SHRINK_MS);
  const finding = failsAlike(withFullTables(target), hpackCase);
  if (!finding) throw new Error(`jsfuzz's failing case does not fail again outside jsfuzz (${found.message}): is the implementation deterministic?`);
  return { finding, seed: null, path: null, foundAfterSeconds, replay: { hpackCase } };
}

export async function runJsfuzz(opts: JsfuzzOptions): Promise<HpackFuzzResult> {
  if (!existsSync(JSFUZZ_TARGET)) throw new JsfuzzUnavailableError(`the jsfuzz target is not built (${relative(process.cwd(), JSFUZZ_TARGET)}): run \`npm run setup\``);
  const loaded = opts.impl === undefined ? undefined : commonJsImplementation(opts.impl, opts.typedError);
  const underTest = loaded?.underTest ?? (await loadImplementation(undefined));
  const target = await buildFuzzTarget(underTest, opts.oracles);
  const oracleNames = target.oracles.map((o) => o.impl.name);
  opts.log(`fuzz hpack: ${underTest.impl.name} against ${oracleNames.join(', ')} (engine jsfuzz, coverage-guided, not seeded)`);

  const scratch = mkdtempSync(join(tmpdir(), 'h2harness-jsfuzz-'));
  const corpusOut = opts.corpusOut ?? join(scratch, 'corpus');
  mkdirSync(corpusOut, { recursive: true });
  const countsFile = join(scratch, 'counts.json');
  const failureFile = join(scratch, 'failure.json');
  const limitS = opts.seconds ?? RUNS_ONLY_LIMIT_S;
  const env = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(JSFUZZ_PRELOAD)}`].filter(Boolean).join(' '),
    [JSFUZZ_ENV.counts]: countsFile,
    [JSFUZZ_ENV.failure]: failureFile,
    [JSFUZZ_ENV.deadline]: String(Date.now() + limitS * 1000),
    [JSFUZZ_ENV.oracles]: opts.oracles.join(','),
    ...(opts.runs !== undefined ? { [JSFUZZ_ENV.runs]: String(opts.runs) } : {}),
    ...(loaded ? { [JSFUZZ_ENV.impl]: loaded.path } : {}),
    ...(opts.typedError !== undefined ? { [JSFUZZ_ENV.typedError]: opts.typedError } : {}),
  };
  // jsfuzz joins the target path onto its working directory, so it must be relative.
  const args = [
    requireHere.resolve('jsfuzz'),
    relative(scratch, JSFUZZ_TARGET),
    corpusOut, // the first directory receives new inputs
    ...(existsSync(opts.seedCorpus) ? [opts.seedCorpus] : []),
    `--exact-artifact-path=${join(scratch, 'crash')}`,
    '--versifier=false', // its text-grammar mutator suits text protocols, not HPACK's binary
    '--timeout=30',
  ];
  const stats = new FuzzStats();
  const show = progressPrinter(process.stderr);
  let failedAt: number | undefined;
  const poll = (): void => {
    const counts = readJson<FuzzCounts>(countsFile);
    if (counts) stats.setCounts(counts);
    if (failedAt === undefined && existsSync(failureFile)) failedAt = stats.seconds();
    show(stats);
    opts.onProgress?.(stats);
  };
  try {
    const poller = setInterval(poll, POLL_MS);
    const run = await runBounded({ command: process.execPath, args, cwd: scratch, env, timeoutMs: limitS * 1000 + GRACE_MS, processGroup: true }).finally(() => clearInterval(poller));
    const output = run.stdout.toString() + run.stderr;
    poll();
    show(stats, true);
    const found = readJson<JsfuzzFailure>(failureFile);
    const jsfuzzStats = lastJsfuzzStats(output);
    if (jsfuzzStats) opts.log(`jsfuzz: ${jsfuzzStats.executions} executions, coverage ${jsfuzzStats.coverage} (statements, functions and branches reached), corpus ${jsfuzzStats.corpus} inputs, ${jsfuzzStats.executionsPerSecond ?? '?'} executions/s`);
    if (!found && (run.timedOut || run.code !== 0)) {
      const why = run.timedOut ? `did not stop within ${limitS} s + ${GRACE_MS / 1000} s` : `ended with ${run.code ?? run.signal}`;
      throw new Error(`jsfuzz ${why} without a property failure (a crash outside the properties?):\n${output.trim().split('\n').slice(-15).join('\n')}`);
    }
    let failure: RunFailure | null = null;
    if (found) {
      failure = shrunkFailure(target, found, failedAt ?? stats.seconds());
      stats.failures++;
    }
    return finishRun({ stats, failure, notRun: [], implementation: underTest.module, oracles: oracleNames, engine: 'jsfuzz', out: opts.out, log: opts.log, input: found?.input });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
