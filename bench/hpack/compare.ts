// `npm run bench`'s HPACK comparison: every peer through its own API in its
// own process (ours, hpack.js, libnghttp2 through koffi, native C
// libnghttp2), then the HPACK fuzzers' throughput per oracle set. Prints
// ratios to native C (and cases/s for the fuzzers); never passes or fails on
// time, only on a peer whose output does not verify.
//   node dist/bench/hpack/compare.js [--repetitions N] [--warmups N] [--fuzz-seconds N] [--no-fuzz | --fuzz-only] [--json] [--markdown FILE]
// --fuzz-only measures the fuzzers alone and rewrites only their section of FILE.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs } from '../bench-args.js';
import { loadBenchInput } from './bench-input.js';
import { comparePeers } from './peer-comparison.js';
import { measureFuzzRates } from './fuzz-rates.js';
import { machineDescription, renderFuzzMarkdown, renderFuzzTable, renderMarkdown, renderTables } from './results-report.js';

const values = benchArgs('usage: node dist/bench/hpack/compare.js [--repetitions N] [--warmups N] [--fuzz-seconds N] [--no-fuzz | --fuzz-only] [--json] [--markdown FILE]', {
  repetitions: { type: 'string', default: '9' },
  warmups: { type: 'string', default: '3' },
  'fuzz-seconds': { type: 'string', default: '10' },
  'no-fuzz': { type: 'boolean', default: false },
  'fuzz-only': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  markdown: { type: 'string' },
});
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const scratch = mkdtempSync(join(tmpdir(), 'h2harness-bench-hpack-'));
try {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const existing = (): string | null => (values.markdown && existsSync(values.markdown) ? readFileSync(values.markdown, 'utf8') : null);
  if (values['fuzz-only']) {
    const results = { date: new Date().toISOString(), load, fuzz: measureFuzzRates(Number(values['fuzz-seconds']), scratch, log) };
    console.log(values.json ? JSON.stringify(results, null, 2) : renderFuzzTable(results));
    if (values.markdown) writeFileSync(values.markdown, renderFuzzMarkdown(results, existing()));
  } else {
    const hpack = comparePeers(loadBenchInput(), scratch, Number(values.warmups), Number(values.repetitions), log);
    const fuzz = values['no-fuzz'] ? [] : measureFuzzRates(Number(values['fuzz-seconds']), scratch, log);
    const results = { date: new Date().toISOString(), machine: machineDescription(), load, hpack, fuzz };
    console.log(values.json ? JSON.stringify(results, null, 2) : renderTables(results));
    if (values.markdown) writeFileSync(values.markdown, renderMarkdown(results, existing()));
    process.exitCode = hpack.rows.every((r) => r.verified === 'ok' || r.verified === 'not run') ? 0 : 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
