// `h2harness replay FILE [--impl MODULE]`: re-runs one reproducer and shows
// each side's output next to each other. Exit 1 while it still fails.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { ImplModuleError } from '../../fuzz/hpack/implementation-loader.js';
import { replayReproducer } from '../../fuzz/hpack/replay-reproducer.js';
import { ReproducerFormatError } from '../../fuzz/hpack/reproducer.js';
import { EXIT_FAILURE, UsageError } from '../usage-error.js';
import { isServerReproducer, ServerReproducerFormatError } from '../../fuzz/server/reproducer.js';
import { replayServerReproducer } from '../../fuzz/server/replay-server.js';
import { ScenarioFormatError } from '../../scenario/scenario-json.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import { reportNotRun } from '../not-run.js';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('re-run a fuzzer reproducer (corpus/hpack/*.json, corpus/http2/*.json) and show the sides next to each other')
    .argument('<file>', 'a reproducer JSON file')
    .option('--impl <module>', 'replay against this HDDeflater/HDInflater module instead of the recorded one')
    .action(async (file: string, o: { impl?: string }) => {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      try {
        if (isServerReproducer(JSON.parse(readFileSync(file, 'utf8')))) {
          if (o.impl !== undefined) throw new UsageError('--impl is for HPACK reproducers');
          const { failures } = await replayServerReproducer(file, (l) => console.log(l));
          if (failures > 0) process.exitCode = EXIT_FAILURE;
          return;
        }
        const { failures } = await replayReproducer(file, { impl: o.impl, log: (l) => console.log(l) });
        if (failures > 0) process.exitCode = EXIT_FAILURE;
      } catch (err) {
        if (err instanceof ImplModuleError || err instanceof ReproducerFormatError || err instanceof ServerReproducerFormatError || err instanceof ScenarioFormatError || err instanceof SyntaxError) throw new UsageError((err as Error).message);
        if (err instanceof PeerNotInstalledError) return reportNotRun(err.message, err.result.installCommand);
        throw err;
      }
    });
}
