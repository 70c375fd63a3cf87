// `h2harness report DIR`: redraws junit.xml, summary.md and index.html from
// DIR/report.json, after checking it against the committed schema. For a
// report written by an older harness, or after changing a writer.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shown } from '../../report/report-location.js';
import { readReport, ReportFormatError } from '../../report/report-schema.js';
import { REPORT_FILES, renderReportFiles } from '../../report/write-report.js';
import { resolveRunFolder } from '../../report/latest-pointer.js';
import { UsageError } from '../usage-error.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('rebuild junit.xml, summary.md and index.html of a run from its report.json')
    .argument('[dir]', 'the run folder (default: ./reports/latest)', 'reports/latest')
    .action((dirArg: string) => {
      const dir = resolveRunFolder(dirArg);
      const file = join(dir, REPORT_FILES.json);
      if (!existsSync(file)) throw new UsageError(`no ${REPORT_FILES.json} in ${shown(resolve(dirArg))}: \`h2harness run\` writes its reports into ./reports of the directory it runs in (or --out)`);
      console.log(`h2harness report: ${shown(dir)}`);
      try {
        renderReportFiles(readReport(file), dir);
      } catch (err) {
        if (err instanceof ReportFormatError) throw new UsageError(err.message);
        throw err;
      }
      console.log(`rebuilt ${REPORT_FILES.junit}, ${REPORT_FILES.summary}, ${REPORT_FILES.html} in ${dir}`);
    });
}
