// `h2harness conformance`: h2spec against one target or all of them, with
// named JUnit and JSON results and an exit code for CI. The runs become the
// report stage `run` makes of them and are gated against the same baseline,
// so `conformance --target node` passes or fails exactly where `run` does.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { buildConformanceJson } from '../../conformance/json-report.js';
import { buildMatrix, formatMatrix } from '../../conformance/conformance-matrix.js';
import { summaryLine, type ConformanceRun } from '../../conformance/conformance-result.js';
import { isValidSpec, toH2specSpec } from '../../conformance/case-id.js';
import { TARGET_FORMS, targetLabel, transportsOf, type TargetSpec } from '../../conformance/conformance-targets.js';
import { H2specUnavailableError, locateH2spec } from '../../conformance/h2spec-locator.js';
import { runConformanceTarget } from '../../conformance/conformance-session.js';
import { findCase } from '../../conformance/suite/catalogue.js';
import { caseRunText, runSuiteTarget } from '../../conformance/suite/suite-session.js';
import { killTrackedChildren } from '../../peers/child-registry.js';
import type { RunningServer } from '../../peers/server-peer.js';
import { readBaselineOrEmpty, type BaselineFile } from '../../report/baseline-file.js';
import { describeComparison, resultLine } from '../../report/baseline.js';
import { conformanceReport } from '../../report/conformance-report.js';
import { buildJUnitReport } from '../../report/junit-report.js';
import { ReportFormatError } from '../../report/report-schema.js';
import { chooseBaseline, describeBaseline } from '../../report/report-location.js';
import { UsageError } from '../usage-error.js';
import { reportNotRun } from '../not-run.js';
import { notRunLines, parsedTargets } from '../target-option.js';
import type { Transport } from '../../report/report-model.js';
import { targetInfos } from '../../report/target-infos.js';

interface ConformanceOptions {
  target: string;
  tls: boolean;
  h2c: boolean;
  strict: boolean;
  spec?: string[];
  junit?: string;
  json?: string;
  baseline?: string;
  timeout: string;
  caseTimeout: string;
  install: boolean;
  suite: string;
  case?: string[];
}

const SUITES = ['h2harness', 'h2spec', 'all'] as const;

/** A failed case's rerun joins the target's others: both suites may re-run cases on one target. */
function addRerun(reruns: Map<string, ConformanceRun>, again: ConformanceRun): void {
  const before = reruns.get(again.target.name);
  reruns.set(again.target.name, before ? { ...before, cases: [...before.cases, ...again.cases] } : again);
}

