// `h2harness run`: every selected stage against the target(s), within the
// time budget, ending in one report folder and a verdict against the baseline.
// Ctrl-C / SIGTERM stop what runs (children by PID) and still write the
// partial report, marked incomplete.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { targetLabel, type NotRunTarget, type TargetSpec } from '../conformance/conformance-targets.js';
import { locateH2spec } from '../conformance/h2spec-locator.js';
import { killTrackedChildren } from '../peers/child-registry.js';
import { readBaselineOrEmpty } from '../report/baseline-file.js';
import { describeComparison, resultLine, withComparison } from '../report/baseline.js';
import { buildReport, runFolderName } from '../report/report-builder.js';
import type { BaselineComparison, StageResult, Transport } from '../report/report-model.js';
import { writeReport } from '../report/write-report.js';
import { targetInfos, type StartedServer } from '../report/target-infos.js';
import { attackDeadline, estimateSeconds, fuzzFloorSeconds, fuzzSeconds, MIN_FUZZ_SECONDS, RESERVE_SECONDS, RUN_ATTACK_SECONDS, RUN_ATTACK_SETTLE_MS, type StageName } from './budget.js';
import { countOutcomes, ProgressLog } from './progress-log.js';
import type { StageContext } from './stage-context.js';
import { attackStages, type AttackStageOptions } from './stages/attack-stage.js';
import { conformanceStages } from './stages/conformance-run-stage.js';
import { fuzzStage } from './stages/fuzz-stage.js';
import { serverFuzzStage } from './stages/server-fuzz-stage.js';
import { interopStage } from './stages/interop-stage.js';
import { vectorsStage } from './stages/vectors-stage.js';

export interface RunOptions {
  /** What --target said: `ref`, `all`, `HOST:PORT`… */
  targetSpec: string;
  targets: TargetSpec[];
  /** Where reports go and which baseline gates them: the first line of output. */
  where: string;
  /** Built-in targets `--target all` left out (not installed here). */
  notRun?: NotRunTarget[];
  transports: Transport[];
  budgetSeconds: number;
  stages: ReadonlySet<StageName>;
  outRoot: string;
  baselineFile: string;
  seed: number;
  ci: boolean;
  command: string;
  /** The attack stage's settings (default: RUN_ATTACK_SECONDS each, every attack). */
  attack?: AttackStageOptions;
}

