// Server throughput and h2spec run time: the reference server against
// node:http2, nghttpd and the real servers (nginx, h2o, apache, haproxy,
// caddy) that are installed, in one run, same route (`/`, the project's
// body from each), same h2load settings. Prints ratios to node:http2;
// never passes or fails. The reference server and node:http2 run on this
// Node; with --node PATH (repeatable) the whole bench runs again on each
// PATH, in its own process, and the ratios between the runtimes are printed too.
//   node dist/bench/server/main.js [--requests N] [--repetitions N] [--targets LIST] [--no-h2spec] [--node PATH] [--json]
import { parseArgs } from 'node:util';
import { baseUrl } from '../../harness/peers/server-peer.js';
import { runH2load } from '../../harness/peers/h2load-client.js';
import { runConformanceTarget } from '../../harness/conformance/conformance-session.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import { NAMED_TARGETS, peerOf, targetInstalled, type NamedTarget } from '../../harness/conformance/conformance-targets.js';
import { benchOnRuntimes, printResult, RUNTIME_OPTIONS } from '../runtime-compare.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    repetitions: { type: 'string', default: '3' },
    targets: { type: 'string', default: NAMED_TARGETS.join(',') },
    'no-h2spec': { type: 'boolean', default: false },
    ...RUNTIME_OPTIONS,
  },
});
const comparison = { script: import.meta.url, key: 'target', ratioColumns: ['req/s', 'h2spec s'] };
const ownArgs = ['--requests', values.requests, '--repetitions', values.repetitions, '--targets', values.targets, ...(values['no-h2spec'] ? ['--no-h2spec'] : [])];
await benchOnRuntimes(values.node, { ...comparison, args: ownArgs }, benchHere);

interface Row {
  target: string;
  version: string;
  reqPerSec: number;
  failed: number;
  h2specSeconds: number | null;
  h2specCounts: string;
}

async function benchHere(): Promise<void> {
  const requests = Number(values.requests);
  const repetitions = Number(values.repetitions);
  const asked = values.targets.split(',').filter((n): n is NamedTarget => (NAMED_TARGETS as readonly string[]).includes(n));
  if (!asked.includes('node')) asked.unshift('node'); // the ratios' denominator
  const h2spec = values['no-h2spec'] ? undefined : await locateH2spec({ install: false });
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const name of asked) {
    const installed = targetInstalled(name);
    if (installed !== true) {
      skipped.push(`${name}: ${installed}`);
      continue;
    }
    process.stderr.write(`bench server: ${name}…\n`);
    const server = await peerOf(name).start({ tls: false });
    const rates: number[] = [];
    let failed = 0;
    try {
      const load = () => runH2load({ url: `${baseUrl(server)}/`, requests, clients: 10, streamsPerClient: 10, timeoutMs: 120_000 });
      await load(); // warm-up: JIT, connection setup paths, the server's caches
      for (let i = 0; i < repetitions; i++) {
        const r = await load();
        rates.push(r.requestsPerSecond);
        failed += r.failed + r.errored + r.timedOut;
      }
    } finally {
      await server.stop();
    }
    let h2specSeconds: number | null = null;
    let h2specCounts = h2spec ? 'h2spec not installed' : '-';
    if (h2spec?.kind === 'h2spec') {
      const run = await runConformanceTarget({ kind: 'peer', name }, { h2spec, tls: false, strict: true, specs: [], caseTimeoutSec: 2, overallTimeoutMs: 180_000 });
      h2specSeconds = run.durationMs / 1000;
      h2specCounts = `${run.counts.passed}/${run.cases.length} passed`;
    }
    rows.push({ target: name, version: server.version ?? '', reqPerSec: median(rates), failed, h2specSeconds, h2specCounts });
  }

  const node = rows.find((r) => r.target === 'node')!;
  printResult(
    {
      header: `h2load -n ${requests} -c 10 -m 10 on /, h2c, median of ${repetitions} after a warm-up; h2spec --strict over h2c`,
      rows: rows.map((r) => ({
        target: r.target,
        version: r.version,
        'req/s': Math.round(r.reqPerSec),
        '× node:http2': +(r.reqPerSec / node.reqPerSec).toFixed(2),
        'failed requests': r.failed,
        'h2spec s': r.h2specSeconds === null ? '-' : +r.h2specSeconds.toFixed(2),
        h2spec: r.h2specCounts,
      })),
    },
    values.json,
  );
  for (const line of skipped) console.error(`not run: ${line}`);
}
