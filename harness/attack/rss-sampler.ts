// Resident set size of a server process by PID, read from /proc (Linux):
// sampled every 100 ms so the peak during an attack is seen, not just the end.
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in MiB, or null when it cannot be read (process gone, not Linux). */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export class RssSampler {
  peakMb: number | null = null;
  readonly #timer: NodeJS.Timeout;

  constructor(readonly pid: number) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 100);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #sample(): void {
    const mb = rssMb(this.pid);
    if (mb !== null) this.peakMb = Math.max(this.peakMb ?? 0, mb);
  }
}
