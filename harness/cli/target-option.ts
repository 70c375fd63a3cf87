// `--target` for every verb that takes one (run, conformance): the grammar
// of conformance/target-grammar.ts, with what is installed here deciding
// `all`, and a bad value turned into a usage error (exit 2).
import { parseTargets, targetInstalled, TargetSyntaxError, type TargetChoice, type TransportFlags } from '../conformance/conformance-targets.js';
import { installNamedServers } from './setup-script.js';
import { UsageError } from './usage-error.js';

/** Real servers named explicitly are installed first when they can be (as root); `all` takes what is installed. */
export function parsedTargets(text: string, flags: TransportFlags, log: (line: string) => void = console.error): TargetChoice {
  try {
    const named = parseTargets(text, flags, () => 'not asked');
    installNamedServers(named.targets, log);
    const choice = parseTargets(text, flags, targetInstalled);
    if (choice.targets.length === 0) {
      throw new TargetSyntaxError(`--target ${text} leaves nothing to run (${choice.notRun.map((n) => n.reason).join('; ')})`);
    }
    return choice;
  } catch (err) {
    if (err instanceof TargetSyntaxError) throw new UsageError(err.message);
    throw err;
  }
}

/** One line per built-in target `all` left out, for the console. */
export function notRunLines(choice: TargetChoice): string[] {
  return choice.notRun.map((n) => `not run: ${n.name}: ${n.reason}`);
}
