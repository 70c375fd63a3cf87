// nginx as a server target. h2c with prior knowledge is `listen … http2` on
// a cleartext listener (nginx has no h2c Upgrade), TLS is `ssl http2`. The
// document root serves `/`; `/push` pushes /style.css with `http2_push`
// (nginx 1.22 still has it); `/echo` needs the echo module from Debian's
// libnginx-mod-http-echo, which is loaded when installed. Every path nginx
// writes (pid, logs, temp files) is in the layout's folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RealServer } from './real-server.js';

const ECHO_MODULE = '/usr/lib/nginx/modules/ngx_http_echo_module.so';

export const nginxServer: RealServer = {
  name: 'nginx',
  binary: 'nginx',
  versionArgs: ['-v'],
  versionPattern: /nginx\/(\S+)/,
  routes: () => ({ root: true, echo: existsSync(ECHO_MODULE), push: true, upgrade: false, bodyPath: existsSync(ECHO_MODULE) ? '/echo' : null }),
  config(layout, { host, port, tls, root }) {
    const echo = existsSync(ECHO_MODULE);
    const temp = (name: string) => join(layout.dir, `${name}-temp`);
    const conf = [
      ...(echo ? [`load_module ${ECHO_MODULE};`] : []),
      'daemon off;',
      'worker_processes 1;',
      // As root the workers switch to nobody; Debian has no group "nobody".
      ...(root ? ['user nobody nogroup;'] : []),
      `pid ${join(layout.dir, 'nginx.pid')};`,
      `error_log ${join(layout.dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      // nginx ends an HTTP/2 connection with GOAWAY after 1000 requests by default; h2load does not reconnect.
      '  keepalive_requests 10000000;',
      `  client_body_temp_path ${temp('body')};`,
      `  proxy_temp_path ${temp('proxy')};`,
      `  fastcgi_temp_path ${temp('fastcgi')};`,
      `  uwsgi_temp_path ${temp('uwsgi')};`,
      `  scgi_temp_path ${temp('scgi')};`,
      '  types { text/html html; text/css css; }',
      '  default_type application/octet-stream;',
      // The echo module answers from memory only: room for the interop's 1 MiB upload.
      '  client_max_body_size 16m;',
      '  client_body_buffer_size 16m;',
      '  server {',
      `    listen ${host}:${port} ${tls ? 'ssl http2' : 'http2'};`,
      // nginx 1.22's default protocols stop at TLS 1.2 (1.23.4 added 1.3); HTTP/2 needs 1.2 or higher (RFC 9113 §9.2).
      ...(tls ? [`    ssl_certificate ${layout.certFile};`, `    ssl_certificate_key ${layout.keyFile};`, '    ssl_protocols TLSv1.2 TLSv1.3;'] : []),
      `    root ${layout.docroot};`,
      '    index index.html;',
      '    location = /push { default_type text/html; http2_push /style.css; try_files /push.html =404; }',
      ...(echo ? ['    location = /echo { echo_read_request_body; echo_request_body; }'] : []),
      '  }',
      '}',
      '',
    ].join('\n');
    return { files: { 'nginx.conf': conf }, args: ['-e', join(layout.dir, 'error.log'), '-p', layout.dir, '-c', join(layout.dir, 'nginx.conf')] };
  },
};
