// What the core allocates per frame of an empty-frame flood (CVE-2019-9518):
// each such frame is legal alone and does no work, so it should cost next to
// nothing in memory either. Every byte allocated per frame is young-generation
// churn for V8, and a flood of them makes V8 scavenge often and grow its young
// generation, which shows as server RSS that stays after the attack. Measured
// with V8's sampling heap profiler, collected objects included, over frames
// fed synchronously (nothing else allocates meanwhile). The bound sits between
// what the core allocated when the frame splitter made three views per frame
// and an event per empty DATA (about 630 octets per empty DATA, 540 per empty
// CONTINUATION) and what it allocates now (about 160 each).
import { Session } from 'node:inspector/promises';
import t from 'tap';
import { encodeContinuation, encodeData } from '../../impl/http2/index.js';
import { Peer, request } from './frames.js';

/** Octets per frame above which the empty-frame path allocates too much. */
const MAX_BYTES_PER_FRAME = 400;
/** Frames per receive(): a flooder's 64 KiB read of 9-octet frames. */
const FRAMES_PER_READ = 7000;
const READS = 40;

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

const total = (n: ProfileNode): number => n.children.reduce((sum, c) => sum + total(c), n.selfSize);

/** Octets allocated per frame while `frame` is fed READS times FRAMES_PER_READ times to `p`. */
async function bytesPerFrame(p: Peer, frame: Uint8Array): Promise<number> {
  const read = Buffer.concat(Array.from({ length: FRAMES_PER_READ }, () => frame));
  const inspector = new Session();
  inspector.connect();
  try {
    await inspector.post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let i = 0; i < READS; i++) {
      p.conn.receive(read, 0);
      while (p.conn.hasBufferedInput) p.conn.receive(new Uint8Array(0), 0);
    }
    const { profile } = await inspector.post('HeapProfiler.stopSampling');
    return total(profile.head as ProfileNode) / (READS * FRAMES_PER_READ);
  } finally {
    inspector.disconnect();
  }
}

/** A connection whose flood budget never runs out, so every frame takes the path a flood's first thousand take. */
function floodable(): Peer {
  const p = new Peer({ maxWorklessFrames: Number.MAX_SAFE_INTEGER });
  p.handshake();
  return p;
}

t.test('an empty DATA frame on an open request allocates next to nothing', async (t) => {
  const p = floodable();
  p.send(p.headers(1, request('/', 'POST'), { endHeaders: true }));
  const bytes = await bytesPerFrame(p, encodeData(1, new Uint8Array(0), false));
  t.equal(p.conn.streamState(1), 'open', 'the stream is still open: every frame took the empty-DATA path');
  t.ok(bytes < MAX_BYTES_PER_FRAME, `${bytes.toFixed(0)} octets per empty DATA frame (bound ${MAX_BYTES_PER_FRAME})`);
});

t.test('an empty CONTINUATION frame of an open field block allocates next to nothing', async (t) => {
  const p = floodable();
  p.send(p.headers(1, request(), { endStream: true, endHeaders: false }));
  const bytes = await bytesPerFrame(p, encodeContinuation(1, new Uint8Array(0), false));
  t.notOk(p.conn.terminated, 'the block is still open: every frame took the empty-CONTINUATION path');
  t.ok(bytes < MAX_BYTES_PER_FRAME, `${bytes.toFixed(0)} octets per empty CONTINUATION frame (bound ${MAX_BYTES_PER_FRAME})`);
});
