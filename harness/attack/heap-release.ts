// The collection a server's memory is read after (target-main.ts, on SIGUSR2):
// one in which V8 gives back all it can, as it does under memory pressure,
// so that RSS "before" and "after" an attack both count what is live and
// what the allocator kept, and not how big V8 chose to keep its heap.
//
// A plain `gc()` frees dead objects but leaves V8's heap at the size V8
// picked for the recent allocation rate: measured on ref (h2c) after
// CVE-2019-9517-zero-window (little allocation for 8 s) V8 had shrunk its
// young generation from 32 to 1 MB, and CVE-2019-9511-data-dribble (a flood)
// grew it back to 16 MB; heapUsed stayed at 9.8-10.1 MB, ArrayBuffers at
// 0.3 MB and the malloc heap ([heap] in smaps) at 6.1-6.2 MB, yet RSS read
// 13-15 MB above "before". The pages such a collection gives back are also
// unmapped on a background thread, so RSS read right after it could still
// count them (30 MB more, 20 ms earlier, in the same measurement).
//
// The inspector's HeapProfiler.collectGarbage is V8's low-memory
// notification: a full collection that shrinks the young generation and
// frees the old generation's empty pages, unmapped before it returns (RSS
// read right after it equals RSS read 200 ms later; after `gc()` it fell by
// 47 MB in those 200 ms).
// Where the inspector is missing (a Node built without it), `gc()` from
// --expose-gc is the fallback.
import { Session } from 'node:inspector/promises';

export type HeapRelease = 'low-memory' | 'gc' | 'none';

let session: Session | null | undefined;

/** Runs the collection; says which one ran ('none': neither the inspector nor --expose-gc is there). */
export async function releaseHeap(): Promise<HeapRelease> {
  if (session === undefined) session = connect();
  if (session !== null) {
    await session.post('HeapProfiler.collectGarbage');
    return 'low-memory';
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return 'none';
  gc();
  return 'gc';
}

function connect(): Session | null {
  try {
    const s = new Session();
    s.connect();
    return s;
  } catch {
    return null;
  }
}
