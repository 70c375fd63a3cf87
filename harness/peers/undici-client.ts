// undici v7 as a client peer: `H2CClient` for h2c with prior knowledge and
// `Client` with `allowH2` over TLS (ALPN h2; the self-signed certificate is
// accepted). One client per request, closed afterwards.
import { Client, H2CClient, type Dispatcher } from 'undici';
import type { ClientPeer, ClientTransport, PeerRequest, PeerResponse } from './client-peer.js';
import { collectHeaders } from './client-peer.js';
import { baseUrl } from './server-peer.js';

function flatten(headers: Record<string, string | string[] | undefined>): Array<readonly [string, string]> {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v) => [name, v] as const) : [[name, value] as const],
  );
}

async function send(dispatcher: Dispatcher, request: PeerRequest): Promise<PeerResponse> {
  const response = await dispatcher.request({
    path: request.path,
    method: request.method as Dispatcher.HttpMethod,
    headers: request.headers ?? {},
    body: request.body === undefined ? null : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
  });
  const body = new Uint8Array(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: collectHeaders(flatten(response.headers)), body };
}

function undiciClient(transport: Exclude<ClientTransport, 'upgrade'>): ClientPeer {
  return {
    name: transport === 'tls' ? 'undici-tls' : 'undici',
    transport,
    async request(server, request) {
      const origin = baseUrl(server);
      const client =
        transport === 'tls'
          ? new Client(origin, { allowH2: true, connect: { rejectUnauthorized: false } })
          : new H2CClient(origin);
      try {
        return await send(client, request);
      } finally {
        await client.close();
      }
    },
  };
}

export const undiciClientPeer = undiciClient('h2c');
export const undiciTlsClientPeer = undiciClient('tls');
