// HPACK throughput and size: ours vs hpack.js vs libnghttp2 (through koffi),
// each in its own worker, in one run, on the hpack-test-case raw-data stories.
// Prints ratios to hpack.js; it never passes or fails on time. Every peer goes
// through the seed-API adapters the fuzzers use (hpack.js pays for converting
// each field there); compare.ts measures each through its own API instead.
// With --node PATH (repeatable) it runs on this Node and on each PATH, each in
// its own process, and prints the ratios between the runtimes too.
//   node dist/bench/hpack/main.js [--repetitions N] [--warmups N] [--node PATH]
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { benchArgs } from '../bench-args.js';
import { defaultVectorsRoot, storyFiles } from '../../harness/vectors/run-vectors.js';
import { loadStory } from '../../harness/vectors/story.js';
import { benchedImplementations, loadImplementation } from './codecs.js';
import type { WorkerInput, WorkerResult } from './worker.js';
import { benchOnRuntimes, printResult, RUNTIME_OPTIONS } from '../runtime-compare.js';

const values = benchArgs('usage: node dist/bench/hpack/main.js [--repetitions N] [--warmups N] [--node PATH]', { repetitions: { type: 'string', default: '7' }, warmups: { type: 'string', default: '3' }, ...RUNTIME_OPTIONS });
const comparison = { script: import.meta.url, key: 'implementation', ratioColumns: ['encode fields/s', 'decode fields/s'] };
await benchOnRuntimes(values.node, { ...comparison, args: ['--repetitions', values.repetitions, '--warmups', values.warmups] }, benchHere);

async function benchHere(): Promise<void> {
  const stories = storyFiles(join(defaultVectorsRoot(), 'raw-data')).map((f) => loadStory(f).cases.map((c) => c.headers));

  const nghttp2 = await loadImplementation('nghttp2');
  const referenceBlocks = stories.map((story) => {
    const d = nghttp2.createDeflater(4096);
    const blocks = story.map((b) => d.deflate(b).slice());
    nghttp2.release?.(d);
    return blocks;
  });

  function runWorker(impl: WorkerInput['impl']): Promise<WorkerResult> {
    const data: WorkerInput = { impl, stories, referenceBlocks, warmups: Number(values.warmups), repetitions: Number(values.repetitions) };
    return new Promise((resolveResult, reject) => {
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
      w.once('message', resolveResult);
      w.once('error', reject);
    });
  }

  const results: WorkerResult[] = [];
  for (const impl of benchedImplementations) {
    process.stderr.write(`bench hpack: ${impl}…\n`);
    results.push(await runWorker(impl));
  }

  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = results.find((r) => r.impl === 'hpackjs')!;
  const rows = results.map((r) => ({
    implementation: r.impl,
    'encode fields/s': Math.round(median(r.encodeFieldsPerSecond)),
    'decode fields/s': Math.round(median(r.decodeFieldsPerSecond)),
    'encode × hpack.js': +(median(r.encodeFieldsPerSecond) / median(base.encodeFieldsPerSecond)).toFixed(2),
    'decode × hpack.js': +(median(r.decodeFieldsPerSecond) / median(base.decodeFieldsPerSecond)).toFixed(2),
    'encoded bytes': r.encodedBytes,
    'size vs nghttp2': `${(((r.encodedBytes / results.find((x) => x.impl === 'nghttp2')!.encodedBytes) - 1) * 100).toFixed(1)} %`,
    'heap/pair (B)': r.retainedBytesPerPair ?? 'native',
    verified: r.verified.detail,
  }));
  printResult({ header: `${stories.length} stories, ${base.fields} fields, median of ${values.repetitions} runs after ${values.warmups} warm-ups`, rows }, values.json);
  process.exitCode = results.every((r) => r.verified.encode && r.verified.decode) ? 0 : 1;
}
