// h2o as a server target: one listener, cleartext (h2o speaks h2c with prior
// knowledge and Upgrade there) or TLS. `/` is the document root, `/push`
// answers with a `link: rel=preload` header, which h2o turns into a push,
// and `/echo` is an mruby handler returning the request body. As root h2o
// switches to `user:` (nobody), which can read the layout's folder.
import { join } from 'node:path';
import type { RealServer } from './real-server.js';

const ECHO_MRUBY = [
  'Proc.new do |env|',
  '  input = env["rack.input"]',
  '  body = input ? input.read : ""',
  '  [200, {"content-type" => "application/octet-stream", "content-length" => body.bytesize.to_s}, [body]]',
  'end',
];

export const h2oServer: RealServer = {
  name: 'h2o',
  binary: 'h2o',
  versionArgs: ['--version'],
  versionPattern: /h2o version (\S+)/,
  routes: () => ({ root: true, echo: true, push: true, upgrade: true, bodyPath: '/echo' }),
  config(layout, { host, port, tls, root }) {
    const q = JSON.stringify; // YAML accepts JSON strings: no quoting surprises in paths
    const yaml = [
      ...(root ? ['user: nobody'] : []),
      `error-log: ${q(join(layout.dir, 'error.log'))}`,
      'listen:',
      `  host: ${host}`,
      `  port: ${port}`,
      ...(tls ? ['  ssl:', `    certificate-file: ${q(layout.certFile)}`, `    key-file: ${q(layout.keyFile)}`] : []),
      'hosts:',
      '  default:',
      '    paths:',
      '      /echo:',
      '        mruby.handler: |',
      ...ECHO_MRUBY.map((l) => `          ${l}`),
      // h2o pushes what an application's `link: rel=preload` names (http2-push-preload).
      '      /push:',
      '        mruby.handler: |',
      `          page = File.read(${q(layout.files.push)})`,
      '          Proc.new do |env|',
      '            [200, {"content-type" => "text/html", "link" => "</style.css>; rel=preload"}, [page]]',
      '          end',
      '      /:',
      `        file.dir: ${q(layout.docroot)}`,
      '',
    ].join('\n');
    return { files: { 'h2o.conf': yaml }, args: ['-c', join(layout.dir, 'h2o.conf')] };
  },
};
