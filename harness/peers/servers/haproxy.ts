// HAProxy as a server target. It is a proxy, but `http-request return`
// lets a frontend answer by itself, and a Lua service echoes a body, so no
// backend is needed. `proto h2` on a cleartext bind is h2c with prior
// knowledge; TLS is `ssl crt` (one PEM with certificate and key) with
// `alpn h2`. HAProxy has no server push. -db keeps it in the foreground.
import { join } from 'node:path';
import type { RealServer } from './real-server.js';

const ECHO_LUA = [
  'core.register_service("echo", "http", function(applet)',
  '  local parts = {}',
  '  while true do',
  '    local chunk = applet:receive()',
  '    if chunk == nil or chunk == "" then break end',
  '    parts[#parts + 1] = chunk',
  '  end',
  '  local body = table.concat(parts)',
  '  applet:set_status(200)',
  '  applet:add_header("content-type", "application/octet-stream")',
  '  applet:add_header("content-length", tostring(#body))',
  '  applet:start_response()',
  '  applet:send(body)',
  'end)',
  '',
].join('\n');

export const haproxyServer: RealServer = {
  name: 'haproxy',
  binary: 'haproxy',
  versionArgs: ['-v'],
  versionPattern: /HAProxy version (\S+)/,
  routes: () => ({ root: true, echo: true, push: false, upgrade: false, bodyPath: '/echo' }),
  config(layout, { host, port, tls }) {
    const conf = [
      'global',
      `  lua-load ${join(layout.dir, 'echo.lua')}`,
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  timeout http-request 10s',
      'frontend h2',
      tls ? `  bind ${host}:${port} ssl crt ${layout.pemFile} alpn h2` : `  bind ${host}:${port} proto h2`,
      // `http-request return` answers as soon as the request head is in, so a
      // frame sent right behind the HEADERS (a bad WINDOW_UPDATE, DATA that
      // breaks content-length) raced the answer and the stream was often
      // closed before HAProxy judged it: the verdict changed from run to run.
      // Waiting for the body (END_STREAM, or 300 ms) makes HAProxy read what
      // follows the head first, as it does when a real backend takes time.
      '  http-request wait-for-body time 300ms',
      '  http-request use-service lua.echo if { path /echo }',
      `  http-request return status 200 content-type text/html file ${layout.files.index} if { path / }`,
      `  http-request return status 200 content-type text/html file ${layout.files.push} if { path /push }`,
      `  http-request return status 200 content-type text/css file ${layout.files.style} if { path /style.css }`,
      '  http-request return status 404 content-type text/plain string "not found"',
      '',
    ].join('\n');
    return { files: { 'haproxy.cfg': conf, 'echo.lua': ECHO_LUA }, args: ['-db', '-f', join(layout.dir, 'haproxy.cfg')] };
  },
};
