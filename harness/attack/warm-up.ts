// Before the first attack, the server gets ordinary traffic: rounds of short
// connections, each one GET / over node:http2, a few at a time. A freshly
// started process grows its heap and compiles its hot paths on its first
// connections whatever they carry: measured on ref, each round of 200 plain
// GET / connections after the first 200 still added 11, 6, 4 and 3 MB of RSS
// (h2c; TLS 11, 17, 0, 5, V8's young generation doubling to its 32 MB on the
// way). Measured from there, that growth would be blamed on the first attack
// that opens as many connections (the empty-frame floods open ~200). So
// rounds go on, where the PID is known, until one adds less than
// `plateauMb`, or `maxRounds` have run; "RSS before" is the warmed-up server's.
import http2 from 'node:http2';
import { rssMb } from './rss-sampler.js';

export interface WarmUpOptions {
  host: string;
  port: number;
  tls: boolean;
  /** The server's PID: without it, one round only (nothing to watch). */
  pid?: number;
  connectionsPerRound?: number;
  parallel?: number;
  maxRounds?: number;
  plateauMb?: number;
}

/** Warms the server up; returns the number of rounds run. */
export async function warmUp(o: WarmUpOptions): Promise<number> {
  const perRound = o.connectionsPerRound ?? 200;
  const maxRounds = o.pid === undefined ? 1 : (o.maxRounds ?? 5);
  const plateau = o.plateauMb ?? 2;
  let rounds = 0;
  let last = o.pid === undefined ? null : rssMb(o.pid);
  while (rounds < maxRounds) {
    await round(o, perRound, o.parallel ?? 8);
    rounds++;
    const now = o.pid === undefined ? null : rssMb(o.pid);
    if (now === null || last === null || now - last < plateau) break;
    last = now;
  }
  return rounds;
}

async function round(o: WarmUpOptions, connections: number, parallel: number): Promise<void> {
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `${o.tls ? 'https' : 'http'}://${host}:${o.port}`;
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const session = http2.connect(url, { rejectUnauthorized: false });
      const done = (): void => {
        clearTimeout(timer);
        session.destroy();
        resolve();
      };
      const timer = setTimeout(done, 2000);
      session.on('error', done);
      const req = session.request({ ':path': '/' });
      req.on('data', () => undefined);
      req.on('end', done);
      req.on('error', done);
      req.end();
    });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < connections) await one();
    }),
  );
}
