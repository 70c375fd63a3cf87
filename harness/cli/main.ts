#!/usr/bin/env node
// The `h2harness` command. Each verb lives in its own module under
// commands/ and registers itself on the program; this file only wires the
// shared behaviour: --help everywhere, exit code 2 on bad usage.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { UsageError, EXIT_USAGE } from './usage-error.js';
import { packageVersion } from './package-info.js';

const program = new Command('h2harness')
  .description('HTTP/2 conformance and differential fuzz testing harness')
  .version(packageVersion(), '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version also end here, with exit code 0.
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  if (err instanceof UsageError) {
    console.error(`h2harness: ${err.message}`);
    process.exit(EXIT_USAGE);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(EXIT_USAGE);
}
