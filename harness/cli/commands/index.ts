import type { Command } from 'commander';

/** Every verb, in the order `--help` lists them. One import per verb module. */
export function registerCommands(program: Command): void {
  void program;
}
