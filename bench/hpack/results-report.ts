// The HPACK comparison's results as text tables (the terminal), Markdown
// (bench/RESULTS.md) and, in compare.ts, JSON; with the machine they came
// from, since rates only compare within one run on one machine.
import { cpus, release, totalmem } from 'node:os';
import type { FuzzRate } from './fuzz-rates.js';
import type { PeerComparison, PeerRow } from './peer-comparison.js';

export interface BenchResults {
  date: string;
  machine: string;
  /** os.loadavg() at the start (1, 5, 15 minutes): the rates fall as it rises. */
  load: string;
  hpack: PeerComparison;
  fuzz: FuzzRate[];
}

/** What the fuzzers' section needs: `compare.js --fuzz-only` measures nothing else. */
export type FuzzResults = Pick<BenchResults, 'date' | 'load' | 'fuzz'>;

export function machineDescription(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}`;
}

const rate = (n: number | null | undefined): string => (n === null || n === undefined ? '-' : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n));
const pct = (r: number | null): string => (r === null ? '-' : `${(r * 100).toFixed(0)} %`);

function peerCells(r: PeerRow): string[] {
  return [
    r.peer,
    rate(r.encodeFieldsPerSecond),
    pct(r.encodeVsNative),
    rate(r.decodeFieldsPerSecond),
    pct(r.decodeVsNative),
    r.encodedBytes === null ? '-' : String(r.encodedBytes),
    r.sameBytesAsNative === null ? '-' : r.sameBytesAsNative ? 'yes' : 'no',
    r.notRun ? `not run: ${r.notRun.reason} (${r.notRun.install})` : r.verified,
  ];
}

const PEER_HEAD = ['peer (own API, own process)', 'encode fields/s', 'of native C', 'decode fields/s', 'of native C', 'encoded bytes', "native's bytes", 'verified'];
const FUZZ_HEAD = ['fuzz run', 'cases/s', 'in-process cases/CPU s', 'jsfuzz exec/s', 'failures', 'note'];
const fuzzCells = (f: FuzzRate): string[] => [
  f.run,
  rate(f.casesPerSecond),
  f.casesPerCpuSecond === undefined ? '-' : rate(f.casesPerCpuSecond),
  f.executionsPerSecond === undefined ? '-' : rate(f.executionsPerSecond),
  f.failures === null ? '-' : String(f.failures),
  f.note ?? '',
];

function heading(b: BenchResults): string {
  const h = b.hpack;
  return `encode: ${h.stories.encode} raw-data stories, ${h.encodeFields} fields; decode: ${h.stories.decode} nghttp2 stories, ${h.decodeFields} fields; median of ${h.repetitions} runs after ${h.warmups} warm-ups, per second of each peer's process CPU time${h.nativeVersion ? `; libnghttp2 ${h.nativeVersion}` : ''}`;
}

function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderFuzzTable(b: FuzzResults): string {
  return textTable(FUZZ_HEAD, b.fuzz.map(fuzzCells));
}

export function renderTables(b: BenchResults): string {
  const parts = [`${b.machine}; load average ${b.load}`, heading(b), textTable(PEER_HEAD, b.hpack.rows.map(peerCells))];
  if (b.fuzz.length > 0) parts.push(renderFuzzTable(b));
  return parts.join('\n\n');
}

function markdownTable(head: string[], rows: string[][]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const FUZZ_HEADING = '## HPACK differential fuzzing';

/** The fuzzers' table, with its own date and load: `--fuzz-only` writes it without the peers' section above it. */
function fuzzSection(b: FuzzResults): string[] {
  const fuzzSeconds = b.fuzz[0]?.args[b.fuzz[0].args.indexOf('--seconds') + 1];
  return [
    FUZZ_HEADING,
    '',
    `Each run: \`h2harness fuzz hpack … --seconds ${fuzzSeconds}\`; a case is one header block checked against every property; cases/s per second of wall time, so they fall with the machine's load; in-process cases/CPU s per second of the fuzzing process's CPU time (the cases checked in it: the peers over loopback run in a process of their own), which moves much less. Measured ${b.date}, load average ${b.load} when it started.`,
    '',
    markdownTable(FUZZ_HEAD, b.fuzz.map(fuzzCells)),
    '',
  ];
}

/** The HPACK sections: the peers' table and, when measured, the fuzzers'; with the run's date and machine. */
function hpackSections(b: BenchResults): string[] {
  return [
    `${HPACK_HEADING}`,
    '',
    'Written by `node dist/bench/hpack/compare.js --markdown bench/RESULTS.md` (part of `npm run bench`), which rewrites only the HPACK sections.',
    '',
    `- date: ${b.date}`,
    `- machine: ${b.machine}`,
    `- load average when it started: ${b.load}`,
    '',
    heading(b) + '.',
    '',
    markdownTable(PEER_HEAD, b.hpack.rows.map(peerCells)),
    '',
    ...(b.fuzz.length > 0 ? fuzzSection(b) : []),
  ];
}

const HPACK_HEADING = '## HPACK, each peer through its own API in its own process';

/**
 * `existing` (the file's text, or null) with its HPACK sections replaced by
 * this run's, everything else kept: other benches write their own sections
 * of the same file. The HPACK sections run from HPACK_HEADING to the next
 * `## ` heading that is not an HPACK one.
 */
/**
 * `existing` with only its fuzz section replaced (`compare.js --fuzz-only`):
 * the peers' table above it stays as its own run wrote it. Without a fuzz
 * section, the section is appended.
 */
export function renderFuzzMarkdown(b: FuzzResults, existing: string | null): string {
  const lines = existing?.split('\n') ?? [];
  const from = lines.indexOf(FUZZ_HEADING);
  if (from < 0) return [...(existing === null ? [] : [existing.trimEnd(), '']), ...fuzzSection(b)].join('\n');
  let to = from + 1;
  while (to < lines.length && !lines[to]!.startsWith('## ')) to++;
  return [...lines.slice(0, from), ...fuzzSection(b), ...lines.slice(to)].join('\n');
}

export function renderMarkdown(b: BenchResults, existing: string | null = null): string {
  const ours = hpackSections(b).join('\n');
  if (existing === null) return ['# Benchmark results', '', 'Rates depend on the machine and its load; only ratios measured in one run compare.', '', ours].join('\n');
  const lines = existing.split('\n');
  const from = lines.findIndex((l) => l.startsWith('## HPACK'));
  if (from < 0) return `${existing.trimEnd()}\n\n${ours}`;
  let to = from + 1;
  while (to < lines.length && !(lines[to]!.startsWith('## ') && !lines[to]!.startsWith('## HPACK'))) to++;
  return [...lines.slice(0, from), ours, ...lines.slice(to)].join('\n');
}
