// nghttp (Debian nghttp2-client) as a client peer. Status, fields and pushed
// streams come from its HAR file (`--har`), the body from stdout: nghttp
// writes every stream's body there, so with pushes `body` is all of them
// in arrival order. `-u` connects with HTTP/1.1 Upgrade instead of prior knowledge.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientPeer, ClientTransport, PeerRequest, PeerResponse, PushedResponse } from './client-peer.js';
import { collectHeaders } from './client-peer.js';
import { runBounded } from './bounded-process.js';
import { requireTool } from './peer-availability.js';
import { CLIENT_TIMEOUT_MS, withRequestDir } from './request-files.js';
import { baseUrl } from './server-peer.js';

interface HarEntry {
  comment?: string;
  request: { url: string };
  response: { status: number; headers: Array<{ name: string; value: string }>; content: { size: number } };
}

const PUSHED = 'Pushed Object';

export function nghttpArgs(url: string, request: PeerRequest, harFile: string, bodyFile: string | undefined, upgrade: boolean): string[] {
  const args = [`--har=${harFile}`, '--no-dep'];
  if (upgrade) args.push('-u');
  if (bodyFile) args.push('-d', bodyFile);
  // nghttp sends GET, or POST with -d; anything else is set as the pseudo-header.
  const defaultMethod = bodyFile ? 'POST' : 'GET';
  if (request.method !== defaultMethod) args.push('-H', `:method: ${request.method}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('-H', `${name}: ${value}`);
  return [...args, url + request.path];
}

export function fromHar(har: { log: { entries: HarEntry[] } }, stdout: Uint8Array): PeerResponse {
  const main = har.log.entries.find((e) => e.comment !== PUSHED);
  if (!main) throw new Error('nghttp wrote no response to its HAR file');
  const pushes: PushedResponse[] = har.log.entries
    .filter((e) => e.comment === PUSHED)
    .map((e) => ({ path: new URL(e.request.url).pathname, status: e.response.status, bodyLength: e.response.content.size }));
  return {
    status: main.response.status,
    headers: collectHeaders(main.response.headers.map((h) => [h.name, h.value] as const)),
    body: stdout,
    pushes,
  };
}

function nghttpClient(transport: ClientTransport): ClientPeer {
  return {
    name: transport === 'upgrade' ? 'nghttp-upgrade' : transport === 'tls' ? 'nghttp-tls' : 'nghttp',
    transport,
    async request(server, request) {
      const command = requireTool('nghttp');
      return withRequestDir('nghttp', request.body, async (dir, bodyFile) => {
        const harFile = join(dir, 'response.har');
        const args = nghttpArgs(baseUrl(server), request, harFile, bodyFile, transport === 'upgrade');
        const r = await runBounded({ command, args, timeoutMs: CLIENT_TIMEOUT_MS });
        if (r.timedOut || r.code !== 0) {
          throw new Error(`nghttp ${args.join(' ')} ${r.timedOut ? 'timed out' : `exited ${r.code}`}: ${r.stderr.slice(-1000)}`);
        }
        return fromHar(JSON.parse(await readFile(harFile, 'utf8')), new Uint8Array(r.stdout));
      });
    },
  };
}

export const nghttpClientPeer = nghttpClient('h2c');
export const nghttpTlsClientPeer = nghttpClient('tls');
export const nghttpUpgradeClientPeer = nghttpClient('upgrade');
