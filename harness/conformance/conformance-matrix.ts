// The case × target matrix of `--target all`: one row per case id in the
// order h2spec ran them, one column per target, and a mark on the rows where
// the targets do not agree — those are the interesting ones.
import type { CaseOutcome, ConformanceRun } from './conformance-result.js';

export interface MatrixRow {
  caseId: string;
  description: string;
  /** Per column, in `columns` order; `missing` when that run has no such case. */
  outcomes: Array<CaseOutcome | 'missing'>;
  differs: boolean;
}

export interface ConformanceMatrix {
  columns: string[];
  rows: MatrixRow[];
}

/**
 * One column per target and transport: the runs of both suites on one
 * target share its column (their case ids never collide), so a single
 * target run with h2spec and the h2harness suite is one column, not two
 * that "differ" on every case only one of them has.
 */
export function buildMatrix(runs: readonly ConformanceRun[]): ConformanceMatrix {
  const columnOf = (r: ConformanceRun) => `${r.target.name}${r.target.tls ? '/tls' : ''}`;
  const columns = [...new Set(runs.map(columnOf))];
  const order: Array<{ caseId: string; description: string }> = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const c of run.cases) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      order.push({ caseId: c.id, description: c.description });
    }
  }
  const byRun = columns.map((col) => new Map(runs.filter((r) => columnOf(r) === col).flatMap((r) => r.cases.map((c) => [c.id, c.outcome] as const))));
  const rows = order.map(({ caseId, description }) => {
    const outcomes = byRun.map((m) => m.get(caseId) ?? ('missing' as const));
    return { caseId, description, outcomes, differs: new Set(outcomes).size > 1 };
  });
  return { columns, rows };
}

const MARK: Record<CaseOutcome | 'missing', string> = { passed: 'pass', failed: 'FAIL', skipped: 'skip', missing: '-' };

/** Plain text: every differing row, or every row with `all`. */
export function formatMatrix(matrix: ConformanceMatrix, o: { all: boolean } = { all: false }): string {
  const rows = o.all ? matrix.rows : matrix.rows.filter((r) => r.differs);
  const idWidth = Math.max(8, ...rows.map((r) => r.caseId.length));
  const widths = matrix.columns.map((c) => Math.max(5, c.length));
  const cell = (text: string, width: number) => text.padEnd(width);
  const lines = [
    `  ${cell('case', idWidth)}  ${matrix.columns.map((c, i) => cell(c, widths[i]!)).join('  ')}  description`,
  ];
  for (const r of rows) {
    const cells = r.outcomes.map((o, i) => cell(MARK[o], widths[i]!)).join('  ');
    lines.push(`${r.differs ? '*' : ' '} ${cell(r.caseId, idWidth)}  ${cells}  ${r.description}`);
  }
  const differing = matrix.rows.filter((r) => r.differs).length;
  lines.push(`${differing} of ${matrix.rows.length} cases differ between targets${o.all ? '' : ' (only those are listed)'}`);
  return lines.join('\n');
}
