// Whether this process's TLS client can offer what a §9.2 case asks (TLS
// 1.0/1.1, a given cipher suite): checked once per setting against a local
// server that accepts anything. A case whose client side cannot be built
// here is skipped, never counted as the target refusing it.
import { createServer, connect, type TLSSocket } from 'node:tls';
import { makeSelfSigned } from '../../tls/self-signed.js';
import type { TlsClientSettings } from './suite-case.js';

const known = new Map<string, Promise<boolean>>();

export function clientCanOffer(settings: TlsClientSettings): Promise<boolean> {
  const key = JSON.stringify(settings);
  let p = known.get(key);
  if (!p) {
    p = probe(settings);
    known.set(key, p);
  }
  return p;
}

async function probe(settings: TlsClientSettings): Promise<boolean> {
  const ssl = await makeSelfSigned();
  const server = createServer({ ...ssl, minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0', ALPNProtocols: ['h2'] }, (s: TLSSocket) => s.on('error', () => undefined));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<boolean>((ok) => {
      const c = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ALPNProtocols: ['h2'], ...settings });
      const timer = setTimeout(() => ok(false), 2000);
      c.once('secureConnect', () => {
        clearTimeout(timer);
        c.destroy();
        ok(true);
      });
      c.once('error', () => {
        clearTimeout(timer);
        ok(false);
      });
    });
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}
