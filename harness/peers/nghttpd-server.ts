// nghttpd (Debian nghttp2-server) as a server peer: a static docroot in a
// temp dir with index.html and style.css, `/` pushing `/style.css`, and a
// self-signed certificate for TLS. nghttpd serves files only, so /echo is
// not available here, /bytes/N only for the sizes asked for (written as
// files), and it has no h2c Upgrade.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSigned } from '../tls/self-signed.js';
import { freePort } from './free-port.js';
import { requireTool } from './peer-availability.js';
import { startServerProcess } from './server-process.js';
import type { RunningServer, ServerPeer } from './server-peer.js';
import { PUSH_HTML, STYLE_CSS, bytesBody } from './peer-routes.js';

/** The body of `/` on nghttpd: the push page, so a client sees the same HTML as on /push elsewhere. */
export const NGHTTPD_INDEX = PUSH_HTML;

async function makeDocroot(tls: boolean, bytesRoutes: readonly number[]): Promise<{ dir: string; tlsArgs: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'h2harness-nghttpd-'));
  await writeFile(join(dir, 'index.html'), NGHTTPD_INDEX);
  await writeFile(join(dir, 'style.css'), STYLE_CSS);
  if (bytesRoutes.length > 0) await mkdir(join(dir, 'bytes'));
  for (const n of bytesRoutes) await writeFile(join(dir, 'bytes', String(n)), Buffer.concat([...bytesBody(n)]));
  if (!tls) return { dir, tlsArgs: ['--no-tls'] };
  const { cert, key } = await makeSelfSigned();
  await writeFile(join(dir, 'server.key'), key, { mode: 0o600 });
  await writeFile(join(dir, 'server.crt'), cert);
  // nghttpd takes <PORT> <KEY> <CERT> positionally; the port goes in front.
  return { dir, tlsArgs: [join(dir, 'server.key'), join(dir, 'server.crt')] };
}

/** `nghttpd nghttp2/1.52.0` → `1.52.0`. */
function nghttpdVersion(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return /nghttp2\/(\S+)/.exec(r.stdout ?? '')?.[1];
}

export const nghttpdServerPeer: ServerPeer = {
  name: 'nghttpd',
  async start({ tls, bytesRoutes = [] }): Promise<RunningServer> {
    const command = requireTool('nghttpd');
    const version = nghttpdVersion(command);
    const host = '127.0.0.1';
    const { dir, tlsArgs } = await makeDocroot(tls, bytesRoutes);
    let lastError: unknown;
    // The free port may be taken between probe and bind: three tries.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort(host);
      const flags = ['-a', host, '-d', dir, '-p', '/=/style.css', '-p', '/index.html=/style.css'];
      const args = tls ? [...flags, String(port), ...tlsArgs] : [...flags, tlsArgs[0]!, String(port)];
      try {
        const proc = await startServerProcess({ command, args, host, port });
        let stopped: Promise<void> | undefined;
        return {
          name: 'nghttpd',
          host,
          port,
          tls,
          pid: proc.pid,
          ...(version ? { version } : {}),
          // A docroot only: `/` is the push page, no /echo, no /push route (it pushes from `/`).
          // nghttpd answers a request once it is complete (no --early-response), a POST too.
          routes: { root: false, echo: false, push: false, upgrade: false, bodyPath: '/' },
          stop() {
            stopped ??= proc.stop().then(() => rm(dir, { recursive: true, force: true }));
            return stopped;
          },
        };
      } catch (err) {
        lastError = err;
      }
    }
    await rm(dir, { recursive: true, force: true });
    throw lastError;
  },
};
