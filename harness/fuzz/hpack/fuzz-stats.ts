// Counters of one fuzzing run and the lines the CLI prints from them. A case
// is one header block checked against every property (as a "case" in an
// hpack-test-case story); a session is one generated story of such blocks.
import type { Finding } from './findings.js';

export interface FuzzCounts {
  sessions: number;
  cases: number;
  latitude: number;
  latitudeByRule: Record<string, number>;
}

export class FuzzStats {
  sessions = 0;
  cases = 0;
  failures = 0;
  latitude = 0;
  readonly latitudeByRule = new Map<string, number>();
  readonly started = performance.now();
  /** This process's CPU time at the start: on a shared machine, cases per CPU second move much less than cases per second. */
  readonly #cpuStarted = process.cpuUsage();

  record(blocks: number, findings: readonly Finding[]): void {
    this.sessions++;
    this.cases += blocks;
    for (const f of findings) {
      if (f.verdict !== 'latitude') continue;
      this.latitude++;
      this.latitudeByRule.set(f.rule!, (this.latitudeByRule.get(f.rule!) ?? 0) + 1);
    }
  }

  /** The counters as plain data, for a process that reports them to another (the jsfuzz target). */
  counts(): FuzzCounts {
    return { sessions: this.sessions, cases: this.cases, latitude: this.latitude, latitudeByRule: Object.fromEntries(this.latitudeByRule) };
  }

  /** Takes over counters reported by another process. */
  setCounts(c: FuzzCounts): void {
    this.sessions = c.sessions;
    this.cases = c.cases;
    this.latitude = c.latitude;
    this.latitudeByRule.clear();
    for (const [rule, n] of Object.entries(c.latitudeByRule)) this.latitudeByRule.set(rule, n);
  }

  /** Adds counters reported by a process that ran beside this one (the wire phase). */
  add(c: FuzzCounts): void {
    this.sessions += c.sessions;
    this.cases += c.cases;
    this.latitude += c.latitude;
    for (const [rule, n] of Object.entries(c.latitudeByRule)) this.latitudeByRule.set(rule, (this.latitudeByRule.get(rule) ?? 0) + n);
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round(this.cases / Math.max(this.seconds(), 1e-3));
  }

  progressLine(): string {
    return `sessions: ${this.sessions}, cases: ${this.cases} (${this.rate()}/s), failures: ${this.failures}, latitude: ${this.latitude}`;
  }

  /** The final line, `cases: N (R/s), failures: F, latitude: L`: what scripts and tests read. */
  finalLine(): string {
    return `cases: ${this.cases} (${this.rate()}/s), failures: ${this.failures}, latitude: ${this.latitude}`;
  }

  /** `in process: N cases in C s of CPU (R per CPU second)`: the cases counted so far against this process's CPU time since the start. */
  cpuLine(): string {
    const used = process.cpuUsage(this.#cpuStarted);
    const seconds = (used.user + used.system) / 1e6;
    return `in process: ${this.cases} cases in ${seconds.toFixed(2)} s of CPU (${Math.round(this.cases / Math.max(seconds, 1e-3))} per CPU second)`;
  }

  latitudeSummary(): string {
    return [...this.latitudeByRule].map(([rule, n]) => `${rule}: ${n}`).join(', ');
  }
}
