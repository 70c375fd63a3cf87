// Server fuzzing throughput: scenarios per second in process against the
// sans-I/O core (generation, run and judge measured apart, in CPU time of
// this one thread, so a busy machine does not halve the figure), the whole
// fast-check loop, and scenarios per second over loopback per target.
// Prints figures; never passes or fails.
//   node dist/bench/server-fuzz/main.js [--scenarios N] [--wire N] [--targets ref,node,nghttpd] [--markdown FILE]
import fc from 'fast-check';
import { benchArgs } from '../bench-args.js';
import { markdownTable, sectionHead, writeSection } from '../results-file.js';
import { parseTargets, targetInstalled, type TargetSpec } from '../../harness/conformance/conformance-targets.js';
import { fuzzInProcess } from '../../harness/fuzz/server/fast-check-runner.js';
import { ServerFuzzStats } from '../../harness/fuzz/server/fuzz-stats.js';
import { scenario } from '../../harness/fuzz/server/scenario-arbitraries.js';
import { checkRuns } from '../../harness/fuzz/server/scenario-checker.js';
import { inProcessRun, startWireTargets } from '../../harness/fuzz/server/server-targets.js';
import { PeerNotInstalledError } from '../../harness/peers/peer-availability.js';
import { runInProcess } from '../../harness/scenario/in-process-target.js';

const values = benchArgs('usage: node dist/bench/server-fuzz/main.js [--scenarios N] [--wire N] [--targets ref,node,nghttpd] [--markdown FILE]', {
  scenarios: { type: 'string', default: '50000' },
  wire: { type: 'string', default: '200' },
  targets: { type: 'string', default: 'ref,node,nghttpd' },
  markdown: { type: 'string' },
});
const n = Number(values.scenarios);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const perSecond = (count: number, seconds: number): string => `${Math.round(count / Math.max(seconds, 1e-9)).toLocaleString('en')}/s`;

const samples = fc.sample(scenario, { numRuns: n, seed: 1 });
let c = cpu();
fc.sample(scenario, { numRuns: n, seed: 2 });
const generate = cpu() - c;
// Warm-up, then the run alone (transcripts dropped as the fuzzer drops them).
for (let i = 0; i < Math.min(n, 5000); i++) runInProcess(samples[i]!);
c = cpu();
for (let i = 0; i < n; i++) runInProcess(samples[i]!);
const run = cpu() - c;
c = cpu();
for (let i = 0; i < n; i++) checkRuns(samples[i]!, [{ target: 'in-process', transcript: runInProcess(samples[i]!), exact: true }]);
const runAndJudge = cpu() - c;
const stats = new ServerFuzzStats();
c = cpu();
const found = fuzzInProcess((s) => checkRuns(s, [inProcessRun()(s)]), { seed: 3, runs: n }, stats, () => undefined);
const loop = cpu() - c;
const steps = samples.reduce((a, s) => a + s.steps.length, 0) / n;
const inProcessHeader = `in process, ${n} scenarios of ${steps.toFixed(1)} steps on average (CPU time of one thread)`;
const inProcess = [
  { part: 'generate (fast-check)', 'scenarios/s': perSecond(n, generate) },
  { part: 'run against the core', 'scenarios/s': perSecond(n, run) },
  { part: 'run + outcome + judge', 'scenarios/s': perSecond(n, runAndJudge) },
  { part: 'whole fuzz loop', 'scenarios/s': `${perSecond(stats.scenarios, loop)} (${found.length} findings)` },
];
console.log(`${inProcessHeader}:`);
for (const row of inProcess) console.log(`  ${row.part.padEnd(26)}${row['scenarios/s']}`);
const wireRows: Array<Record<string, string>> = [];

const specs: TargetSpec[] = parseTargets(values.targets, { tls: false, h2c: true }, targetInstalled).targets;
const wireRuns = Number(values.wire);
for (const tls of wireRuns > 0 ? [false, true] : []) {
  for (const spec of specs) {
    let wire;
    try {
      wire = await startWireTargets([spec], tls, 2000);
    } catch (err) {
      if (err instanceof PeerNotInstalledError) {
        console.log(`wire ${spec.kind === 'peer' ? spec.name : 'target'}: not run (${err.message})`);
        continue;
      }
      throw err;
    }
    const started = performance.now();
    try {
      for (let i = 0; i < wireRuns; i++) await wire.run(samples[i]!);
    } finally {
      await wire.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`wire ${wire.servers[0]!.name} over ${tls ? 'TLS' : 'h2c'}: ${perSecond(wireRuns, seconds)} (wall clock, ${wireRuns} scenarios, one at a time)`);
    wireRows.push({ target: wire.servers[0]!.name, transport: tls ? 'TLS' : 'h2c', 'scenarios/s': perSecond(wireRuns, seconds) });
  }
}

if (values.markdown) {
  const heading = '## Server fuzzing';
  const section = [
    ...sectionHead(
      heading,
      'dist/bench/server-fuzz/main.js',
      'In process the figures are CPU time of one thread, so they hold on a shared machine; over the wire they are wall clock, one scenario at a time.',
      inProcessHeader,
    ),
    markdownTable(inProcess, ['part', 'scenarios/s']),
    '',
    ...(wireRows.length > 0 ? [`Over loopback, ${wireRuns} scenarios per target, each with its own time budget of 2 s:`, '', markdownTable(wireRows, ['target', 'transport', 'scenarios/s']), ''] : []),
  ].join('\n');
  writeSection(values.markdown, heading, section);
}
