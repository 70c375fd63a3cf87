// `h2harness baseline update [--from DIR] [--baseline FILE]`: rewrites the
// baseline from a run's report (default: the latest run). Reasons already
// written are kept; new entries get a TODO reason to be replaced by hand.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readReport, ReportFormatError } from '../../report/report-schema.js';
import { readBaselineOrEmpty, writeBaseline } from '../../report/baseline-file.js';
import { updateBaseline } from '../../report/baseline-update.js';
import { resolveRunFolder } from '../../report/latest-pointer.js';
import { REPORT_FILES } from '../../report/write-report.js';
import { UsageError } from '../usage-error.js';

export const DEFAULT_BASELINE = 'reports/baseline.json';

export function registerBaselineCommand(program: Command): void {
  const baseline = program.command('baseline').description('the accepted failures CI compares runs with');
  baseline
    .command('update')
    .description('write the baseline from a run: its current failures become the accepted ones')
    .option('--from <dir>', 'the run folder', 'reports/latest')
    .option('--baseline <file>', 'the baseline file', DEFAULT_BASELINE)
    .action((o: { from: string; baseline: string }) => {
      const file = join(resolveRunFolder(o.from), REPORT_FILES.json);
      if (!existsSync(file)) throw new UsageError(`no ${REPORT_FILES.json} in ${o.from}: run \`h2harness run\` first`);
      try {
        const report = readReport(file);
        if (!report.run.complete) throw new UsageError(`${file} is from an interrupted run; a baseline needs a complete one`);
        const { baseline: next, added, removed } = updateBaseline(report, readBaselineOrEmpty(o.baseline));
        writeBaseline(o.baseline, next);
        for (const a of added) console.log(`+ ${a.target} ${a.stage} ${a.case}`);
        for (const r of removed) console.log(`- ${r.target} ${r.stage} ${r.case} (${r.reason})`);
        console.log(`${o.baseline}: ${added.length} added, ${removed.length} removed, from ${file}`);
      } catch (err) {
        if (err instanceof ReportFormatError) throw new UsageError(err.message);
        throw err;
      }
    });
}
