// `h2harness vectors [DIR...]`: checks impl/hpack against hpack-test-case
// folders (decode every block, re-encode every story and decode it back).
// Without DIR it checks the bundled stories (or $HPACK_TEST_CASE_DIR); when
// those cannot be found or read the check is reported as not run, with the
// fix, as the vectors stage of `run` reports it. A DIR that was named and
// does not exist is bad usage.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { defaultVectorsRoot, runVectors, VectorsUnavailableError, type EncoderResult } from '../../vectors/run-vectors.js';
import { UsageError, EXIT_FAILURE } from '../usage-error.js';
import { reportNotRun } from '../not-run.js';

export function registerVectorsCommand(program: Command): void {
  program
    .command('vectors')
    .description('check HPACK against hpack-test-case folders (a root of encoder folders, or one encoder folder)')
    .argument('[dir...]', 'folders to check (default: the bundled third_party/hpack-test-case, or $HPACK_TEST_CASE_DIR)')
    .action((dirs: string[]) => {
      const named = dirs.length > 0;
      const roots = named ? dirs : [defaultVectorsRoot()];
      if (named) for (const d of roots) if (!existsSync(d)) throw new UsageError(`no such folder: ${d}`);
      console.log(`vectors: ${roots.join(', ')}`);
      let results: EncoderResult[];
      try {
        results = runVectors(roots);
      } catch (err) {
        if (!(err instanceof VectorsUnavailableError)) throw err;
        if (named) throw new UsageError(`${err.message}; ${err.fix}`);
        reportNotRun(err.message, err.fix);
        return;
      }
      let stories = 0;
      let blocks = 0;
      let failures = 0;
      for (const r of results) {
        stories += r.stories;
        blocks += r.blocks;
        failures += r.failures.length;
        console.log(`${r.encoder}: ${r.stories} stories, ${r.blocks} blocks, ${r.failures.length} failures`);
        for (const f of r.failures) console.log(`  FAIL ${r.encoder}/${f.story} block ${f.seqno} (${f.phase}): ${f.detail}`);
      }
      console.log(`total: ${results.length} encoders, ${stories} stories, ${blocks} blocks, ${failures} failures`);
      if (failures > 0) process.exitCode = EXIT_FAILURE;
    });
}
