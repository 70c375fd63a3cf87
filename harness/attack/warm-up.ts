// Before the first attack, the server gets ordinary traffic: rounds of short
// connections, each one GET / over node:http2, a few at a time. A freshly
// started process grows its heap and compiles its hot paths on its first
// connections whatever they carry, and V8 grows its young generation in
// steps (8, 16, then 32 MB) once enough has survived its scavenges. Measured
// on ref (h2c), rounds of 200 plain GET / connections took RSS from 65 to
// 90 MB by the seventh round and then swung between 103 and 117 MB with the
// old generation's collections; one run had five rounds in a row adding
// nothing before the seventh added 21 MB. So a round that adds little does
// not show the server warmed up: the plateau rule (a round adds less than
// `plateauMb`) only applies from `minRounds` on, past the young
// generation's last step. Measured from a server stopped short of it, that
// growth would be blamed on the first attack that opens as many connections
// (the empty-frame floods open ~200). Where the PID is known rounds go on
// until the rule holds or `maxRounds` have run; the server's garbage is
// collected (where it can be asked to) only after the last round, since a
// collection between rounds resets what makes V8 grow its young generation.
import http2 from 'node:http2';
import { rssMb } from './rss-sampler.js';

export interface WarmUpOptions {
  host: string;
  port: number;
  tls: boolean;
  /** The server's PID: without it, one round only (nothing to watch). */
  pid?: number;
  /** Asks the server for a full garbage collection (see attack-targets.ts), run once the rounds are over. */
  collectGarbage?: () => Promise<void>;
  connectionsPerRound?: number;
  parallel?: number;
  minRounds?: number;
  maxRounds?: number;
  plateauMb?: number;
  /** No round starts after this many ms (a TLS round of 200 handshakes takes about 1 s on a busy machine). */
  maxMs?: number;
}

/** Warms the server up; returns the number of rounds run. */
export async function warmUp(o: WarmUpOptions): Promise<number> {
  const perRound = o.connectionsPerRound ?? 200;
  const maxRounds = o.pid === undefined ? 1 : (o.maxRounds ?? 16);
  const minRounds = Math.min(maxRounds, o.minRounds ?? 10);
  const plateau = o.plateauMb ?? 2;
  const until = Date.now() + (o.maxMs ?? 12_000);
  let rounds = 0;
  let last = o.pid === undefined ? null : rssMb(o.pid);
  while (rounds < maxRounds && (rounds === 0 || Date.now() < until)) {
    await round(o, perRound, o.parallel ?? 8);
    rounds++;
    const now = o.pid === undefined ? null : rssMb(o.pid);
    if (now === null || last === null) break;
    if (rounds >= minRounds && now - last < plateau) break;
    last = now;
  }
  await o.collectGarbage?.();
  return rounds;
}

async function round(o: WarmUpOptions, connections: number, parallel: number): Promise<void> {
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `${o.tls ? 'https' : 'http'}://${host}:${o.port}`;
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const session = http2.connect(url, { rejectUnauthorized: false });
      let finished = false;
      const done = (): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        // Destroyed from inside the stream's 'end' handler, a node:http2 client
        // session talking to nghttpd corrupts the C heap (Node 20.20: glibc
        // aborts with "munmap_chunk(): invalid pointer" within 1000 connections,
        // or the process crashes or hangs at exit after printing its report).
        // Destroyed on the next turn of the event loop, it never does.
        setImmediate(() => session.destroy());
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
