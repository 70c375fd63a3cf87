// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// as a TLS client peer: browsers speak HTTP/2 only over TLS, and Chromium
// refuses server push (it sends SETTINGS_ENABLE_PUSH = 0), so a page that
// pushes must still load. One browser serves a whole stage; `close()` ends
// it. playwright-core is a development dependency: without it (an installed
// package) the client is reported as not installed.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { ClientPeer, PeerResponse } from './client-peer.js';
import { PeerNotInstalledError, notInstalled } from './peer-availability.js';
import { baseUrl } from './server-peer.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumClient extends ClientPeer {
  close(): Promise<void>;
}

export function chromiumClient(): ChromiumClient {
  let browser: Promise<Browser> | undefined;
  const launch = async (): Promise<Browser> => {
    if (!existsSync(CHROMIUM_PATH)) throw new PeerNotInstalledError(notInstalled('chromium', 'sudo apt-get install chromium'));
    const playwright = await import('playwright-core').catch(() => {
      throw new PeerNotInstalledError(notInstalled('playwright-core', 'npm install playwright-core'));
    });
    return playwright.chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  };
  return {
    name: 'chromium',
    transport: 'tls',
    async request(server, request): Promise<PeerResponse> {
      if (request.method !== 'GET' || request.body) throw new Error('the chromium client only navigates (GET)');
      browser ??= launch();
      const context = await (await browser).newContext({ ignoreHTTPSErrors: true });
      try {
        const page = await context.newPage();
        const response = await page.goto(baseUrl(server) + request.path, { timeout: 10_000 });
        if (!response) throw new Error('chromium got no response');
        // The page's own record of the protocol: `h2` unless Chromium fell back to HTTP/1.1.
        const protocol = String(await page.evaluate('performance.getEntriesByType("navigation")[0]?.nextHopProtocol ?? ""'));
        if (protocol !== 'h2') throw new Error(`chromium used ${protocol || 'an unknown protocol'}, not h2`);
        return { status: response.status(), headers: await response.allHeaders(), body: new Uint8Array(await response.body()) };
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = browser;
      browser = undefined;
      if (b) await (await b.catch(() => undefined))?.close();
    },
  };
}
