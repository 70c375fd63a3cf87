// After a burst of connection closes HTTP2Server gives the heap's free pages
// back (glibc malloc_trim). The trigger runs here on a hand-driven clock and
// timer, so each case says exactly when the trimmer runs; the binding is
// checked to give memory back where glibc is, and to be a silent no-op
// wherever it cannot be had.
import t from 'tap';
import { HTTP2Server } from '../../impl/server/index.js';
import { memoryTrimmer } from '../../impl/server/memory-trim.js';
import { TrimAfterCloses, type TrimAfterClosesOptions } from '../../impl/server/trim-after-closes.js';
import { releaseHeap } from '../../harness/attack/heap-release.js';
import { ReferenceHandler } from '../../harness/peers/reference-server.js';
import { closeSession, connect, fetch, start } from './helpers.js';

/** A clock and timers that move only when the test says so. */
class ManualTime {
  now = 0;
  #timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  setTimer = (fn: () => void, ms: number): { clear(): void } => {
    const timer = { at: this.now + ms, fn, live: true };
    this.#timers.push(timer);
    return { clear: () => (timer.live = false) };
  };
  get pending(): number {
    return this.#timers.filter((x) => x.live).length;
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.#timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      next.live = false;
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}

function trigger(threshold: number, extra: Partial<TrimAfterClosesOptions> = {}): { time: ManualTime; calls: number[]; trim: TrimAfterCloses } {
  const time = new ManualTime();
  const calls: number[] = [];
  const trim = new TrimAfterCloses({ threshold, quietMs: 500, minIntervalMs: 5000, trim: () => calls.push(time.now), now: () => time.now, setTimer: time.setTimer, ...extra });
  return { time, calls, trim };
}

function closes(trim: TrimAfterCloses, n: number): void {
  for (let i = 0; i < n; i++) trim.onClose();
}

t.test('fewer closes than the threshold never trim and set no timer', async (t) => {
  const { time, calls, trim } = trigger(64);
  closes(trim, 63);
  t.equal(time.pending, 0, 'below the threshold a close only counts');
  time.advance(60_000);
  t.same(calls, []);
  trim.onClose();
  time.advance(1000);
  t.equal(calls.length, 1, 'the 64th close leads to a trim');
});

t.test('a burst of closes trims once, 500 to 1000 ms after the last close', async (t) => {
  const { time, calls, trim } = trigger(4);
  closes(trim, 4);
  time.advance(300);
  closes(trim, 3); // still closing: not yet
  time.advance(200);
  t.same(calls, [], 'a close inside the quiet period postpones the trim');
  time.advance(499);
  t.same(calls, [], 'quiet for less than 500 ms since the last close');
  time.advance(1);
  t.same(calls, [1000], 'trimmed once quiet');
  t.equal(time.pending, 0, 'no timer is left once trimmed');
  time.advance(60_000);
  t.same(calls, [1000], 'and only once');
});

t.test('the count starts again after a trim', async (t) => {
  const { time, calls, trim } = trigger(4);
  closes(trim, 4);
  time.advance(10_000);
  closes(trim, 3);
  time.advance(10_000);
  t.equal(calls.length, 1, '3 closes after a trim are below the threshold');
  trim.onClose();
  time.advance(500);
  t.same(calls, [500, 20_500]);
});

t.test('two bursts close together trim at most once per minIntervalMs', async (t) => {
  const { time, calls, trim } = trigger(2);
  closes(trim, 2);
  time.advance(500);
  t.same(calls, [500]);
  closes(trim, 2); // at 500
  time.advance(1000);
  t.same(calls, [500], 'the second burst waits for the interval');
  time.advance(3999);
  t.same(calls, [500], '1 ms before the interval ends (5 s after the first trim)');
  time.advance(1);
  t.same(calls, [500, 5500], 'trimmed as soon as the interval allows');
});

t.test('closes that never pause never trim; the pause that ends them does', async (t) => {
  const { time, calls, trim } = trigger(2);
  for (let i = 0; i < 100; i++) {
    trim.onClose();
    time.advance(400);
  }
  t.same(calls, [], 'a close every 400 ms keeps postponing');
  time.advance(600);
  t.equal(calls.length, 1);
});

