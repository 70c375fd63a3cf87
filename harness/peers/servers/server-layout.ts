// The working folder of a real server target: a document root with the
// routes every target serves as files (`/` = ROOT_BODY, `/push` page, the
// stylesheet it pushes), the project's self-signed certificate as files, and
// room for the server's own config, logs, pid and temp files, so nothing it
// writes lands in /etc or /var. Servers that drop privileges (apache, h2o,
// nginx's workers) read the document root as an unprivileged user: every
// folder and file here is world-readable except the key.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSelfSigned } from '../../tls/self-signed.js';
import { PUSH_HTML, ROOT_BODY, STYLE_CSS } from '../peer-routes.js';

export interface ServerLayout {
  /** The folder holding everything below; removed when the server stops. */
  dir: string;
  docroot: string;
  /** `index.html` (ROOT_BODY), `push.html` (PUSH_HTML) and `style.css` in docroot. */
  files: { index: string; push: string; style: string };
  certFile: string;
  keyFile: string;
  /** Certificate and key in one PEM (HAProxy's `crt`). */
  pemFile: string;
  remove(): Promise<void>;
}

export async function makeServerLayout(name: string): Promise<ServerLayout> {
  const dir = await mkdtemp(join(tmpdir(), `h2harness-${name}-`));
  await chmod(dir, 0o755);
  const docroot = join(dir, 'docroot');
  await mkdir(docroot, { mode: 0o755 });
  const files = { index: join(docroot, 'index.html'), push: join(docroot, 'push.html'), style: join(docroot, 'style.css') };
  await writeFile(files.index, ROOT_BODY, { mode: 0o644 });
  await writeFile(files.push, PUSH_HTML, { mode: 0o644 });
  await writeFile(files.style, STYLE_CSS, { mode: 0o644 });
  const tlsDir = join(dir, 'tls');
  await mkdir(tlsDir, { mode: 0o700 });
  const { certFile, keyFile } = await writeSelfSigned(tlsDir);
  const pemFile = join(tlsDir, 'cert-and-key.pem');
  // The certificate PEM may end without a newline; one between keeps both blocks parseable.
  const pem = [await readFile(certFile, 'utf8'), await readFile(keyFile, 'utf8')].map((p) => p.trimEnd()).join('\n');
  await writeFile(pemFile, `${pem}\n`, { mode: 0o600 });
  return { dir, docroot, files, certFile, keyFile, pemFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
