// Before the first attack, the server gets ordinary traffic: `connections`
// short connections, each one GET / over node:http2, a few at a time. A
// freshly started process grows its heap and compiles its hot paths on the
// first few hundred connections whatever they carry; measured from a cold
// start, that growth would be blamed on the first attack. "RSS before" is
// therefore the warmed-up server's.
import http2 from 'node:http2';

export async function warmUp(o: { host: string; port: number; tls: boolean }, connections = 200, parallel = 8): Promise<void> {
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
