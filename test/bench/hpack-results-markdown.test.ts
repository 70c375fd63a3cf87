// bench/RESULTS.md is shared: the HPACK comparison rewrites its own sections
// and keeps every other bench's, wherever they sit in the file.
import t from 'tap';
import { renderFuzzMarkdown, renderMarkdown, type BenchResults } from '../../bench/hpack/results-report.js';

const results = (date: string): BenchResults => ({
  date,
  machine: 'test machine',
  load: '0.10, 0.20, 0.30',
  hpack: { stories: { encode: 1, decode: 1 }, encodeFields: 2, decodeFields: 2, repetitions: 1, warmups: 0, nativeVersion: null, rows: [] } as unknown as BenchResults['hpack'],
  fuzz: [{ run: 'fast-check, --oracles nghttp2', args: ['fuzz', 'hpack', '--seconds', '3'], casesPerSecond: 1000, failures: 0 }],
});

t.test('a new file gets a title and the HPACK sections', async (t) => {
  const md = renderMarkdown(results('D1'));
  t.match(md, /^# Benchmark results\n/);
  t.match(md, /## HPACK, each peer through its own API in its own process[\s\S]*- date: D1[\s\S]*## HPACK differential fuzzing[\s\S]*\| fast-check, --oracles nghttp2 \| 1\.0 k \|/);
});

t.test('the HPACK sections are replaced; the sections before and after them are kept', async (t) => {
  const before = renderMarkdown(results('D1'));
  const withServer = `${before.replace('# Benchmark results\n', '# Benchmark results\n\n## Servers\n\nserver table A\n')}\n## Server fuzzing\n\nserver table B\n`;
  const md = renderMarkdown(results('D2'), withServer);
  t.match(md, /## Servers\n\nserver table A\n/);
  t.match(md, /## Server fuzzing\n\nserver table B\n/);
  t.match(md, /- date: D2/);
  t.notMatch(md, /- date: D1/, 'the old HPACK run is gone');
  t.equal(md.split('## HPACK differential fuzzing').length, 2, 'one fuzz section');
  t.ok(md.indexOf('## Servers') < md.indexOf('## HPACK,') && md.indexOf('## HPACK differential') < md.indexOf('## Server fuzzing'), 'in place');
});

t.test('a file without HPACK sections gets them appended', async (t) => {
  const md = renderMarkdown(results('D3'), '# Benchmark results\n\n## Servers\n\nserver table A\n');
  t.match(md, /## Servers\n\nserver table A\n\n## HPACK, each peer/);
});

t.test('--fuzz-only replaces the fuzz table alone: the peers above it and the sections after it are kept', async (t) => {
  const before = `${renderMarkdown(results('D1'))}\n## Server fuzzing\n\nserver table B\n`;
  const md = renderFuzzMarkdown({ date: 'D2', load: '1.00, 1.00, 1.00', fuzz: [{ run: 'fast-check, --oracles nghttp2', args: ['fuzz', 'hpack', '--seconds', '3'], casesPerSecond: 2000, casesPerCpuSecond: 3000, failures: 0 }] }, before);
  t.match(md, /- date: D1/, "the peers' section keeps its run");
  t.match(md, /## HPACK differential fuzzing\n\n.*Measured D2, load average 1\.00/);
  t.match(md, /\| fast-check, --oracles nghttp2 \| 2\.0 k \| 3\.0 k \| - \| 0 \|/);
  t.notMatch(md, /\| 1\.0 k \|/, 'the old fuzz table is gone');
  t.match(md, /\n## Server fuzzing\n\nserver table B\n$/);
  t.equal(md.split('## HPACK differential fuzzing').length, 2, 'one fuzz section');
});

t.test('--fuzz-only on a file without a fuzz section appends one', async (t) => {
  const md = renderFuzzMarkdown({ date: 'D4', load: '0', fuzz: [] }, '# Benchmark results\n\n## Servers\n\nserver table A\n');
  t.match(md, /server table A\n\n## HPACK differential fuzzing\n/);
});
