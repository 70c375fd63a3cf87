// The native C libnghttp2 row: native/hpack-bench.c, compiled at bench time
// with the system C compiler against Debian's libnghttp2-dev, into a scratch
// directory. Missing either one makes the row "not run" with the command
// that installs it, as a missing tool does everywhere in the harness.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The C source, found from dist/bench/hpack/ (compiled) as from bench/hpack/. */
const SOURCE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bench/hpack/native/hpack-bench.c');
export const NATIVE_INSTALL = 'apt-get install gcc libnghttp2-dev';

export type NativeBuild = { ok: true; binary: string } | { ok: false; reason: string; install: string };

export function buildNativeBench(scratch: string): NativeBuild {
  const cc = process.env.CC ?? 'cc';
  const binary = join(scratch, 'hpack-bench');
  const r = spawnSync(cc, ['-O2', '-o', binary, SOURCE, '-lnghttp2'], { encoding: 'utf8' });
  if (r.error) return { ok: false, reason: `no C compiler (${cc}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, install: NATIVE_INSTALL };
  if (r.status !== 0) {
    const missingHeader = /nghttp2\/nghttp2\.h|-lnghttp2/.test(r.stderr);
    const why = missingHeader ? 'libnghttp2-dev is not installed (no nghttp2/nghttp2.h or libnghttp2.so to link)' : `${cc} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`;
    return { ok: false, reason: why, install: NATIVE_INSTALL };
  }
  return { ok: true, binary };
}
