// One benchmark on several Node runtimes in one run: each runtime runs the
// same bench script in a process of its own (`--json`), one after another so
// they never share the CPU, and the ratios between runtimes are printed next
// to each runtime's own table. The first runtime (the one running this) is
// the one the ratios are to.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BenchRow = Record<string, string | number>;

/** What one bench prints, as data: a header line and its table. */
export interface BenchResult {
  header: string;
  rows: BenchRow[];
}

export interface RuntimeComparison {
  /** This bench's compiled script (import.meta.url). */
  script: string;
  /** The bench's own arguments, passed to every runtime. */
  args: string[];
  /** Other node binaries (`--node PATH`). */
  nodes: string[];
  /** The column that names a row (implementation, target). */
  key: string;
  /** The columns whose ratio between runtimes is worth printing (higher is better unless noted in the name). */
  ratioColumns: string[];
}

/** The options every bench takes for this: `--node PATH` (repeatable) and `--json` (what a comparing parent asks a child for). */
export const RUNTIME_OPTIONS = {
  node: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
} as const;

/** With `--node`, the bench on every runtime (exit code set); without, `here()`: the bench on this one. */
export async function benchOnRuntimes(nodes: string[] | undefined, comparison: Omit<RuntimeComparison, 'nodes'>, here: () => Promise<void>): Promise<void> {
  if (nodes?.length) process.exitCode = await compareRuntimes({ ...comparison, nodes });
  else await here();
}

/** The bench's output: its table, or (under --json, for a comparing parent) one JSON line. */
export function printResult(result: BenchResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ...result, node: process.version }));
    return;
  }
  console.log(result.header);
  console.table(result.rows);
}

interface RuntimeRun {
  node: string;
  version: string;
  result: BenchResult | null;
  code: number | null;
}

function runOn(node: string, script: string, args: string[]): Promise<RuntimeRun> {
  return new Promise((done, reject) => {
    process.stderr.write(`bench on ${node}…\n`);
    const child = spawn(node, [script, ...args, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('close', (code) => {
      let result: (BenchResult & { node: string }) | null = null;
      try {
        result = JSON.parse(out.trim().split('\n').pop() ?? '') as BenchResult & { node: string };
      } catch {
        result = null;
      }
      done({ node, version: result?.node ?? '?', result, code });
    });
  });
}

/** Runs the bench on this runtime and on each of `nodes`, prints every table and the ratios; the exit code says whether every run succeeded. */
export async function compareRuntimes(c: RuntimeComparison): Promise<number> {
  const script = fileURLToPath(c.script);
  const runs: RuntimeRun[] = [];
  for (const node of [process.execPath, ...c.nodes]) runs.push(await runOn(node, script, c.args));
  for (const r of runs) {
    console.log(`\n== node ${r.version} (${r.node})${r.code === 0 ? '' : `: exit ${r.code}`}`);
    if (r.result) printResult(r.result, false);
    else console.log('no result');
  }
  const base = runs[0]!;
  if (base.result && runs.length > 1) {
    console.log(`\n× node ${base.version}: each runtime's figure divided by this one's`);
    const rows: BenchRow[] = [];
    for (const row of base.result.rows) {
      const name = row[c.key]!;
      const out: BenchRow = { [c.key]: name };
      for (const r of runs.slice(1)) {
        const other = r.result?.rows.find((x) => x[c.key] === name);
        for (const col of c.ratioColumns) {
          const a = Number(row[col]);
          const b = Number(other?.[col]);
          out[`${col} ${r.version}`] = Number.isFinite(a) && Number.isFinite(b) && a !== 0 ? +(b / a).toFixed(2) : '-';
        }
      }
      rows.push(out);
    }
    console.table(rows);
  }
  return runs.every((r) => r.code === 0 && r.result !== null) ? 0 : 1;
}
