// The real server targets, in the order reports list them.
import { apacheServer } from './apache.js';
import { caddyServer } from './caddy.js';
import { h2oServer } from './h2o.js';
import { haproxyServer } from './haproxy.js';
import { nginxServer } from './nginx.js';
import type { RealServer } from './real-server.js';

export const REAL_SERVERS: readonly RealServer[] = [nginxServer, h2oServer, apacheServer, haproxyServer, caddyServer];
export { realServerPeer, isInstalled, serverVersion, type RealServer } from './real-server.js';
