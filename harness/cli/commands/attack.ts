// `h2harness attack --target ref|node|nghttpd|all|HOST:PORT [--tls] [--only A,B] [--seconds N]`:
// the published HTTP/2 attacks (harness/attack/) against a server while a
// legit client measures what is left of its service. The run is `h2harness run
// --stages attack` with these settings: same report folder, report.json, JUnit,
// HTML and baseline gate.
import type { Command } from 'commander';
import { ATTACKS } from '../../attack/attack-catalogue.js';
import { resultRow, table } from '../../attack/attack-run.js';
import { VERDICT_RULE } from '../../attack/attack-verdict.js';
import { attackPassSeconds, RESERVE_SECONDS } from '../../run/budget.js';
import { runHarness } from '../../run/run-harness.js';
import { selectAttacks } from '../../run/stages/attack-stage.js';
import { chooseBaseline, describeBaseline, reportsRoot, shown } from '../../report/report-location.js';
import { parsedTargets } from '../target-option.js';
import { UsageError } from '../usage-error.js';

interface AttackCliOptions {
  target: string;
  tls: boolean;
  only?: string;
  seconds: string;
  out?: string;
  baseline?: string;
  list: boolean;
}

/** Seconds between an attack's end and reading the server's RSS "after". */
const SETTLE_MS = 2000;

export function registerAttackCommand(program: Command): void {
  program
    .command('attack')
    .description('run the published HTTP/2 DoS attacks (named after their CVEs) against a server while a legit client does GET / every 100 ms; writes a report')
    .option('--target <target>', 'ref, node, nghttpd, all, or HOST:PORT (loopback)', 'ref')
    .option('--tls', 'attack over TLS (ALPN h2) instead of h2c', false)
    .option('--only <names>', 'comma-separated attack names or CVE ids (see --list)')
    .option('--seconds <n>', 'how long each attack runs', '8')
    .option('--out <dir>', 'folder for the run folders (default: ./reports)')
    .option('--baseline <file>', "accepted failures per target (default: ./reports/baseline.json; without one, h2harness's own for its built-in targets)")
    .option('--list', 'list the attacks and exit', false)
    .action(async (o: AttackCliOptions) => {
      if (o.list) {
        for (const a of ATTACKS) console.log(`${a.name.padEnd(36)} ${a.flood ? 'flood ' : 'hold  '} ${a.title}`);
        return;
      }
      // --tls says the transport of every target, a bare HOST:PORT included (the attack runs over one).
      const targets = parsedTargets(o.target, { tls: o.tls, h2c: !o.tls }).targets;
      for (const t of targets) {
        if (t.kind === 'external' && !['127.0.0.1', '::1', 'localhost'].includes(t.host)) throw new UsageError(`attacks go to loopback only (127.0.0.1, ::1, localhost), got ${t.host}`);
      }
      const seconds = Number(o.seconds);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) throw new UsageError(`--seconds must be in (0, 120], got ${JSON.stringify(o.seconds)}`);
      const only = o.only?.split(',').map((x) => x.trim()).filter(Boolean);
      let attacks;
      try {
        attacks = selectAttacks(only);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const rows: string[][] = [];
      console.log(`verdict rule: ${VERDICT_RULE}`);
      const outRoot = reportsRoot(o.out);
      const baseline = chooseBaseline(o.baseline, targets.every((t) => t.kind === 'peer'));
      process.exitCode = await runHarness({
        where: `reports in ${shown(outRoot)}, ${describeBaseline(baseline)}`,
        targetSpec: o.target,
        targets,
        transports: [o.tls ? 'tls' : 'h2c'],
        // The stage attacks a target only while its estimated pass (re-runs included) fits: the budget is that, per target.
        budgetSeconds: targets.length * attackPassSeconds(attacks.length, seconds, SETTLE_MS) + RESERVE_SECONDS + 10,
        stages: new Set(['attack']),
        outRoot,
        baselineFile: baseline.file,
        seed: 0,
        ci: process.env.CI === 'true',
        command: `attack ${process.argv.slice(3).join(' ')}`,
        attack: {
          seconds,
          only,
          settleMs: SETTLE_MS,
          onResult: (r) => {
            const row = [r.target, ...resultRow(r)];
            rows.push(row);
            console.log(`  ${row.join(' | ')}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}`);
          },
        },
      });
      console.log(`\n${table(rows, ['target', 'attack', 'transport', 'legit ok', 'p50 ms', 'max ms', 'RSS MB during/after', 'cut off', 'verdict'])}`);
    });
}
