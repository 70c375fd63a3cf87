// Counters of one `fuzz server` run and the lines printed from them.
import type { LatitudeUse } from './rfc-judge.js';

export class ServerFuzzStats {
  scenarios = 0;
  findings = 0;
  latitude = 0;
  readonly latitudeByRule = new Map<string, number>();
  readonly started = performance.now();

  record(latitude: readonly LatitudeUse[]): void {
    this.scenarios++;
    for (const l of latitude) {
      this.latitude++;
      this.latitudeByRule.set(l.rule, (this.latitudeByRule.get(l.rule) ?? 0) + 1);
    }
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round(this.scenarios / Math.max(this.seconds(), 1e-3));
  }

  progressLine(): string {
    return `scenarios: ${this.scenarios} (${this.rate()}/s), findings: ${this.findings}, latitude: ${this.latitude}`;
  }

  /** The closing line of a run. */
  finalLine(): string {
    return this.progressLine();
  }

  latitudeSummary(): string {
    return [...this.latitudeByRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule}: ${n}`).join(', ');
  }
}
