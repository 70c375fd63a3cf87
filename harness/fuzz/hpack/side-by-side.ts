// Printing each side's output in columns, so a reader sees at a glance where
// ours and libnghttp2 part (`h2harness replay`).

function linesOf(value: unknown): string[] {
  return JSON.stringify(value, null, 1).split('\n').map((l) => l.replace(/^ +/, (s) => ' '.repeat(s.length)));
}

export function sideBySide(sides: Record<string, unknown>, width = process.stdout.columns ?? 160): string {
  const names = Object.keys(sides);
  if (names.length === 0) return '';
  const col = Math.max(24, Math.floor((width - 3 * (names.length - 1)) / names.length));
  const columns = names.map((n) => [n, '-'.repeat(Math.min(col, n.length)), ...linesOf(sides[n])]);
  const height = Math.max(...columns.map((c) => c.length));
  const fit = (s: string): string => (s.length > col ? s.slice(0, col - 1) + '…' : s.padEnd(col));
  const rows: string[] = [];
  for (let i = 0; i < height; i++) rows.push(columns.map((c) => fit(c[i] ?? '')).join(' | ').trimEnd());
  return rows.join('\n');
}
