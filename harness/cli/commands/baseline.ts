// `h2harness baseline update [--from DIR] [--baseline FILE]`: rewrites the
// baseline from a run's report (default: ./reports/latest). Reasons already
// written are kept; new entries get a TODO reason to be replaced by hand.
// Without --baseline it writes ./reports/baseline.json; when that does not
// exist yet and the run was of built-in targets only, it starts from
// h2harness's own baseline, so the reasons written there carry over.
import type { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readReport, ReportFormatError } from '../../report/report-schema.js';
import { readBaselineOrEmpty, writeBaseline } from '../../report/baseline-file.js';
import { updateBaseline } from '../../report/baseline-update.js';
import { resolveRunFolder } from '../../report/latest-pointer.js';
import { REPORT_FILES } from '../../report/write-report.js';
import { chooseBaseline, describeBaseline, shown } from '../../report/report-location.js';
import { NAMED_TARGETS } from '../../conformance/conformance-targets.js';
import { UsageError } from '../usage-error.js';

export function registerBaselineCommand(program: Command): void {
  const baseline = program.command('baseline').description('the accepted failures CI compares runs with');
  baseline
    .command('update')
    .description('write the baseline from a run: its current failures become the accepted ones')
    .option('--from <dir>', 'the run folder', 'reports/latest')
    .option('--baseline <file>', 'the baseline file (default: ./reports/baseline.json)')
    .action((o: { from: string; baseline?: string }) => {
      const file = join(resolveRunFolder(o.from), REPORT_FILES.json);
      if (!existsSync(file)) throw new UsageError(`no ${REPORT_FILES.json} in ${shown(resolve(o.from))}: run \`h2harness run\` here first (it writes ./reports)`);
      try {
        const report = readReport(file);
        if (!report.run.complete) throw new UsageError(`${file} is from an interrupted run; a baseline needs a complete one`);
        const builtIn = report.targets.every((t) => (NAMED_TARGETS as readonly string[]).includes(t.name));
        const choice = chooseBaseline(o.baseline, builtIn);
        console.log(`h2harness baseline update: from ${shown(file)} into ${shown(choice.writeTo)}${choice.file !== choice.writeTo ? `, starting from ${describeBaseline(choice)}` : ''}`);
        const { baseline: next, added, removed } = updateBaseline(report, readBaselineOrEmpty(choice.file));
        mkdirSync(dirname(choice.writeTo), { recursive: true });
        writeBaseline(choice.writeTo, next);
        for (const a of added) console.log(`+ ${a.target} ${a.stage} ${a.case}`);
        for (const r of removed) console.log(`- ${r.target} ${r.stage} ${r.case} (${r.reason})`);
        console.log(`${shown(choice.writeTo)}: ${added.length} added, ${removed.length} removed, from ${file}`);
      } catch (err) {
        if (err instanceof ReportFormatError) throw new UsageError(err.message);
        throw err;
      }
    });
}