t.test('threshold 0 is off; stop() cancels a pending trim; a bad threshold is refused', async (t) => {
  const off = trigger(0);
  closes(off.trim, 1000);
  off.time.advance(60_000);
  t.same(off.calls, [], '0: never');
  t.equal(off.time.pending, 0);
  const stopped = trigger(2);
  closes(stopped.trim, 2);
  stopped.trim.stop();
  closes(stopped.trim, 5);
  stopped.time.advance(60_000);
  t.same(stopped.calls, [], 'no trim after stop()');
  for (const bad of [-1, 1.5, Number.NaN]) {
    t.throws(() => new TrimAfterCloses({ threshold: bad, trim: () => {} }), { code: 'ERR_INVALID_ARGUMENT' }, `threshold ${bad}`);
  }
});

t.test('the trimmer is a no-op wherever malloc_trim cannot be bound, and never throws', async (t) => {
  let binds = 0;
  const elsewhere = memoryTrimmer({ platform: 'darwin', bind: async () => (binds++, () => 1) });
  await elsewhere();
  await elsewhere();
  t.equal(binds, 0, 'off Linux the binding is not even tried');
  const noKoffi = memoryTrimmer({
    platform: 'linux',
    bind: async () => {
      binds++;
      throw new Error("Cannot find module 'koffi'");
    },
  });
  await noKoffi();
  await noKoffi();
  t.equal(binds, 1, 'a failed binding is tried once, then the trimmer does nothing');
  let calls = 0;
  const failing = memoryTrimmer({
    platform: 'linux',
    bind: async () => () => {
      calls++;
      throw new Error('the call failed');
    },
  });
  await failing();
  await failing();
  t.equal(calls, 1, 'a call that throws is not made again');
  const pads: number[] = [];
  await memoryTrimmer({ platform: 'linux', bind: async () => (pad) => (pads.push(pad), 1) })();
  t.same(pads, [0], 'malloc_trim(0): keep no padding at the top');
});

const glibc = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime;

t.test('on glibc the trimmer gives freed interior heap pages back to the OS', { skip: glibc === undefined ? 'not glibc: the trimmer is a no-op here' : false }, async (t) => {
  const trim = memoryTrimmer();
  await trim(); // binds koffi now, so its own allocations are not in the figures
  // 20 MB of 64 KiB blocks (the size of Node's socket reads), every other one freed:
  // the free half is in the middle of the arena, where glibc keeps it.
  let blocks: Buffer[] | null = [];
  for (let i = 0; i < 320; i++) blocks.push(Buffer.allocUnsafeSlow(64 * 1024).fill(1));
  const kept = blocks.filter((_, i) => i % 2 === 0);
  blocks = null;
  if ((await releaseHeap()) === 'none') {
    t.plan(0, 'skipped: no way to collect the freed blocks now (no inspector, no --expose-gc)');
    return;
  }
  const before = process.memoryUsage.rss();
  await trim();
  const given = (before - process.memoryUsage.rss()) / 2 ** 20;
  t.ok(given >= 5, `RSS fell by ${given.toFixed(1)} MB of the 10 MB freed (kept ${kept.length} blocks)`);
});

t.test('HTTP2Server with trimAfterCloses keeps serving across bursts of closes; a bad value fails at construction', async (t) => {
  const r = await start(ReferenceHandler, { trimAfterCloses: 2 });
  for (let burst = 0; burst < 2; burst++) {
    for (let i = 0; i < 3; i++) {
      const s = connect(r.url);
      t.equal((await fetch(s, '/')).status, 200);
      await closeSession(s);
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  const s = connect(r.url);
  t.equal((await fetch(s, '/')).status, 200, 'answered after the trims');
  await closeSession(s);
  await r.server.close();
  t.throws(() => new HTTP2Server(['127.0.0.1', 0], ReferenceHandler, { trimAfterCloses: -1 }), { code: 'ERR_INVALID_ARGUMENT' });
});
