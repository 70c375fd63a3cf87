// `h2harness vectors [DIR...]`: checks impl/hpack against hpack-test-case
// folders (decode every block, re-encode every story and decode it back).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { defaultVectorsRoot, runVectors } from '../../vectors/run-vectors.js';
import { UsageError, EXIT_FAILURE } from '../usage-error.js';

export function registerVectorsCommand(program: Command): void {
  program
    .command('vectors')
    .description('check HPACK against hpack-test-case folders (a root of encoder folders, or one encoder folder)')
    .argument('[dir...]', 'folders to check (default: ../shared/hpack-test-case, or $HPACK_TEST_CASE_DIR)')
    .action((dirs: string[]) => {
      const roots = dirs.length > 0 ? dirs : [defaultVectorsRoot()];
      for (const d of roots) if (!existsSync(d)) throw new UsageError(`no such folder: ${d}`);
      let results;
      try {
        results = runVectors(roots);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      if (results.length === 0) throw new UsageError(`no hpack-test-case stories found in ${roots.join(', ')}`);
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
