// The server bench's part of bench/RESULTS.md: its own section (from its
// heading to the next `## ` heading), written in place so the other
// sections of the file (the HPACK bench's) stay as they are.
import { markdownTable, sectionHead, writeSection } from '../results-file.js';
import type { BenchRow } from '../runtime-compare.js';

export const SECTION_HEADING = '## HTTP/2 servers under h2load';

export function renderServerSection(header: string, rows: BenchRow[], figures: readonly string[]): string {
  const ratioTable = (label: string): string =>
    markdownTable(
      rows.filter((r) => r.target !== (label === '× nghttpd' ? 'nghttpd' : 'node')),
      ['target', 'transport', ...figures.map((f) => `${f} ${label}`)],
    );
  return [
    ...sectionHead(
      SECTION_HEADING,
      'dist/bench/server/main.js',
      'The machine is shared: req/s move with everyone else\'s load, so the targets run in turns and only ratios of one run compare; ' +
        'the server\'s CPU per request (by PID) moves much less.',
      header,
    ),
    markdownTable(rows, ['target', 'transport', 'version', ...figures, 'failed', 'h2spec s', 'h2spec']),
    '',
    "Each figure of nghttpd's as 1 (same transport; CPU, idle KiB and latency: lower is better):",
    '',
    ratioTable('× nghttpd'),
    '',
    "Each figure of node:http2's as 1:",
    '',
    ratioTable('× node'),
    '',
  ].join('\n');
}

/** Replaces the server section of `file` (or appends it), leaving every other section as it was. */
export function writeServerSection(file: string, section: string): void {
  writeSection(file, SECTION_HEADING, section);
}
