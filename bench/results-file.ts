// bench/RESULTS.md is shared by the benches: each owns one section, from its
// `## ` heading to the next one, and rewrites only that, in place, so a run
// of one bench keeps every other bench's latest table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { machineDescription } from './hpack/results-report.js';

/** Replaces the section starting with `heading` in `file` (or appends it), leaving every other section as it was. */
export function writeSection(file: string, heading: string, section: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  writeFileSync(file, text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1)));
}

/** A markdown table of `rows` in the order of `columns` ('-' for a missing cell). */
export function markdownTable(rows: ReadonlyArray<Record<string, string | number>>, columns: string[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const cell = (v: string | number | undefined): string => esc(v === undefined ? '-' : String(v));
  return [`| ${columns.map(esc).join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${columns.map((c) => cell(r[c])).join(' | ')} |`)].join('\n');
}

/**
 * The opening lines of a bench's section: its heading, the command that
 * writes it and how to read it, then when, where (with the load when the run
 * ended: the figures move with it) and what was run.
 */
export function sectionHead(heading: string, script: string, howToRead: string, run: string): string[] {
  const [one, five] = loadavg();
  return [
    heading,
    '',
    `Written by \`node ${script} --markdown bench/RESULTS.md\`. ${howToRead}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machineDescription()}; load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) when the run ended`,
    `- ${run}`,
    '',
  ];
}
