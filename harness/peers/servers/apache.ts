// Apache httpd with mod_http2 as a server target. h2c with prior knowledge
// needs `Protocols h2c` and `H2Direct on`; TLS is mod_ssl with `Protocols
// h2`. Apache refuses to serve as root, so as root it serves as www-data
// (which can read the layout's folder). `/push` pushes with H2PushResource,
// `/echo` is a CGI script (mod_cgid) that copies the request body back:
// mod_lua's r:requestbody() reads nothing from a request without
// content-length, which HTTP/2 clients need not send. Runtime files
// (pid, mutexes, logs) stay in the layout's folder; -DFOREGROUND keeps the
// PID ours.
import { join } from 'node:path';
import type { RealServer } from './real-server.js';

const MODULES = '/usr/lib/apache2/modules';
// Apache writes the whole request body to the script before it reads any
// output, so a plain `cat` deadlocks once the pipes fill: keep it all first.
const ECHO_CGI = [
  '#!/bin/sh',
  'f=$(mktemp) || exit 1',
  'cat > "$f"',
  "printf 'Content-Type: application/octet-stream\\r\\nContent-Length: %s\\r\\n\\r\\n' \"$(wc -c < \"$f\")\"",
  'cat "$f"',
  'rm -f "$f"',
  '',
].join('\n');

export const apacheServer: RealServer = {
  name: 'apache',
  binary: 'apache2',
  versionArgs: ['-v'],
  versionPattern: /Apache\/(\S+)/,
  readyTimeoutMs: 15_000,
  routes: () => ({ root: true, echo: true, push: true, upgrade: false, bodyPath: '/echo' }),
  config(layout, { host, port, tls, root }) {
    const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'alias', 'http2', 'cgid', ...(tls ? ['socache_shmcb', 'ssl'] : [])];
    const conf = [
      `ServerRoot ${layout.dir}`,
      `DefaultRuntimeDir ${layout.dir}`,
      `PidFile ${join(layout.dir, 'apache.pid')}`,
      `Mutex file:${layout.dir} default`,
      `ErrorLog ${join(layout.dir, 'error.log')}`,
      'LogLevel warn',
      ...(root ? ['User www-data', 'Group www-data'] : []),
      'ServerName localhost',
      ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
      // mod_mime otherwise reads ServerRoot/mime.types; the two types it needs are below.
      'TypesConfig /dev/null',
      'AddType text/html .html',
      'AddType text/css .css',
      `Listen ${host}:${port}`,
      `Protocols ${tls ? 'h2' : 'h2c'} http/1.1`,
      'H2Direct on',
      ...(tls ? [
        'SSLEngine on',
        `SSLCertificateFile ${layout.certFile}`,
        `SSLCertificateKeyFile ${layout.keyFile}`,
        `SSLSessionCache shmcb:${join(layout.dir, 'ssl-cache')}(512000)`,
      ] : []),
      `DocumentRoot ${layout.docroot}`,
      `<Directory ${layout.docroot}>`,
      '  Require all granted',
      '</Directory>',
      'DirectoryIndex index.html',
      `Alias /push ${layout.files.push}`,
      '<Location /push>',
      '  H2PushResource /style.css',
      '</Location>',
      `ScriptSock ${join(layout.dir, 'cgid.sock')}`,
      `ScriptAlias /echo ${join(layout.dir, 'echo.cgi')}`,
      '',
    ].join('\n');
    return { files: { 'apache.conf': conf, 'echo.cgi': ECHO_CGI }, executables: ['echo.cgi'], args: ['-f', join(layout.dir, 'apache.conf'), '-DFOREGROUND'] };
  },
};