export async function runHarness(o: RunOptions): Promise<number> {
  const startedAt = new Date();
  const deadline = startedAt.getTime() + o.budgetSeconds * 1000;
  const runDir = join(o.outRoot, runFolderName(startedAt.toISOString(), o.targetSpec));
  const controller = new AbortController();
  let interruption: string | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interruption = signal;
    controller.abort();
    killTrackedChildren();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const progress = new ProgressLog();
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const started: StartedServer[] = [];
  // The stages that run whole; the attack stage takes what they leave less the fuzz floor.
  const fixed = [...o.stages].filter((s): s is Exclude<StageName, 'fuzz' | 'attack'> => s !== 'fuzz' && s !== 'attack').reduce((n, s) => n + estimateSeconds(s, o.targets, o.transports), 0);
  const fuzzFloor = o.stages.has('fuzz') ? fuzzFloorSeconds(o.budgetSeconds) : 0;
  say(`h2harness run: ${o.where}`);
  say(`target ${o.targetSpec} (${o.transports.join(', ')}), budget ${o.budgetSeconds} s, seed ${o.seed}, stages ${[...o.stages].join(', ')}`);
  for (const n of o.notRun ?? []) say(`not run: ${n.name}: ${n.reason}`);
  if (fixed + (o.stages.has('fuzz') ? MIN_FUZZ_SECONDS : 0) + RESERVE_SECONDS > o.budgetSeconds) {
    say(`note: these stages need about ${fixed + MIN_FUZZ_SECONDS + RESERVE_SECONDS} s; the budget of ${o.budgetSeconds} s will be exceeded (try --budget ${Math.ceil((fixed + 30) / 10) * 10})`);
  }
  if (o.stages.has('attack')) {
    const need = estimateSeconds('attack', o.targets, o.transports);
    const share = Math.max(0, o.budgetSeconds - fixed - fuzzFloor - RESERVE_SECONDS);
    if (need > share) say(`note: attacking every target takes about ${need} s and the budget leaves the attack stage about ${share} s: it attacks the targets that fit, in order, and names the others as not attacked (--budget ${Math.ceil((fixed + fuzzFloor + RESERVE_SECONDS + need) / 10) * 10} attacks them all)`);
  }
  const context = (): StageContext => ({
    targets: o.targets,
    transports: o.transports,
    seed: o.seed,
    ci: o.ci,
    deadline,
    runDir,
    signal: controller.signal,
    progress: (cases, findings) => progress.update(cases, findings),
    serverStarted: (server) => void started.push(server),
  });
  const stages: StageResult[] = [];
  const record = (results: StageResult[]): void => {
    for (const r of results) {
      progress.end(r);
      stages.push(r);
    }
  };
  // The handlers stay until the report is written: a second Ctrl-C must not lose it.
  try {
    if (o.stages.has('vectors') && !controller.signal.aborted) {
      progress.start('hpack-vectors', 'hpack-test-case stories, identity with libnghttp2');
      record([vectorsStage(o.ci)]);
    }
    if (o.stages.has('conformance') && !controller.signal.aborted) {
      progress.start('conformance', `h2spec --strict and the h2harness suite, ${o.targets.map(targetLabel).join(', ')}`);
      record(await conformanceStages(context(), say));
    }
    if (o.stages.has('interop') && !controller.signal.aborted) {
      progress.start('interop', 'nghttp, curl, undici, node:http2, Chromium clients');
      record([await interopStage(context())]);
    }
    if (o.stages.has('attack') && !controller.signal.aborted) {
      const attack = o.attack ?? { seconds: RUN_ATTACK_SECONDS, settleMs: RUN_ATTACK_SETTLE_MS };
      const until = attackDeadline(deadline, o.budgetSeconds, o.stages.has('fuzz'));
      progress.start('attack', `published HTTP/2 attacks, ${attack.seconds} s each, ${o.targets.map(targetLabel).join(', ')} as ${Math.max(0, Math.round((until - Date.now()) / 1000))} s allow`);
      record(await attackStages({ ...context(), deadline: until }, attack));
    }
    if (o.stages.has('fuzz') && !controller.signal.aborted) {
      // The fuzz time is shared: HPACK first, then the server scenarios with what is left.
      const seconds = Math.max(1, Math.round(fuzzSeconds(deadline, Date.now()) / 2));
      progress.start('hpack-fuzz', `${seconds} s, seed ${o.seed}`);
      record([await fuzzStage(context(), seconds)]);
      if (!controller.signal.aborted) {
        const serverSeconds = fuzzSeconds(deadline, Date.now());
        const tls = !o.transports.includes('h2c');
        progress.start('server-fuzz', `${serverSeconds} s, seed ${o.seed}, over ${tls ? 'TLS' : 'h2c'}`);
        record([await serverFuzzStage(context(), serverSeconds, tls)]);
      }
    }
  } catch (err) {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    throw err;
  }

  const tool = await locateH2spec({ install: false }).catch(() => undefined);
  const report = withComparison(
    buildReport(
      {
        targetSpec: o.targetSpec,
        targets: targetInfos(o.targets.map(targetLabel), started, o.notRun ?? []),
        transports: o.transports,
        seed: String(o.seed),
        budgetSeconds: o.budgetSeconds,
        startedAt,
        finishedAt: new Date(),
        ...(interruption ? { interruption } : {}),
        ci: o.ci,
        tools: { h2spec: tool?.kind === 'h2spec' ? tool.version : null, nghttp2: nghttp2Version() },
        command: o.command,
      },
      stages,
    ),
    readBaselineOrEmpty(o.baselineFile),
    o.baselineFile,
  );
  const written = writeReport(report, o.outRoot);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  const cmp = report.baseline!;

  say('');
  say(summaryTable(stages, cmp));
  for (const line of describeComparison(cmp)) say(line);
  say(`report: ${join(written.dir, 'index.html')}`);
  if (interruption) {
    say(`interrupted by ${interruption}: the report is incomplete`);
    return interruption === 'SIGINT' ? 130 : 143;
  }
  say(resultLine(cmp));
  return cmp.exitCode;
}

function summaryTable(stages: readonly StageResult[], cmp: BaselineComparison): string {
  // A stage whose every failure the baseline accepts did fail, but gates nothing.
  const gating = new Set([...cmp.regressions.map((r) => r.stage), ...cmp.brokenStages.map((b) => b.stage)]);
  const status = (s: StageResult): string => (s.status === 'failed' && !gating.has(s.name) ? 'accepted' : s.status);
  const rows = stages.map((s) => [s.name, status(s), countOutcomes(s), `${(s.durationMs / 1000).toFixed(1)} s`]);
  const header = ['stage', 'status', 'cases', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function nghttp2Version(): string | null {
  const r = spawnSync('nghttpd', ['--version'], { encoding: 'utf8', timeout: 5000 });
  return /nghttp2\/(\S+)/.exec(r.stdout ?? '')?.[1] ?? null;
}
