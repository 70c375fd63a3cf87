// `h2harness run`: the harness's main job (`npm start`). For now the HPACK
// stages: the hpack-test-case vectors and the byte identity with libnghttp2.
import type { Command } from 'commander';
import { defaultVectorsRoot, runVectors } from '../../vectors/run-vectors.js';
import { runNghttp2Identity } from '../../run/nghttp2-identity.js';
import { nghttp2Available } from '../../peers/nghttp2-hpack.js';
import { EXIT_FAILURE } from '../usage-error.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the harness stages against the embedded reference implementation')
    .action(() => {
      let failed = false;
      const started = Date.now();
      const vectors = runVectors([defaultVectorsRoot()]);
      const failures = vectors.reduce((n, r) => n + r.failures.length, 0);
      const blocks = vectors.reduce((n, r) => n + r.blocks, 0);
      console.log(`vectors: ${vectors.length} encoders, ${blocks} blocks, ${failures} failures`);
      for (const r of vectors) for (const f of r.failures) console.log(`  FAIL ${r.encoder}/${f.story} block ${f.seqno} (${f.phase}): ${f.detail}`);
      failed ||= failures > 0 || vectors.length === 0;

      if (!nghttp2Available()) {
        console.log('nghttp2 identity: not run (libnghttp2.so.14 missing: apt-get install libnghttp2-14)');
        failed ||= process.env.CI === 'true';
      } else {
        const id = runNghttp2Identity();
        console.log(`nghttp2 identity: ${id.stories} stories, ${id.blocks} blocks, ${id.mismatches.length} mismatches`);
        for (const m of id.mismatches) console.log(`  FAIL ${m.story} block ${m.seqno} (${m.what}):\n    ours    ${m.ours}\n    nghttp2 ${m.nghttp2}`);
        failed ||= id.mismatches.length > 0;
      }
      console.log(`${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (failed) process.exitCode = EXIT_FAILURE;
    });
}