function positiveSeconds(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number of seconds, not "${text}"`);
  return n;
}

function printFailures(run: ConformanceRun, write: (line: string) => void): void {
  for (const c of run.cases) {
    if (c.outcome !== 'failed') continue;
    write(`  × ${c.id} ${c.description}`);
    if (c.expected) write(`      expected: ${c.expected.join(' | ')}`);
    if (c.actual !== undefined) write(`      actual:   ${c.actual}`);
    if (c.error) write(`      error:    ${c.error}`);
  }
}

/** Read before h2spec runs: a broken baseline is a usage error now, not after minutes of h2spec. */
function loadBaseline(file: string): BaselineFile {
  try {
    return readBaselineOrEmpty(file);
  } catch (err) {
    if (err instanceof ReportFormatError) throw new UsageError(err.message);
    throw err;
  }
}

async function conformance(o: ConformanceOptions): Promise<void> {
  if (o.tls && o.h2c) throw new UsageError('--tls and --h2c exclude each other');
  const targetChoice = parsedTargets(o.target, o);
  const targets = targetChoice.targets;
  // One transport per built-in target (h2c unless --tls); a user's server speaks its own.
  const named: Transport = o.tls ? 'tls' : 'h2c';
  const badSpec = (o.spec ?? []).find((s) => !isValidSpec(s));
  if (badSpec) throw new UsageError(`--spec "${badSpec}" is not a section or case id (e.g. 6.5, 6.5.3/1, generic/3, hpack)`);
  if (!(SUITES as readonly string[]).includes(o.suite)) throw new UsageError(`--suite must be h2harness, h2spec or all, not "${o.suite}"`);
  const unknownCase = (o.case ?? []).find((id) => findCase(id) === undefined);
  if (unknownCase) throw new UsageError(`--case "${unknownCase}" is not a case of the h2harness suite (ids look like rfc9113/6.9.1/connection-window-overflow)`);
  // --case picks cases of our own suite, --spec h2spec's: either narrows the run to that suite.
  const ownSuite = o.case !== undefined || (o.suite !== 'h2spec' && o.spec === undefined);
  const withH2spec = o.suite !== 'h2harness' && o.case === undefined;
  const overallTimeoutMs = positiveSeconds(o.timeout, '--timeout') * 1000;
  const caseTimeoutSec = Math.ceil(positiveSeconds(o.caseTimeout, '--case-timeout'));
  const choice = chooseBaseline(o.baseline, targets.every((t) => t.kind === 'peer'));
  const baselineFile = choice.file;
  const baseline = loadBaseline(baselineFile);
  console.log(`h2harness conformance: ${describeBaseline(choice)}`);

  const h2spec = !withH2spec ? null : await locateH2spec({ install: o.install, log: (line) => console.log(line) }).catch((err: unknown) => {
    if (err instanceof H2specUnavailableError) return err;
    throw err;
  });
  if (h2spec instanceof H2specUnavailableError) return reportNotRun(h2spec.message, h2spec.fix);
  if (h2spec?.kind === 'not-installed') return reportNotRun('h2spec is not installed and could not be installed', h2spec.installCommand);
  if (h2spec) console.log(`h2spec ${h2spec.version} (${h2spec.path})`);

  // Ctrl-C / SIGTERM: stop what we started, by PID, then leave non-zero.
  const started = new Set<RunningServer>();
  const interrupt = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping ${started.size} server(s)`);
    killTrackedChildren();
    void Promise.allSettled([...started].map((s) => s.stop())).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  for (const line of notRunLines(targetChoice)) console.log(line);
  const startedAt = new Date();
  const runs: ConformanceRun[] = [];
  const reruns = new Map<string, ConformanceRun>();
  const options = (spec: TargetSpec, specs: string[]) => ({
    h2spec: h2spec!,
    tls: transportsOf(spec, [named])[0] === 'tls',
    strict: o.strict,
    specs,
    caseTimeoutSec,
    overallTimeoutMs,
    onStarted: (server: RunningServer) => started.add(server),
  });
  try {
    for (const spec of targets) {
      if (ownSuite) {
        const suiteOptions = { tls: transportsOf(spec, [named])[0] === 'tls', ...(o.case ? { ids: o.case } : {}), onStarted: (server: RunningServer) => started.add(server) };
        const { run, results } = await runSuiteTarget(spec, suiteOptions);
        runs.push(run);
        if (o.case) for (const r of results) console.log(caseRunText(r, run.target.name));
        else printFailures(run, (line) => console.log(line));
        console.log(`${summaryLine(run)} in ${(run.durationMs / 1000).toFixed(1)} s`);
        const failed = run.cases.filter((c) => c.outcome === 'failed').map((c) => c.id);
        if (failed.length > 0) {
          const again = (await runSuiteTarget(spec, { ...suiteOptions, ids: failed })).run;
          addRerun(reruns, again);
          console.log(`re-ran ${failed.length} failed: ${again.counts.passed} passed the second time (flaky)`);
        }
      }
      if (!h2spec) continue;
      const run = await runConformanceTarget(spec, options(spec, (o.spec ?? []).map(toH2specSpec)));
      runs.push(run);
      printFailures(run, (line) => console.log(line));
      console.log(`${summaryLine(run)} in ${(run.durationMs / 1000).toFixed(1)} s`);
      // As `run` does: every failed case once more, in one h2spec invocation; one that passes then is flaky.
      const failed = run.cases.filter((c) => c.outcome === 'failed').map((c) => c.h2specId);
      if (failed.length > 0) {
        const again = await runConformanceTarget(spec, options(spec, failed));
        addRerun(reruns, again);
        console.log(`re-ran ${failed.length} failed: ${again.counts.passed} passed the second time (flaky)`);
      }
    }
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }

  const matrix = buildMatrix(runs);
  if (matrix.columns.length > 1) console.log(formatMatrix(matrix));
  const report = conformanceReport(
    {
      targetSpec: o.target,
      transports: (['h2c', 'tls'] as const).filter((t) => runs.some((r) => r.target.tls === (t === 'tls'))),
      runs,
      reruns,
      complete: (o.spec ?? []).length === 0 && o.case === undefined,
      targets: targetInfos(targets.map(targetLabel), runs.map((r) => r.target), targetChoice.notRun),
      budgetSeconds: (overallTimeoutMs / 1000) * targets.length,
      startedAt,
      finishedAt: new Date(),
      ci: process.env.CI === 'true',
      h2specVersion: h2spec?.version ?? 'not run',
      command: process.argv.slice(2).join(' '),
    },
    baseline,
    baselineFile,
  );
  const cmp = report.baseline!;
  for (const line of describeComparison(cmp)) console.log(line);
  console.log(resultLine(cmp));
  if (o.junit) await writeFile(o.junit, buildJUnitReport(report));
  if (o.json) await writeFile(o.json, buildConformanceJson(runs, cmp));
  process.exitCode = cmp.exitCode;
}

export function registerConformanceCommand(program: Command): void {
  program
    .command('conformance')
    .description("run h2harness's own RFC 9113 suite and h2spec against a server and report every case (exit 1 on a failure the baseline does not accept)")
    .addOption(new Option('--target <target>', TARGET_FORMS).default('ref'))
    .option('--tls', 'built-in targets over TLS (h2 via ALPN; certificates are not verified)', false)
    .option('--h2c', 'built-in targets over h2c with prior knowledge (the default); with a bare HOST:PORT, says it is h2c', false)
    .option('--strict', "include h2spec's strict cases, RFC MUSTs (the default)", true)
    .option('--no-strict', "leave h2spec's strict cases out")
    .option('--spec <id...>', "only these sections or cases of h2spec's (and none of the h2harness suite): 6.5, 6.5.3/1, generic/3, hpack")
    .option('--junit <file>', 'write a JUnit XML file with every case named')
    .option('--json <file>', 'write the JSON result')
    .option('--baseline <file>', "accepted failures per target (default: ./reports/baseline.json; without one, h2harness's own for its built-in targets)")
    .option('--timeout <seconds>', 'kill h2spec after this long, per target', '300')
    .option('--case-timeout <seconds>', "seconds each case waits for the server (h2spec -o)", '2')
    .addOption(new Option('--suite <suite>', "h2harness (our own cases, exact verdicts), h2spec, or all").choices([...SUITES]).default('all'))
    .option('--case <id...>', 'only these cases of the h2harness suite (and none of h2spec), each with its transcript printed (e.g. rfc9113/6.9.1/connection-window-overflow)')
    .option('--no-install', 'do not go install h2spec when it is missing')
    .action((options: ConformanceOptions) => conformance(options));
}
