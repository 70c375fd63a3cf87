// What a run shows while it works: on a terminal, one live line (stage,
// elapsed, cases, findings); in a log (no TTY, or CI=true), one line when a
// stage starts and one when it ends, so CI logs stay readable.
import type { StageResult } from '../report/report-model.js';

export class ProgressLog {
  readonly #live: boolean;
  readonly #runStart = Date.now();
  #stage = '';
  #stageStart = 0;
  #lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout, ci = process.env.CI === 'true') {
    this.#live = out.isTTY === true && !ci;
  }

  start(stage: string, detail: string): void {
    this.#stage = stage;
    this.#stageStart = Date.now();
    if (this.#live) this.#draw(0, 0, true);
    else this.out.write(`[${this.#elapsed(this.#runStart)}] ${stage}: started (${detail})\n`);
  }

  update(cases: number, findings: number): void {
    if (this.#live) this.#draw(cases, findings, false);
  }

  end(result: StageResult): void {
    const counts = countOutcomes(result);
    const line = `${result.name}: ${result.status}${result.reason ? ` (${result.reason})` : ''} — ${counts} in ${(result.durationMs / 1000).toFixed(1)} s`;
    if (this.#live) this.out.write(`\r\x1b[K`);
    this.out.write(`[${this.#elapsed(this.#runStart)}] ${line}\n`);
  }

  #draw(cases: number, findings: number, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.#lastDraw < 200) return;
    this.#lastDraw = now;
    this.out.write(`\r\x1b[K[${this.#elapsed(this.#runStart)}] ${this.#stage} ${this.#elapsed(this.#stageStart)}  cases ${cases}  findings ${findings}`);
  }

  #elapsed(since: number): string {
    return `${((Date.now() - since) / 1000).toFixed(1).padStart(5)} s`;
  }
}

export function countOutcomes(result: StageResult): string {
  const n = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
  for (const c of result.cases) n[c.outcome]++;
  const parts = [`${n.passed} passed`, `${n.failed} failed`];
  if (n.flaky) parts.push(`${n.flaky} flaky`);
  if (n.skipped) parts.push(`${n.skipped} skipped`);
  if (result.fuzzTotals) parts.push(`${result.fuzzTotals.cases} fuzz cases (${result.fuzzTotals.casesPerSecond}/s), ${result.fuzzTotals.failures} failures, ${result.fuzzTotals.latitude} latitude`);
  return parts.join(', ');
}
