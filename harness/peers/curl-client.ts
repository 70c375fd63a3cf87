// curl (Debian curl, HTTP/2 through libnghttp2) as a client peer:
// `--http2-prior-knowledge` (h2c), `--http2 -k` (TLS, self-signed) and
// `--http2` on http:// (HTTP/1.1 Upgrade). curl silently stays on HTTP/1.1
// when an upgrade is refused, so the HTTP version is checked, not assumed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientPeer, ClientTransport, PeerRequest, PeerResponse } from './client-peer.js';
import { collectHeaders } from './client-peer.js';
import { runBounded } from './bounded-process.js';
import { requireTool } from './peer-availability.js';
import { CLIENT_TIMEOUT_MS, withRequestDir } from './request-files.js';
import { baseUrl } from './server-peer.js';

const TRANSPORT_FLAGS: Record<ClientTransport, string[]> = {
  h2c: ['--http2-prior-knowledge'],
  tls: ['--http2', '-k'],
  upgrade: ['--http2'],
};

export function curlArgs(url: string, request: PeerRequest, transport: ClientTransport, files: { body?: string; out: string; headers: string }): string[] {
  const args = ['-sS', ...TRANSPORT_FLAGS[transport], '-o', files.out, '-D', files.headers, '-w', '%{http_version}', '-X', request.method];
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (files.body) args.push('--data-binary', `@${files.body}`);
  return [...args, url + request.path];
}

/** The last header block in a `-D` dump (an upgrade writes `101` first). */
export function parseHeaderDump(dump: string): { status: number; headers: Record<string, string> } {
  const blocks = dump.split(/\r?\n\r?\n/).filter((b) => /^HTTP\//.test(b));
  const last = blocks.at(-1);
  const m = last ? /^HTTP\/[\d.]+ (\d{3})/.exec(last) : null;
  if (!last || !m) throw new Error(`curl wrote no status line: ${dump.slice(0, 200)}`);
  const pairs = last
    .split(/\r?\n/)
    .slice(1)
    .map((line) => /^([^:]+):\s?(.*)$/.exec(line))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => [x[1]!, x[2]!] as const);
  return { status: Number(m[1]), headers: collectHeaders(pairs) };
}

function curlClient(transport: ClientTransport): ClientPeer {
  return {
    name: transport === 'h2c' ? 'curl' : `curl-${transport}`,
    transport,
    async request(server, request): Promise<PeerResponse> {
      const command = requireTool('curl');
      return withRequestDir('curl', request.body, async (dir, body) => {
        const files = { body, out: join(dir, 'response-body'), headers: join(dir, 'response-headers') };
        const args = curlArgs(baseUrl(server), request, transport, files);
        const r = await runBounded({ command, args, timeoutMs: CLIENT_TIMEOUT_MS });
        if (r.timedOut || r.code !== 0) throw new Error(`curl ${args.join(' ')} ${r.timedOut ? 'timed out' : `exited ${r.code}`}: ${r.stderr}`);
        const httpVersion = r.stdout.toString().trim();
        if (httpVersion !== '2') throw new Error(`curl used HTTP/${httpVersion}, not HTTP/2 (${transport})`);
        const { status, headers } = parseHeaderDump(await readFile(files.headers, 'utf8'));
        return { status, headers, body: new Uint8Array(await readFile(files.out).catch(() => Buffer.alloc(0))) };
      });
    },
  };
}

export const curlClientPeer = curlClient('h2c');
export const curlTlsClientPeer = curlClient('tls');
export const curlUpgradeClientPeer = curlClient('upgrade');
