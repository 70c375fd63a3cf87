// The command line of every bench script: its own options plus --help, and
// a wrong option answered with the script's usage and exit code 2 rather than
// parseArgs' stack trace (a bench is a command a user types, like the CLI).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<T extends Options> = ReturnType<typeof parseArgs<{ options: T; strict: true }>>['values'];

/** The parsed options; prints `usage` and exits on --help (0) or on a usage error (2). */
export function benchArgs<const T extends Options>(usage: string, options: T, argv: string[] = process.argv.slice(2)): Values<T> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options, strict: true }).values as Values<T>;
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS_'))) throw err;
    console.error(`${err.message}\n${usage}`);
    process.exit(2);
  }
}
