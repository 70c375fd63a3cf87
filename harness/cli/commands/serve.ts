// `h2harness serve [--host 127.0.0.1] [--port 8080] [--tls] [--cert F --key F]`:
// runs the reference server (harness/peers/reference-server.ts) until
// Ctrl-C or SIGTERM, which close it gracefully (GOAWAY, open streams finish).
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { HTTP2Server } from '../../../impl/server/index.js';
import { ReferenceHandler } from '../../peers/reference-server.js';
import { selfSignedCertificate } from '../../tls/self-signed.js';
import { UsageError } from '../usage-error.js';

interface ServeOptions {
  host: string;
  port: string;
  tls?: boolean;
  cert?: string;
  key?: string;
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the reference HTTP/2 server (routes /, /echo, /push, /bytes/N)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to bind (0 picks a free one)', '8080')
    .option('--tls', 'TLS with ALPN h2 (self-signed certificate unless --cert/--key)')
    .option('--cert <file>', 'PEM certificate (implies --tls)')
    .option('--key <file>', 'PEM private key (implies --tls)')
    .action(async (o: ServeOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be 0..65535, got ${o.port}`);
      if ((o.cert === undefined) !== (o.key === undefined)) throw new UsageError('--cert and --key go together');
      const tls = o.tls === true || o.cert !== undefined;
      const ssl = !tls ? null : o.cert !== undefined ? { cert: readPem(o.cert, 'certificate'), key: readPem(o.key!, 'key') } : await selfSignedCertificate();
      const server = new HTTP2Server([o.host, port], ReferenceHandler, { ssl });
      try {
        await server.listen();
      } catch (err) {
        throw new UsageError(`cannot listen on ${o.host}:${port}: ${(err as Error).message}`);
      }
      const a = server.address()!;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      console.log(`listening on ${tls ? 'https' : 'http'}://${host}:${a.port}`);
      const stop = (): void => {
        console.error('closing (GOAWAY sent, waiting for open streams)');
        void server.close();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await server.serveForever();
    });
}
