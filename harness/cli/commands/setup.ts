// `h2harness setup [--targets LIST]`: what `npm start` / `npm test` run
// first (scripts/setup), plus the real servers LIST names. Without root it
// prints the command that installs what is missing.
import type { Command } from 'commander';
import { SERVER_TARGETS } from '../../conformance/conformance-targets.js';
import { runSetupScript } from '../setup-script.js';

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description('install what h2harness needs (npm packages, the build, nghttp2, curl, chromium, h2spec), and the real servers --targets names')
    .option('--targets <list>', `comma-separated ${SERVER_TARGETS.join(',')}, or all`, '')
    .action((o: { targets: string }) => {
      process.exitCode = runSetupScript(o.targets);
    });
}
