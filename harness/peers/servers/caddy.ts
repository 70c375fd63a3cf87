// Caddy as a server target: the admin API and automatic HTTPS off (no
// :80/:443, no certificate authority), h2c enabled in the global `servers`
// block, the project's certificate with `tls`. `/push` pushes /style.css
// with the `push` directive; Caddy has no way to echo a request body without
// a plugin. HOME and XDG_* point into the layout's folder, where Caddy
// keeps its state.
import { join } from 'node:path';
import type { RealServer } from './real-server.js';

export const caddyServer: RealServer = {
  name: 'caddy',
  binary: 'caddy',
  versionArgs: ['version'],
  versionPattern: /^v?(\d+\.\d+\.\d+\S*)/m,
  routes: () => ({ root: true, echo: false, push: true, upgrade: false, bodyPath: null }),
  config(layout, { host, port, tls }) {
    const conf = [
      '{',
      '  admin off',
      '  auto_https off',
      // Caddy's parser needs `servers {` and each option on lines of their own.
      '  servers {',
      '    protocols h1 h2 h2c',
      '  }',
      '}',
      `${tls ? 'https' : 'http'}://${host}:${port} {`,
      `  bind ${host}`,
      ...(tls ? [`  tls ${layout.certFile} ${layout.keyFile}`] : []),
      `  root * ${layout.docroot}`,
      '  handle /push {',
      '    rewrite * /push.html',
      // `push /x` alone would be a path matcher: `*` says "this request", then the resource.
      '    push * /style.css',
      '    file_server',
      '  }',
      '  file_server',
      '}',
      '',
    ].join('\n');
    const state = (name: string) => join(layout.dir, name);
    return {
      files: { Caddyfile: conf },
      args: ['run', '--config', join(layout.dir, 'Caddyfile'), '--adapter', 'caddyfile'],
      env: { HOME: state('home'), XDG_DATA_HOME: state('data'), XDG_CONFIG_HOME: state('config') },
    };
  },
};
