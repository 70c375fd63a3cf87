// A throwaway self-signed certificate for loopback TLS: `h2harness serve
// --tls` without --cert/--key, the TLS h2spec runs, and nghttpd in the
// conformance wrapper (which needs files, hence writeSelfSigned).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface KeyAndCert {
  key: string;
  cert: string;
}

/** A fresh key pair and certificate for `commonName` (with localhost / 127.0.0.1 / ::1 as alternative names). */
export async function selfSignedCertificate(commonName = 'localhost', days = 7): Promise<KeyAndCert> {
  const notAfterDate = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  return { key: pems.private, cert: pems.cert };
}

/** Same, written to `key.pem` and `cert.pem` in a new temporary folder (for tools that read files). */
export async function writeSelfSigned(dir?: string): Promise<{ keyFile: string; certFile: string; dir: string }> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'h2harness-tls-')));
  const { key, cert } = await selfSignedCertificate();
  const keyFile = join(folder, 'key.pem');
  const certFile = join(folder, 'cert.pem');
  await writeFile(keyFile, key, { mode: 0o600 });
  await writeFile(certFile, cert);
  return { keyFile, certFile, dir: folder };
}

/** The name the peers use (nghttpd, node:http2): same as selfSignedCertificate(). */
export const makeSelfSigned = (): Promise<KeyAndCert> => selfSignedCertificate();
