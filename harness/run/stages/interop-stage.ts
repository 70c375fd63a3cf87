// Real clients against each target: nghttp, curl, undici and node:http2, over
// prior knowledge, TLS and (for ours) HTTP/1.1 Upgrade. GET / everywhere, and
// a 16 385-byte POST /echo (one byte past a default frame) where the target
// has the echo route.
import { createHash } from 'node:crypto';
import { startTarget, targetLabel, type TargetSpec } from '../../conformance/conformance-targets.js';
import type { ClientPeer } from '../../peers/client-peer.js';
import { curlClientPeer, curlTlsClientPeer, curlUpgradeClientPeer } from '../../peers/curl-client.js';
import { nghttpClientPeer, nghttpTlsClientPeer, nghttpUpgradeClientPeer } from '../../peers/nghttp-client.js';
import { nodeHttp2ClientPeer, nodeHttp2TlsClientPeer } from '../../peers/node-http2-client.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import { ROOT_BODY } from '../../peers/peer-routes.js';
import type { RunningServer } from '../../peers/server-peer.js';
import { undiciClientPeer, undiciTlsClientPeer } from '../../peers/undici-client.js';
import { ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';

const CLIENTS: readonly ClientPeer[] = [
  nghttpClientPeer, nghttpTlsClientPeer, nghttpUpgradeClientPeer,
  curlClientPeer, curlTlsClientPeer, curlUpgradeClientPeer,
  undiciClientPeer, undiciTlsClientPeer,
  nodeHttp2ClientPeer, nodeHttp2TlsClientPeer,
];
const REQUEST_TIMEOUT_MS = 15_000;
const ECHO_BODY = new Uint8Array(16385).map((_, i) => (i * 31) & 0xff);
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex').slice(0, 16);

/** Targets with our routes (/echo, the exact / body); nghttpd serves a docroot. */
const hasRoutes = (spec: TargetSpec): boolean => spec.kind === 'peer' && spec.name !== 'nghttpd';
const speaksUpgrade = (spec: TargetSpec): boolean => spec.kind === 'peer' && spec.name === 'ref';

export async function interopStage(ctx: StageContext): Promise<StageResult> {
  const started = Date.now();
  const cases: CaseResult[] = [];
  for (const spec of ctx.targets) {
    for (const transport of ctx.transports) {
      if (ctx.signal.aborted) break;
      const tls = transport === 'tls';
      let server: RunningServer;
      try {
        server = await startTarget(spec, tls);
      } catch (err) {
        cases.push(caseFor(ctx, spec, `server-${transport}`, `start ${targetLabel(spec)} over ${transport}`, err));
        continue;
      }
      try {
        for (const client of CLIENTS.filter((c) => (c.transport === 'tls') === tls)) {
          if (ctx.signal.aborted) break;
          if (client.transport === 'upgrade' && !speaksUpgrade(spec)) continue;
          cases.push(await check(ctx, spec, client, 'get', 'GET / answers 200', async () => {
            const r = await client.request(server, { method: 'GET', path: '/' });
            if (r.status !== 200) throw new Error(`status ${r.status}`);
            if (hasRoutes(spec) && Buffer.from(r.body).toString() !== ROOT_BODY) throw new Error(`unexpected body ${JSON.stringify(Buffer.from(r.body).toString().slice(0, 80))}`);
          }));
          if (!hasRoutes(spec)) continue;
          cases.push(await check(ctx, spec, client, 'echo', 'POST /echo with 16 385 bytes comes back intact', async () => {
            const r = await client.request(server, { method: 'POST', path: '/echo', body: ECHO_BODY });
            if (r.status !== 200) throw new Error(`status ${r.status}`);
            if (sha(r.body) !== sha(ECHO_BODY)) throw new Error(`body of ${r.body.length} bytes, sha256 ${sha(r.body)}; sent ${ECHO_BODY.length}, ${sha(ECHO_BODY)}`);
          }));
          ctx.progress(cases.length, cases.filter((c) => c.outcome === 'failed').length);
        }
      } finally {
        await server.stop();
      }
    }
  }
  return ranStage(
    { name: 'interop', kind: 'interop', title: 'Interop with nghttp, curl, undici and node:http2 clients', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, cases },
    ctx.signal.aborted ? 'interrupted' : undefined,
  );
}

async function check(ctx: StageContext, spec: TargetSpec, client: ClientPeer, what: string, description: string, body: () => Promise<void>): Promise<CaseResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      body(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS))),
    ]);
    return { id: `interop/${client.name}/${what}`, description: `${client.name}: ${description}`, target: targetLabel(spec), outcome: 'passed', durationMs: Date.now() - started };
  } catch (err) {
    return { ...caseFor(ctx, spec, `${client.name}/${what}`, `${client.name}: ${description}`, err), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** A failed case, or for a missing tool outside CI a skipped one naming the install command. */
function caseFor(ctx: StageContext, spec: TargetSpec, id: string, description: string, err: unknown): CaseResult {
  const missing = err instanceof PeerNotInstalledError;
  const message = missing ? `${err.message} (install: ${err.result.installCommand})` : (err as Error).message;
  return {
    id: `interop/${id}`,
    description,
    target: targetLabel(spec),
    outcome: missing && !ctx.ci ? 'skipped' : 'failed',
    failure: { message, scope: 'unknown', code: null, initiator: missing ? 'harness' : 'target' },
  };
}
