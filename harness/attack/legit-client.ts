// The user who is not attacking: `GET /` every 100 ms over its own
// node:http2 connection (reopened if the server drops it), each with a 2 s
// timeout. What it measures is the attack's real cost: how many requests
// were answered and how fast.
import http2 from 'node:http2';

export interface LegitStats {
  total: number;
  ok: number;
  /** Median and worst latency of the answered requests (ms); null when none was answered. */
  p50Ms: number | null;
  maxMs: number | null;
  /** The first failure's message, for the report. */
  firstError: string | null;
}

export interface LegitOptions {
  host: string;
  port: number;
  tls: boolean;
  intervalMs?: number;
  timeoutMs?: number;
}

/** The requests of one measuring period: each counts in the period it was sent in, even if it ends after. */
interface Period {
  latencies: number[];
  total: number;
  firstError: string | null;
  /** Its requests still in flight. */
  pending: Set<Promise<void>>;
}

const newPeriod = (): Period => ({ latencies: [], total: 0, firstError: null, pending: new Set() });

export class LegitClient {
  readonly #o: Required<LegitOptions>;
  #session: http2.ClientHttp2Session | null = null;
  #timer: NodeJS.Timeout | null = null;
  #period: Period = newPeriod();

  constructor(o: LegitOptions) {
    this.#o = { intervalMs: 100, timeoutMs: 2000, ...o };
  }

  start(): void {
    this.#timer = setInterval(() => this.#fire(), this.#o.intervalMs);
    this.#fire();
  }

  /**
   * Starts counting afresh and gives the figures of the period it ends,
   * once that period's requests still in flight have ended (each within its
   * timeout): a request sent just before the end is answered or failed, not
   * taken as unanswered because its answer was still on the way.
   */
  async reset(): Promise<LegitStats> {
    const ended = this.#period;
    this.#period = newPeriod();
    await Promise.all(ended.pending);
    return summarize(ended.latencies, ended.total, ended.firstError);
  }

  /** Stops firing, waits for the requests in flight (at most the timeout), closes the connection. */
  async stop(): Promise<LegitStats> {
    if (this.#timer) clearInterval(this.#timer);
    const stats = await this.reset();
    this.#session?.destroy();
    return stats;
  }

  #connect(): http2.ClientHttp2Session {
    if (this.#session && !this.#session.closed && !this.#session.destroyed) return this.#session;
    const host = this.#o.host.includes(':') ? `[${this.#o.host}]` : this.#o.host;
    const session = http2.connect(`${this.#o.tls ? 'https' : 'http'}://${host}:${this.#o.port}`, { rejectUnauthorized: false });
    session.on('error', () => undefined);
    session.on('goaway', () => session.close());
    this.#session = session;
    return session;
  }

  #fire(): void {
    const period = this.#period;
    period.total++;
    const started = performance.now();
    const p = new Promise<void>((resolve) => {
      let done = false;
      const finish = (err: string | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err === null) period.latencies.push(performance.now() - started);
        else period.firstError ??= err;
        resolve();
      };
      const timer = setTimeout(() => {
        finish(`no answer within ${this.#o.timeoutMs} ms`);
        req?.close();
      }, this.#o.timeoutMs);
      let req: http2.ClientHttp2Stream | undefined;
      try {
        req = this.#connect().request({ ':path': '/' });
      } catch (err) {
        this.#session = null;
        return finish((err as Error).message);
      }
      let status = 0;
      req.on('response', (h) => (status = Number(h[':status'])));
      req.on('data', () => undefined);
      req.on('end', () => finish(status === 200 ? null : `status ${status}`));
      req.on('error', (err) => finish(err.message));
      req.on('close', () => finish('stream closed without an answer'));
      req.end();
    });
    period.pending.add(p);
    void p.then(() => period.pending.delete(p));
  }
}

function summarize(latencies: number[], total: number, firstError: string | null): LegitStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 10) / 10);
  return { total, ok: sorted.length, p50Ms: round(sorted[Math.floor((sorted.length - 1) / 2)]), maxMs: round(sorted.at(-1)), firstError };
}
