// The memory of closed streams: exactly the streams closed among the
// `capacity` newest ids of their parity are remembered, each with how and
// when it last closed; older ones are forgotten. Checked against a plain model with
// fast-check (seed printed on failure), plus the cases the ring's growth and
// wrap-around make likely to break.
import t from 'tap';
import fc from 'fast-check';
import { ClosedStreams } from '../../impl/http2/closed-streams.js';
import type { ClosedReason } from '../../impl/http2/stream.js';
import { checkProperty } from '../hpack/helpers.js';

const REASONS: ClosedReason[] = ['ended', 'reset_by_peer', 'reset_by_us'];

interface Close {
  id: number;
  reason: ClosedReason;
  at: number;
}

/** The model: every close, the latest per id, and the highest id of each parity. */
function model(closes: Close[]): { last: Map<number, Close>; highest: [number, number] } {
  const last = new Map<number, Close>();
  const highest: [number, number] = [0, 0];
  for (const c of closes) {
    last.set(c.id, c);
    highest[c.id & 1] = Math.max(highest[c.id & 1], c.id);
  }
  return { last, highest };
}

/** Mostly increasing ids, as streams open (each parity on its own), with some closing late and some re-closed. */
const closes = (maxStep: number): fc.Arbitrary<Close[]> =>
  fc
    .array(
      fc.record({
        step: fc.integer({ min: 0, max: maxStep }),
        back: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 40 })),
        even: fc.boolean(),
        reason: fc.constantFrom(...REASONS),
      }),
      { maxLength: 300 },
    )
    .map((steps) => {
      const next = [2, 1];
      return steps.map((s, at) => {
        const parity = s.even ? 0 : 1;
        next[parity] += 2 * s.step;
        const id = Math.max(parity === 0 ? 2 : 1, next[parity]! - 2 * s.back);
        return { id, reason: s.reason, at };
      });
    });

t.test('remembers exactly the closes in the window, the latest of each id', async (t) => {
  for (const capacity of [1, 5, 16, 40, 100]) {
    checkProperty(
      t,
      `capacity ${capacity}`,
      fc.property(closes(3), (list) => {
        const closed = new ClosedStreams(capacity);
        for (const c of list) closed.add(c.id, c.reason, c.at);
        const { last, highest } = model(list);
        for (let id = 1; id <= Math.max(...highest) + 4; id++) {
          const want = last.get(id);
          const got = closed.reason(id);
          const inWindow = want !== undefined && (highest[id & 1] - id) / 2 < capacity;
          if (inWindow ? got !== want.reason || closed.closedAt(id) !== want.at : got !== null) return false;
        }
        return true;
      }),
    );
  }
});

t.test('grows to hold a full window of consecutive ids, then forgets the oldest as newer ones close', async (t) => {
  const closed = new ClosedStreams(10_000);
  // Past twice the ring's largest size (16 384 slots), so slots are reused.
  for (let id = 1; id < 2 * 40_000; id += 2) closed.add(id, 'ended', id);
  // The newest 10 000 odd ids: 60001 … 79999.
  let remembered = 0;
  for (let id = 1; id < 2 * 40_000; id += 2) if (closed.reason(id) === 'ended' && closed.closedAt(id) === id) remembered++;
  t.equal(remembered, 10_000);
  t.equal(closed.reason(79_999), 'ended');
  t.equal(closed.reason(60_001), 'ended');
  t.equal(closed.reason(59_999), null, 'the one before the window is forgotten');
  t.equal(closed.reason(1), null);
  t.equal(closed.reason(2), null, 'no even stream closed');
});

t.test('a stream closing long after newer ones is remembered while in the window, not once out of it', async (t) => {
  const closed = new ClosedStreams(4);
  for (const id of [3, 5, 7, 9]) closed.add(id, 'ended', 0);
  closed.add(1, 'reset_by_us', 7);
  t.equal(closed.reason(1), null, '1 is 5 ids below 9: out of a window of 4');
  closed.add(11, 'ended', 0);
  closed.add(5, 'reset_by_peer', 8);
  t.equal(closed.reason(5), 'reset_by_peer', 'a second close of the same id replaces the first');
  t.equal(closed.closedAt(5), 8);
  t.equal(closed.reason(3), null, '3 fell out of the window when 11 closed');
});

t.test('capacity 0 remembers nothing', async (t) => {
  const closed = new ClosedStreams(0);
  closed.add(1, 'ended', 0);
  t.equal(closed.reason(1), null);
});
