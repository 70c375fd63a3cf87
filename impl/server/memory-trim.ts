// Giving freed heap memory back to the OS, as HAProxy does when it releases
// its pools (it calls glibc's malloc_trim(0) there).
//
// Node's socket reads land in ~64 KiB buffers from malloc. A flood of
// connections grows glibc's main arena by megabytes; once they close, the
// buffers are free again but scattered inside the arena, not at its top, so
// glibc keeps them (it only shrinks an arena from the top): measured after
// CVE-2024-27316-continuation-flood on our server, the arena held 12.7 to
// 16.5 MB free of 16-20 MB, and RSS stayed 6 to 12 MB above its start with
// V8's heap back where it was. malloc_trim(0) walks the arena and madvises
// the free interior pages away, so RSS falls back to what is in use; the
// arena's address space stays, and a page touched again is faulted back in.
//
// What it costs: one call walks the arena and madvises what it gives back,
// on the event loop. Measured: 1.3-1.5 ms on a 20 MB heap of 64 KiB blocks
// with every other one free (RSS fell 10 MB), 0.25 ms on the same heap again
// at rest, 0.4-1.3 ms on our server right after continuation-flood over h2c
// and up to 29 ms after one over TLS (a bigger, more scattered heap; a
// shared 2-core machine). So trim-after-closes.ts calls it only once a burst
// of connection closes has settled, at most every few seconds, never per
// request.
//
// It gives back only what is free when it runs: a buffer V8 has not yet
// collected (its Buffer died with the connection, no collection since) is
// freed later, and its pages then stay with glibc until the next trim.
//
// Only glibc has malloc_trim. koffi (a dependency, but a native add-on that
// may be missing for a platform) is loaded on the first call, not on import,
// with a dynamic import (so the CommonJS build of this file works as well),
// and anything that fails (no koffi, no libc.so.6, no such symbol: musl,
// macOS, Windows) leaves a no-op: trimming is an economy, never a reason for
// a server to fail.

/**
 * Gives free heap pages back to the OS where the C library can; otherwise
 * does nothing. Resolves once done; never rejects.
 */
export type MemoryTrimmer = () => Promise<void>;

/** How the binding is found; a test passes its own to see the fallbacks. */
export interface TrimBinding {
  platform: NodeJS.Platform;
  /** Resolves to libc's `int malloc_trim(size_t pad)`; may reject. */
  bind: () => Promise<(pad: number) => number>;
}

const koffiBinding: TrimBinding = {
  platform: process.platform,
  bind: async () => {
    const koffi = (await import('koffi')).default;
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
  },
};

/** A trimmer that binds malloc_trim on its first call (a no-op where it cannot). */
export function memoryTrimmer(binding: TrimBinding = koffiBinding): MemoryTrimmer {
  let trim: Promise<((pad: number) => number) | null> | undefined;
  return async () => {
    trim ??= bindOrNull(binding);
    const f = await trim;
    if (f === null) return;
    try {
      f(0);
    } catch {
      trim = Promise.resolve(null);
    }
  };
}

async function bindOrNull(binding: TrimBinding): Promise<((pad: number) => number) | null> {
  if (binding.platform !== 'linux') return null;
  try {
    return await binding.bind();
  } catch {
    return null;
  }
}
