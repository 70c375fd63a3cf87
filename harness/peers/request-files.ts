// Process clients read request bodies from files and write responses to
// files; this gives each request its own temp folder, removed afterwards.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withRequestDir<T>(prefix: string, body: Uint8Array | undefined, use: (dir: string, bodyFile: string | undefined) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `h2harness-${prefix}-`));
  try {
    let bodyFile: string | undefined;
    if (body !== undefined) {
      bodyFile = join(dir, 'request-body');
      await writeFile(bodyFile, body);
    }
    return await use(dir, bodyFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Client processes get this long per request: 8 MiB both ways on a busy 2-core box fits easily. */
export const CLIENT_TIMEOUT_MS = 60_000;
