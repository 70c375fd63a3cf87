// `h2harness run` (= `npm start`): the harness's main job. Argument parsing
// only; the run itself is harness/run/run-harness.ts.
import type { Command } from 'commander';
import { Option } from 'commander';
import { randomInt } from 'node:crypto';
import { runTransports, TARGET_FORMS } from '../../conformance/conformance-targets.js';
import { parsedTargets } from '../target-option.js';
import { STAGE_NAMES, type StageName } from '../../run/budget.js';
import { runHarness } from '../../run/run-harness.js';
import type { Transport } from '../../report/report-model.js';
import { chooseBaseline, describeBaseline, reportsRoot, shown } from '../../report/report-location.js';
import { UsageError } from '../usage-error.js';

interface RunCliOptions {
  target: string;
  tls: boolean;
  h2c: boolean;
  budget: string;
  stages?: string;
  out?: string;
  baseline?: string;
  seed?: string;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run every stage (HPACK vectors, HPACK fuzzing, h2spec --strict, interop clients) against a target and write a report')
    .addOption(new Option('--target <target>', TARGET_FORMS).default('ref'))
    .option('--tls', 'TLS only (default: h2c and TLS); a bare HOST:PORT target needs --tls or --h2c', false)
    .option('--h2c', 'h2c only (default: h2c and TLS)', false)
    .option('--budget <seconds>', 'time budget for the whole run: conformance, interop and vectors run whole, attacks take what they leave less a tenth kept for fuzzing (targets that do not fit are named as not attacked), fuzzing takes the rest', '60')
    .option('--stages <list>', `comma-separated subset of ${STAGE_NAMES.join(',')} (default: all but attack; with --target all, attack too)`)
    .option('--out <dir>', 'folder for the run folders (default: ./reports)')
    .option('--baseline <file>', "accepted failures per target (default: ./reports/baseline.json; without one, h2harness's own for its built-in targets)")
    .option('--seed <n>', 'fuzzing seed (default: random, printed)')
    .action(async (o: RunCliOptions) => {
      if (o.tls && o.h2c) throw new UsageError('--tls and --h2c exclude each other (give neither for both)');
      const { targets, notRun } = parsedTargets(o.target, o);
      const transports: Transport[] = runTransports(targets, o);
      const budgetSeconds = Number(o.budget);
      if (!Number.isFinite(budgetSeconds) || budgetSeconds <= 0) throw new UsageError(`--budget must be a positive number of seconds, got ${JSON.stringify(o.budget)}`);
      const stages = new Set<StageName>();
      const stageList = o.stages ?? STAGE_NAMES.filter((s) => s !== 'attack' || o.target === 'all').join(',');
      for (const s of stageList.split(',').map((x) => x.trim()).filter(Boolean)) {
        if (!(STAGE_NAMES as readonly string[]).includes(s)) throw new UsageError(`unknown stage ${JSON.stringify(s)}; stages: ${STAGE_NAMES.join(', ')}`);
        stages.add(s as StageName);
      }
      if (stages.size === 0) throw new UsageError('--stages names no stage');
      const seed = o.seed === undefined ? randomInt(2 ** 31) : Number(o.seed);
      if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(o.seed)}`);
      const outRoot = reportsRoot(o.out);
      const baseline = chooseBaseline(o.baseline, targets.every((t) => t.kind === 'peer'));
      process.exitCode = await runHarness({
        where: `reports in ${shown(outRoot)}, ${describeBaseline(baseline)}`,
        targetSpec: o.target,
        targets,
        notRun,
        transports,
        budgetSeconds,
        stages,
        outRoot,
        baselineFile: baseline.file,
        seed,
        ci: process.env.CI === 'true',
        command: process.argv.slice(2).join(' '),
      });
    });
}

