// Real clients against each target over each transport: nghttp, curl,
// undici, node:http2 (also refusing push), and headless Chromium over TLS.
// Every target gets GET /; what else it gets follows the routes its server
// serves (RunningServer.routes): a 1 MiB POST /echo that must come back
// intact, a pushed /style.css from /push, /push loaded by clients that
// refuse push (the server must not push to them, RFC 9113 §6.5.2), and 100
// concurrent streams on one connection. HTTP/1.1 Upgrade only where the
// server speaks it.
import { createHash } from 'node:crypto';
import { startTarget, targetLabel, transportsOf, type TargetSpec } from '../../conformance/conformance-targets.js';
import { chromiumClient } from '../../peers/chromium-client.js';
import type { ClientPeer, PeerResponse } from '../../peers/client-peer.js';
import { curlClientPeer, curlTlsClientPeer, curlUpgradeClientPeer } from '../../peers/curl-client.js';
import { nghttpClientPeer, nghttpTlsClientPeer, nghttpUpgradeClientPeer } from '../../peers/nghttp-client.js';
import {
  nodeHttp2ClientPeer, nodeHttp2NoPushClientPeer, nodeHttp2NoPushTlsClientPeer, nodeHttp2TlsClientPeer, requestConcurrently,
} from '../../peers/node-http2-client.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import { PUSH_HTML, ROOT_BODY, STYLE_CSS, STYLE_CSS_PATH } from '../../peers/peer-routes.js';
import type { RunningServer, ServedRoutes } from '../../peers/server-peer.js';
import { undiciClientPeer, undiciTlsClientPeer } from '../../peers/undici-client.js';
import { ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';

const REQUEST_TIMEOUT_MS = 15_000;
/** One mebibyte: many DATA frames and several window updates in both directions. */
const ECHO_BODY = new Uint8Array(1 << 20).map((_, i) => (i * 31 + (i >> 12)) & 0xff);
const CONCURRENT_STREAMS = 100;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex').slice(0, 16);
const text = (b: Uint8Array): string => Buffer.from(b).toString();
/** Of a user's server only `GET /` answering 200 is assumed. */
const UNKNOWN_ROUTES: ServedRoutes = { root: false, echo: false, push: false, upgrade: false, bodyPath: null };

/** Clients that report the streams a server pushed to them. */
const SEES_PUSH = new Set(['nghttp', 'nghttp-tls', 'node-http2', 'node-http2-tls']);
/** Clients that refuse push: /push must load without any. */
const REFUSES_PUSH = new Set(['node-http2-nopush', 'node-http2-nopush-tls', 'chromium']);

export async function interopStage(ctx: StageContext): Promise<StageResult> {
  const started = Date.now();
  const cases: CaseResult[] = [];
  const chromium = chromiumClient();
  const clients: readonly ClientPeer[] = [
    nghttpClientPeer, nghttpTlsClientPeer, nghttpUpgradeClientPeer,
    curlClientPeer, curlTlsClientPeer, curlUpgradeClientPeer,
    undiciClientPeer, undiciTlsClientPeer,
    nodeHttp2ClientPeer, nodeHttp2TlsClientPeer, nodeHttp2NoPushClientPeer, nodeHttp2NoPushTlsClientPeer,
    chromium,
  ];
  try {
    for (const spec of ctx.targets) {
      for (const transport of transportsOf(spec, ctx.transports)) {
        if (ctx.signal.aborted) break;
        const tls = transport === 'tls';
        let server: RunningServer;
        try {
          server = await startTarget(spec, tls);
        } catch (err) {
          cases.push(caseFor(ctx, spec, `server-${transport}`, `start ${targetLabel(spec)} over ${transport}`, err));
          continue;
        }
        ctx.serverStarted?.(server);
        try {
          await checkServer(ctx, spec, server, clients.filter((c) => (c.transport === 'tls') === tls), cases);
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await chromium.close();
  }
  return ranStage(
    {
      name: 'interop',
      kind: 'interop',
      title: 'Interop with nghttp, curl, undici, node:http2 and Chromium clients',
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      cases,
    },
    ctx.signal.aborted ? 'interrupted' : undefined,
  );
}

async function checkServer(ctx: StageContext, spec: TargetSpec, server: RunningServer, clients: readonly ClientPeer[], cases: CaseResult[]): Promise<void> {
  const routes = server.routes ?? UNKNOWN_ROUTES;
  const run = async (client: ClientPeer, what: string, description: string, body: () => Promise<void>) => {
    cases.push(await check(ctx, spec, client.name, what, `${client.name}: ${description}`, body));
    ctx.progress(cases.length, cases.filter((c) => c.outcome === 'failed').length);
  };
  for (const client of clients) {
    if (ctx.signal.aborted) return;
    if (client.transport === 'upgrade' && !routes.upgrade) continue;
    await run(client, 'get', 'GET / answers 200', async () => {
      const r = await client.request(server, { method: 'GET', path: '/' });
      expectStatus(r, 200);
      if (routes.root && text(r.body) !== ROOT_BODY) throw new Error(`unexpected body ${JSON.stringify(text(r.body).slice(0, 80))}`);
    });
    if (routes.echo && client.name !== 'chromium') {
      await run(client, 'echo', `POST /echo with ${ECHO_BODY.length} bytes comes back intact`, async () => {
        const r = await client.request(server, { method: 'POST', path: '/echo', body: ECHO_BODY });
        expectStatus(r, 200);
        if (sha(r.body) !== sha(ECHO_BODY)) throw new Error(`body of ${r.body.length} bytes, sha256 ${sha(r.body)}; sent ${ECHO_BODY.length}, ${sha(ECHO_BODY)}`);
      });
    }
    if (routes.push && SEES_PUSH.has(client.name)) {
      await run(client, 'push', `GET /push receives ${STYLE_CSS_PATH} pushed`, async () => {
        const r = await client.request(server, { method: 'GET', path: '/push' });
        expectStatus(r, 200);
        const pushed = (r.pushes ?? []).find((p) => p.path === STYLE_CSS_PATH);
        if (!pushed) throw new Error(`no push of ${STYLE_CSS_PATH} (pushes: ${JSON.stringify(r.pushes ?? [])})`);
        if (pushed.status !== 200 || pushed.bodyLength !== Buffer.byteLength(STYLE_CSS)) throw new Error(`pushed ${JSON.stringify(pushed)}`);
      });
    }
    if (routes.push && REFUSES_PUSH.has(client.name)) {
      await run(client, 'push-refused', 'GET /push with push refused loads the page and gets no push', async () => {
        const r = await client.request(server, { method: 'GET', path: '/push' });
        expectStatus(r, 200);
        if (text(r.body) !== PUSH_HTML) throw new Error(`unexpected body ${JSON.stringify(text(r.body).slice(0, 80))}`);
        if ((r.pushes ?? []).length > 0) throw new Error(`pushed ${JSON.stringify(r.pushes)} though push was refused`);
      });
    }
  }
  const multiplexer = server.tls ? nodeHttp2TlsClientPeer : nodeHttp2ClientPeer;
  if (ctx.signal.aborted) return;
  cases.push(
    await check(ctx, spec, multiplexer.name, 'concurrent', `${multiplexer.name}: ${CONCURRENT_STREAMS} concurrent GET / on one connection`, async () => {
      const requests = Array.from({ length: CONCURRENT_STREAMS }, () => ({ method: 'GET', path: '/' }));
      const responses = await requestConcurrently(server, requests);
      const wrong = responses.filter((r) => r.status !== 200 || (routes.root && text(r.body) !== ROOT_BODY));
      if (wrong.length > 0) throw new Error(`${wrong.length} of ${CONCURRENT_STREAMS} wrong, first: status ${wrong[0]!.status}`);
    }),
  );
}

function expectStatus(r: PeerResponse, status: number): void {
  if (r.status !== status) throw new Error(`status ${r.status}`);
}

async function check(ctx: StageContext, spec: TargetSpec, clientName: string, what: string, description: string, body: () => Promise<void>): Promise<CaseResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      body(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS))),
    ]);
    return { id: `interop/${clientName}/${what}`, description, target: targetLabel(spec), outcome: 'passed', durationMs: Date.now() - started };
  } catch (err) {
    return { ...caseFor(ctx, spec, `${clientName}/${what}`, description, err), durationMs: Date.now() - started };
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
