// The routes of `h2harness serve` (harness/peers/peer-routes.ts, shared with
// the node:http2 peer so bodies agree byte for byte) as a handler class for
// our HTTP2Server, so any stage can run the reference server in process.
import { BaseRequestHandler } from '../../impl/server/index.js';
import { PUSH_HTML, ROOT_BODY, STYLE_CSS, STYLE_CSS_PATH, bytesBody, echoHeaders, routeOf, type Route } from './peer-routes.js';

/** The fixed bodies as bytes once, not as strings to encode again on every response. */
const ROOT_BYTES = Buffer.from(ROOT_BODY);
const STYLE_BYTES = Buffer.from(STYLE_CSS);

export class ReferenceHandler extends BaseRequestHandler {
  /** /echo's body so far; made by the first chunk, since most requests have none (an array per request for nothing). */
  #body: Uint8Array[] | null = null;
  #size = 0;
  #route: Route | null = null;

  /** The route of this request's path, parsed once. */
  get route(): Route {
    return (this.#route ??= routeOf(this.path ?? '/'));
  }

  override onData(data: Uint8Array): void {
    // Only /echo keeps the body; `/` reads and drops it.
    if (this.route.kind === 'echo') {
      (this.#body ??= []).push(data);
      this.#size += data.length;
    }
  }

  override onRequestDone(): void {
    const route = this.route;
    switch (route.kind) {
      case 'root':
        return this.sendResponse({ status: 200, headers: [['content-type', 'text/plain']], body: ROOT_BYTES });
      case 'echo':
        return this.#echo();
      case 'push':
        return this.#push();
      case 'style':
        return this.sendResponse({ status: 200, headers: [['content-type', 'text/css']], body: STYLE_BYTES });
      case 'bytes':
        return this.sendResponse({
          status: 200,
          headers: [['content-type', 'application/octet-stream'], ['content-length', String(route.length)]],
          body: bytesBody(route.length),
        });
      case 'not-found':
        return this.sendResponse({ status: 404, headers: [['content-type', 'text/plain']], body: 'not found\n' });
    }
  }

  #echo(): void {
    const request: Record<string, string> = {};
    for (const [k, v] of this.headers) request[k] = k in request ? `${request[k]}, ${v}` : v;
    const headers: Array<[string, string]> = Object.entries(echoHeaders(request));
    headers.push(['content-type', request['content-type'] ?? 'application/octet-stream'], ['content-length', String(this.#size)]);
    this.sendResponse({ status: 200, headers: headers.filter(([k]) => k !== 'x-echo-content-length'), body: Buffer.concat(this.#body ?? []) });
  }

  #push(): void {
    try {
      this.push({ path: STYLE_CSS_PATH, requestHeaders: [['accept', 'text/css']], status: 200, headers: [['content-type', 'text/css']], body: STYLE_CSS });
    } catch (err) {
      // The client disabled push: the page still works, the stylesheet is fetched normally.
      if ((err as { code?: string }).code !== 'ERR_PUSH_DISABLED') throw err;
    }
    this.sendResponse({ status: 200, headers: [['content-type', 'text/html']], body: PUSH_HTML });
  }
}
