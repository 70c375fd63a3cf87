// The server bench: the reference server against node:http2 and nghttpd (and
// the real servers asked for with --targets, on small responses only), in one
// run, each in its own process, h2load as the client, over h2c and TLS:
//   - small responses (the same 45-octet stylesheet from every full target) at -m 10 and -m 100, req/s;
//   - 1 MiB responses (/bytes/1048576), MiB/s received;
//   - server RSS per idle connection, --idle of them open at once, by PID;
//   - latency p50/p99 at a fixed request rate (h2load --rps);
//   - h2spec --strict run time over h2c (unless --no-h2spec).
// Prints the figures and their ratios to nghttpd and to node:http2 measured in
// the same run; never passes or fails. With --node PATH (repeatable) the whole
// bench runs again on each PATH, in its own process, and the ratios between
// the runtimes are printed too.
//   node dist/bench/server/main.js [--targets ref,node,nghttpd] [--transports h2c,tls] [--requests N]
//     [--large-requests N] [--repetitions N] [--idle N] [--rate N] [--seconds N] [--no-h2spec] [--node PATH] [--json]
import { parseArgs } from 'node:util';
import { baseUrl } from '../../harness/peers/server-peer.js';
import { runConformanceTarget } from '../../harness/conformance/conformance-session.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import { NAMED_TARGETS, targetInstalled, type NamedTarget } from '../../harness/conformance/conformance-targets.js';
import { benchOnRuntimes, printResult, RUNTIME_OPTIONS, type BenchRow } from '../runtime-compare.js';
import { FULL_TARGETS, LARGE_PATH, smallPath, startBenchTarget } from './bench-targets.js';
import { latencyAtRate, throughput } from './h2load-figures.js';
import { idleRss } from './idle-rss.js';

const { values } = parseArgs({
  options: {
    targets: { type: 'string', default: FULL_TARGETS.join(',') },
    transports: { type: 'string', default: 'h2c,tls' },
    requests: { type: 'string', default: '100000' },
    'large-requests': { type: 'string', default: '2000' },
    repetitions: { type: 'string', default: '3' },
    idle: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '5' },
    'no-h2spec': { type: 'boolean', default: false },
    ...RUNTIME_OPTIONS,
  },
});
const FIGURES = ['req/s -m 10', 'req/s -m 100', '1 MiB MiB/s', 'idle KiB/conn', 'p50 ms', 'p99 ms'] as const;
const comparison = { script: import.meta.url, key: 'target', ratioColumns: ['req/s -m 10', 'req/s -m 100', '1 MiB MiB/s', 'h2spec s'] };
const ownArgs = Object.entries(values).flatMap(([k, v]) => (k === 'node' || k === 'json' || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, String(v)]));

const round = (x: number | undefined, digits = 0): number | string => (x === undefined || !Number.isFinite(x) ? '-' : +x.toFixed(digits));

async function measure(name: NamedTarget, tls: boolean): Promise<BenchRow> {
  const full = FULL_TARGETS.includes(name);
  const shape = { requests: Number(values.requests), clients: 10, repetitions: Number(values.repetitions) };
  const server = await startBenchTarget(name, tls);
  const url = baseUrl(server);
  try {
    // On a fresh process first: the idle figure must not carry the load runs' heap.
    const idle = full ? await idleRss(server, Number(values.idle), smallPath(name)) : null;
    const m10 = await throughput(url + smallPath(name), { ...shape, streams: 10 });
    const m100 = await throughput(url + smallPath(name), { ...shape, streams: 100 });
    const large = full ? await throughput(url + LARGE_PATH, { ...shape, requests: Number(values['large-requests']), streams: 1 }) : null;
    const latency = full ? await latencyAtRate(url + smallPath(name), Number(values.rate), 10, Number(values.seconds)) : null;
    return {
      target: name,
      transport: tls ? 'tls' : 'h2c',
      version: server.version ?? process.version,
      'req/s -m 10': round(m10.reqPerSec),
      'req/s -m 100': round(m100.reqPerSec),
      '1 MiB MiB/s': round(large?.mibPerSec),
      'idle KiB/conn': round(idle?.kibPerConnection, 1),
      'p50 ms': round(latency?.p50Ms, 2),
      'p99 ms': round(latency?.p99Ms, 2),
      failed: m10.failed + m100.failed + (large?.failed ?? 0) + (latency?.failed ?? 0),
    };
  } finally {
    await server.stop();
  }
}

/** Each figure of `row` over the same figure of `base` (same transport); RSS and latency: lower is better. */
function ratios(row: BenchRow, base: BenchRow | undefined, label: string): BenchRow {
  const out: BenchRow = {};
  for (const f of FIGURES) {
    const a = Number(row[f]);
    const b = Number(base?.[f]);
    out[`${f} ${label}`] = Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? +(a / b).toFixed(2) : '-';
  }
  return out;
}

async function benchHere(): Promise<void> {
  const asked = values.targets.split(',').filter((n): n is NamedTarget => (NAMED_TARGETS as readonly string[]).includes(n));
  const transports = values.transports.split(',').filter((t) => t === 'h2c' || t === 'tls');
  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  for (const name of asked) {
    const installed = targetInstalled(name);
    if (installed !== true) {
      skipped.push(`${name}: ${installed}`);
      continue;
    }
    for (const transport of transports) {
      process.stderr.write(`bench server: ${name} over ${transport}…\n`);
      try {
        rows.push(await measure(name, transport === 'tls'));
      } catch (err) {
        skipped.push(`${name} over ${transport}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
  const h2spec = values['no-h2spec'] ? undefined : await locateH2spec({ install: false });
  if (h2spec?.kind === 'h2spec') {
    for (const row of rows.filter((r) => r.transport === 'h2c')) {
      process.stderr.write(`bench server: h2spec on ${row.target}…\n`);
      const run = await runConformanceTarget({ kind: 'peer', name: row.target as NamedTarget }, { h2spec, tls: false, strict: true, specs: [], caseTimeoutSec: 2, overallTimeoutMs: 180_000 });
      row['h2spec s'] = +(run.durationMs / 1000).toFixed(2);
      row.h2spec = `${run.counts.passed}/${run.cases.length}`;
    }
  }
  const withRatios = rows.map((r) => {
    const peer = (t: string) => rows.find((x) => x.target === t && x.transport === r.transport);
    return { ...r, ...ratios(r, peer('nghttpd'), '× nghttpd'), ...ratios(r, peer('node'), '× node') };
  });
  const header =
    `h2load, each server in its own process, one run: ${values.requests} small responses (-c 10 -m 10 and -m 100, median of ${values.repetitions} after a warm-up), ` +
    `${values['large-requests']} × 1 MiB (-c 10 -m 1), RSS of ${values.idle} idle connections, latency at ${values.rate} req/s for ${values.seconds} s (-c 10 --rps)`;
  if (values.json) printResult({ header, rows: withRatios }, true);
  else {
    console.log(header);
    console.table(rows);
    for (const label of ['× nghttpd', '× node']) {
      console.log(`each figure ${label === '× node' ? 'of node:http2' : "of nghttpd's"} as 1 (idle KiB and latency: lower is better)`);
      console.table(withRatios.map((r) => ({ target: r.target, transport: r.transport, ...Object.fromEntries(Object.entries(r).filter(([k]) => k.endsWith(label))) })));
    }
  }
  for (const line of skipped) console.error(`not run: ${line}`);
}

await benchOnRuntimes(values.node, { ...comparison, args: ownArgs }, benchHere);
