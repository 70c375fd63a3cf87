import type { Command } from 'commander';
import { registerRunCommand } from './run.js';
import { registerVectorsCommand } from './vectors.js';
import { registerHpackCommand } from './hpack.js';
import { registerFuzzCommand } from './fuzz.js';
import { registerReplayCommand } from './replay.js';
import { registerServeCommand } from './serve.js';
import { registerConformanceCommand } from './conformance.js';
import { registerReportCommand } from './report.js';
import { registerBaselineCommand } from './baseline.js';
import { registerAttackCommand } from './attack.js';
import { registerSetupCommand } from './setup.js';

/** Every verb, in the order `--help` lists them. One import per verb module. */
export function registerCommands(program: Command): void {
  registerRunCommand(program);
  registerVectorsCommand(program);
  registerHpackCommand(program);
  registerFuzzCommand(program);
  registerReplayCommand(program);
  registerServeCommand(program);
  registerConformanceCommand(program);
  registerReportCommand(program);
  registerBaselineCommand(program);
  registerAttackCommand(program);
  registerSetupCommand(program);
}
