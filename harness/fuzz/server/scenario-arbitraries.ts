// fast-check generators of *almost valid* scenarios: a valid exchange (the
// handshake, requests with and without bodies, PINGs, window updates,
// priorities, cancels, unknown frames) with zero to two deviations mixed
// in, each breaking one rule of RFC 9113 the judge knows. The generated
// value is a plan of actions; streams are numbered when the plan becomes a
// scenario, so fast-check shrinks by dropping whole actions and the
// scenario stays meaningful while it shrinks.
import fc from 'fast-check';
import { requestFields, type Scenario, type ScenarioField, type Step } from '../../scenario/scenario.js';

const MAX_WINDOW = 2 ** 31 - 1;

export type Action =
  | { k: 'get'; path: string; extra: ScenarioField[] }
  | { k: 'post'; chunks: number[]; contentLength: 'none' | 'right' | 'wrong'; trailers: boolean; padded: boolean }
  | { k: 'open' }
  | { k: 'finish'; ref: number; length: number }
  | { k: 'ping'; opaque: string }
  | { k: 'window'; ref: number; increment: number; connection: boolean }
  | { k: 'priority'; ref: number; weight: number }
  | { k: 'cancel'; ref: number }
  | { k: 'settings'; pairs: Array<[number, number]> }
  | { k: 'wait' }
  | { k: 'unknown-frame'; type: number; flags: number; onStream: boolean }
  | { k: 'split-headers'; parts: number }
  | { k: 'deviation'; d: Deviation; ref: number; n: number };

export const DEVIATIONS = [
  'damaged-preface',
  'no-settings',
  'bad-setting',
  'window-change-overflow',
  'window-zero',
  'window-overflow',
  'connection-window-overflow',
  'continuation-other-stream',
  'unterminated-headers',
  'even-stream',
  'stream-id-decreased',
  'self-dependency',
  'malformed-request',
  'content-length-mismatch',
  'data-on-idle',
  'data-on-closed',
  'padding-too-long',
  'rst-on-idle',
  'rst-on-closed',
  'window-on-closed',
  'push-promise',
  'too-many-streams',
  'wrong-length',
  'wrong-stream',
  'continuation-alone',
  'trailers-without-end',
  'trailers-with-pseudo',
  'unsolicited-ping-ack',
  'headers-on-closed',
  'client-goaway',
] as const;
export type Deviation = (typeof DEVIATIONS)[number];

const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);
const token = fc.constantFrom('accept', 'user-agent', 'x-a', 'cache-control', 'cookie', 'x-trace-id');
const value = fc.constantFrom('*/*', 'h2harness', '1', 'no-cache', 'a=b', '');
const extraFields = fc.array(fc.tuple(token, value), { maxLength: 3 });

/**
 * The draw fc.record makes after an action's fields: whether the object gets
 * a null prototype. Each action below draws its fields in a tuple, in the
 * record's key order, then this boolean, and builds a plain object: the
 * random draws, so every seed's scenarios, are exactly those fc.record made
 * (fc.constant draws nothing). fc.record mapped every value through a
 * generic key loop, and half its objects had a null prototype, which V8
 * keeps as dictionaries, slow to read all the way through the fuzzer.
 */
const prototypeDraw = fc.boolean();

const validAction: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('/', '/', '/missing', '/?q=1'), extraFields, prototypeDraw).map(([path, extra]): Action => ({ k: 'get', path, extra })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('none' as const, 'right' as const),
        fc.boolean(),
        fc.boolean(),
        prototypeDraw,
      )
      .map(([chunks, contentLength, trailers, padded]): Action => ({ k: 'post', chunks, contentLength, trailers, padded })),
  },
  { weight: 2, arbitrary: prototypeDraw.map((): Action => ({ k: 'open' })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(7), fc.integer({ min: 0, max: 2000 }), prototypeDraw).map(([ref, length]): Action => ({ k: 'finish', ref, length })) },
  { weight: 2, arbitrary: fc.tuple(hex16, prototypeDraw).map(([opaque]): Action => ({ k: 'ping', opaque })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(7), fc.integer({ min: 1, max: 1 << 20 }), fc.boolean(), prototypeDraw)
      .map(([ref, increment, connection]): Action => ({ k: 'window', ref, increment, connection })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.nat(7), fc.integer({ min: 1, max: 256 }), prototypeDraw).map(([ref, weight]): Action => ({ k: 'priority', ref, weight })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(7), prototypeDraw).map(([ref]): Action => ({ k: 'cancel', ref })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, 4096, 65536).map((v): [number, number] => [1, v]),
            fc.constantFrom(0, 1).map((v): [number, number] => [2, v]),
            fc.constantFrom(0, 10, 100).map((v): [number, number] => [3, v]),
            fc.constantFrom(0, 1, 65535, 1 << 20).map((v): [number, number] => [4, v]),
            fc.constantFrom(16384, 65536, 16777215).map((v): [number, number] => [5, v]),
            fc.constantFrom(1024, 65536).map((v): [number, number] => [6, v]),
            fc.tuple(fc.integer({ min: 7, max: 0xffff }), fc.nat()),
          ),
          { maxLength: 3 },
        ),
        prototypeDraw,
      )
      .map(([pairs]): Action => ({ k: 'settings', pairs })),
  },
  { weight: 1, arbitrary: prototypeDraw.map((): Action => ({ k: 'wait' })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0x0a, max: 0xff }), fc.integer({ min: 0, max: 0xff }), fc.boolean(), prototypeDraw)
      .map(([type, flags, onStream]): Action => ({ k: 'unknown-frame', type, flags, onStream })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 4 }), prototypeDraw).map(([parts]): Action => ({ k: 'split-headers', parts })) },
);

const deviation: fc.Arbitrary<Action> = fc.tuple(fc.constantFrom(...DEVIATIONS), fc.nat(7), fc.nat(255), prototypeDraw).map(([d, ref, n]): Action => ({ k: 'deviation', d, ref, n }));

/** A plan: valid actions with up to two deviations among them. */
export const plan: fc.Arbitrary<Action[]> = fc
  .tuple(fc.array(validAction, { minLength: 0, maxLength: 8 }), fc.array(fc.tuple(deviation, fc.nat(8)), { maxLength: 2 }))
  .map(([valid, devs]) => {
    const out = [...valid];
    for (const [d, at] of devs) out.splice(Math.min(at, out.length), 0, d);
    return out;
  });

export const scenario: fc.Arbitrary<Scenario> = plan.map(planToScenario);

/** Streams as the plan unfolds, so that references (`ref`) always name something sensible. */
class Streams {
  next = 1;
  /** Opened without END_STREAM, not ended or reset since. */
  readonly open: number[] = [];
  /** Ended by the client (or reset): closed for its DATA. */
  readonly done: number[] = [];

  fresh(): number {
    const id = this.next;
    this.next += 2;
    return id;
  }
  pickOpen(ref: number): number | undefined {
    return this.open.length > 0 ? this.open[ref % this.open.length] : undefined;
  }
  pickDone(ref: number): number | undefined {
    return this.done.length > 0 ? this.done[ref % this.done.length] : undefined;
  }
  end(id: number): void {
    const i = this.open.indexOf(id);
    if (i >= 0) this.open.splice(i, 1);
    this.done.push(id);
  }
}

const REQUEST = requestFields('/');

export function planToScenario(actions: readonly Action[]): Scenario {
  const steps: Step[] = [{ op: 'preface' }, { op: 'settings', pairs: [] }, { op: 'settings-ack' }];
  const st = new Streams();
  for (const a of actions) {
    switch (a.k) {
      case 'get': {
        const id = st.fresh();
        steps.push({ op: 'headers', stream: id, fields: [...requestFields(a.path), ...a.extra], endStream: true });
        st.done.push(id);
        break;
      }
      case 'post': {
        const id = st.fresh();
        const total = a.chunks.reduce((x, y) => x + y, 0);
        const cl: ScenarioField[] = a.contentLength === 'none' ? [] : [['content-length', String(a.contentLength === 'right' ? total : total + 1)]];
        steps.push({ op: 'headers', stream: id, fields: [...requestFields('/', 'POST'), ...cl], endStream: false });
        a.chunks.forEach((length, i) => {
          const last = i === a.chunks.length - 1 && !a.trailers;
          steps.push({ op: 'data', stream: id, length, endStream: last, ...(a.padded ? { padLength: i * 7 } : {}) });
        });
        if (a.trailers) steps.push({ op: 'headers', stream: id, fields: [['x-checksum', 'abc']], endStream: true });
        st.done.push(id);
        break;
      }
      case 'open': {
        const id = st.fresh();
        steps.push({ op: 'headers', stream: id, fields: requestFields('/', 'POST'), endStream: false });
        st.open.push(id);
        break;
      }
      case 'finish': {
        const id = st.pickOpen(a.ref);
        if (id === undefined) break;
        steps.push({ op: 'data', stream: id, length: a.length, endStream: true });
        st.end(id);
        break;
      }
      case 'ping':
        steps.push({ op: 'ping', opaque: a.opaque });
        break;
      case 'window': {
        const id = a.connection ? 0 : st.pickOpen(a.ref);
        if (id === undefined) break;
        steps.push({ op: 'window-update', stream: id, increment: a.increment });
        break;
      }
      case 'priority': {
        const id = st.pickOpen(a.ref) ?? st.next;
        steps.push({ op: 'priority', stream: id, dependsOn: 0, weight: a.weight, exclusive: false });
        break;
      }
      case 'cancel': {
        const id = st.pickOpen(a.ref);
        if (id === undefined) break;
        steps.push({ op: 'rst', stream: id, code: 8 });
        st.end(id);
        break;
      }
      case 'settings':
        steps.push({ op: 'settings', pairs: a.pairs });
        break;
      case 'wait':
        steps.push({ op: 'wait' });
        break;
      case 'unknown-frame':
        steps.push({ op: 'raw', type: a.type, flags: a.flags, stream: a.onStream ? st.next : 0, payload: '00ff' });
        break;
      case 'split-headers': {
        const id = st.fresh();
        steps.push({ op: 'headers', stream: id, fields: [...REQUEST, ['x-padding', 'p'.repeat(40)]], endStream: true, parts: a.parts });
        st.done.push(id);
        break;
      }
      case 'deviation':
        deviate(steps, st, a);
        break;
    }
  }
  return { steps };
}

const MALFORMED: ReadonlyArray<(f: ScenarioField[]) => ScenarioField[]> = [
  (f) => f.filter(([n]) => n !== ':path'),
  (f) => f.filter(([n]) => n !== ':method'),
  (f) => f.filter(([n]) => n !== ':scheme'),
  (f) => f.map(([n, v]): ScenarioField => (n === ':path' ? [n, ''] : [n, v])),
  (f) => [...f, ['X-Upper', '1']],
  (f) => [...f, ['connection', 'keep-alive']],
  (f) => [...f, ['transfer-encoding', 'chunked']],
  (f) => [...f, ['te', 'gzip']],
  (f) => [['accept', '*/*'], ...f],
  (f) => [...f, [':unknown', 'x']],
  (f) => [...f, [':path', '/again']],
  (f) => [...f, ['x-bad', 'a\r\nb']],
  (f) => [...f, ['x-space', ' padded']],
];

function deviate(steps: Step[], st: Streams, a: Extract<Action, { k: 'deviation' }>): void {
  const push = (...s: Step[]): void => {
    steps.push(...s);
  };
  const openOne = (): number => {
    const id = st.pickOpen(a.ref);
    if (id !== undefined) return id;
    const fresh = st.fresh();
    push({ op: 'headers', stream: fresh, fields: requestFields('/', 'POST'), endStream: false });
    st.open.push(fresh);
    return fresh;
  };
  const doneOne = (): number => {
    const id = st.pickDone(a.ref);
    if (id !== undefined) return id;
    const fresh = st.fresh();
    push({ op: 'headers', stream: fresh, fields: REQUEST, endStream: true }, { op: 'wait' });
    st.done.push(fresh);
    return fresh;
  };
  switch (a.d) {
    case 'damaged-preface':
      steps[0] = { op: 'preface', damaged: true };
      return;
    case 'no-settings':
      if (steps[1]?.op === 'settings') steps.splice(1, 1);
      return;
    case 'bad-setting': {
      const bad: Array<[number, number]> = [[2, 2 + (a.n % 5)], [4, MAX_WINDOW + 1 + a.n], [5, a.n % 2 ? 16383 : 16777216]];
      push({ op: 'settings', pairs: [bad[a.ref % 3]!] });
      return;
    }
    case 'window-change-overflow': {
      const id = openOne();
      push({ op: 'window-update', stream: id, increment: MAX_WINDOW - 65535 }, { op: 'settings', pairs: [[4, 65536 + a.n]] });
      return;
    }
    case 'window-zero':
      push({ op: 'window-update', stream: a.ref % 2 ? openOne() : 0, increment: 0 });
      return;
    case 'window-overflow': {
      const id = openOne();
      push({ op: 'window-update', stream: id, increment: MAX_WINDOW - 65535 + 1 + a.n });
      return;
    }
    case 'connection-window-overflow':
      push({ op: 'window-update', stream: 0, increment: MAX_WINDOW - 65535 + 1 + a.n });
      return;
    case 'continuation-other-stream': {
      const id = st.fresh();
      push({ op: 'headers', stream: id, fields: REQUEST, endStream: true, parts: 2, continuationStream: id + 2 * (1 + (a.n % 2)) });
      return;
    }
    case 'unterminated-headers': {
      const id = st.fresh();
      push({ op: 'headers', stream: id, fields: REQUEST, endStream: true, unterminated: true }, { op: 'ping', opaque: '0102030405060708' });
      return;
    }
    case 'even-stream':
      push({ op: 'headers', stream: st.next + 1, fields: REQUEST, endStream: true });
      return;
    case 'stream-id-decreased': {
      const high = st.fresh();
      st.fresh();
      push({ op: 'headers', stream: high + 2, fields: REQUEST, endStream: true }, { op: 'headers', stream: high, fields: REQUEST, endStream: true });
      st.done.push(high + 2);
      return;
    }
    case 'self-dependency': {
      const id = openOne();
      push({ op: 'priority', stream: id, dependsOn: id, weight: 16, exclusive: false });
      return;
    }
    case 'malformed-request': {
      const id = st.fresh();
      push({ op: 'headers', stream: id, fields: MALFORMED[a.n % MALFORMED.length]!(requestFields('/')), endStream: true });
      st.done.push(id);
      return;
    }
    case 'content-length-mismatch': {
      const id = st.fresh();
      const length = a.n * 3;
      push({ op: 'headers', stream: id, fields: [...requestFields('/', 'POST'), ['content-length', String(length + 1 + (a.ref % 3))]], endStream: false });
      push({ op: 'data', stream: id, length, endStream: true });
      st.done.push(id);
      return;
    }
    case 'data-on-idle':
      push({ op: 'data', stream: st.next + 2 * (a.ref % 3), length: a.n, endStream: false });
      return;
    case 'data-on-closed':
      push({ op: 'data', stream: doneOne(), length: a.n % 64, endStream: a.ref % 2 === 0 });
      return;
    case 'padding-too-long': {
      const id = openOne();
      const length = a.n % 32;
      const pad = a.ref % 4;
      push({ op: 'data', stream: id, length, endStream: false, padLength: pad, padClaim: 1 + length + pad + (a.n % 3) });
      return;
    }
    case 'rst-on-idle':
      push({ op: 'rst', stream: st.next + 2 * (a.ref % 3), code: a.n % 14 });
      return;
    case 'rst-on-closed':
      push({ op: 'rst', stream: doneOne(), code: 8 });
      return;
    case 'window-on-closed':
      push({ op: 'window-update', stream: doneOne(), increment: 1 + a.n });
      return;
    case 'push-promise':
      push({ op: 'push-promise', stream: openOne(), promised: 2 * (1 + (a.n % 4)), fields: REQUEST });
      return;
    case 'too-many-streams':
      for (let i = 0; i < 3 + (a.n % 4); i++) {
        const id = st.fresh();
        push({ op: 'headers', stream: id, fields: requestFields('/', 'POST'), endStream: false });
        st.open.push(id);
      }
      return;
    case 'wrong-length': {
      const kind = a.n % 6;
      const open = kind === 5 ? openOne() : 0;
      const frames: Step[] = [
        { op: 'raw', type: 0x6, flags: 0, stream: 0, payload: '00'.repeat(7 + 2 * (a.ref % 2)) },
        { op: 'raw', type: 0x3, flags: 0, stream: st.pickOpen(a.ref) ?? doneOne(), payload: '00'.repeat(a.ref % 2 ? 3 : 5) },
        { op: 'raw', type: 0x8, flags: 0, stream: 0, payload: '00'.repeat(a.ref % 2 ? 3 : 5) },
        { op: 'raw', type: 0x4, flags: 0, stream: 0, payload: '00'.repeat(5 + (a.ref % 2) * 2) },
        { op: 'raw', type: 0x4, flags: 1, stream: 0, payload: '000400000000' },
        { op: 'raw', type: 0x2, flags: 0, stream: open, payload: '00'.repeat(a.ref % 2 ? 4 : 6) },
      ];
      push(frames[kind]!);
      return;
    }
    case 'wrong-stream': {
      const frames: Step[] = [
        { op: 'raw', type: 0x6, flags: 0, stream: 1 + 2 * (a.ref % 3), payload: '00'.repeat(8) },
        { op: 'raw', type: 0x4, flags: 0, stream: 1, payload: '' },
        { op: 'raw', type: 0x0, flags: 0, stream: 0, payload: '0000' },
        { op: 'raw', type: 0x3, flags: 0, stream: 0, payload: '00000008' },
        { op: 'raw', type: 0x2, flags: 0, stream: 0, payload: '0000000010' },
        { op: 'raw', type: 0x6, flags: 0xf6, stream: 0, payload: '0102030405060708', reservedBit: true },
      ];
      push(frames[a.n % frames.length]!);
      return;
    }
    case 'continuation-alone':
      push({ op: 'raw', type: 0x9, flags: 4, stream: st.pickOpen(a.ref) ?? st.next, payload: '82' });
      return;
    case 'trailers-without-end': {
      const id = openOne();
      push({ op: 'headers', stream: id, fields: [['x-t', '1']], endStream: false });
      return;
    }
    case 'trailers-with-pseudo': {
      const id = openOne();
      push({ op: 'headers', stream: id, fields: [[':path', '/'], ['x-t', '1']], endStream: true });
      st.end(id);
      return;
    }
    case 'unsolicited-ping-ack':
      push({ op: 'ping', opaque: '00000000000000ff', ack: true });
      return;
    case 'headers-on-closed':
      push({ op: 'headers', stream: doneOne(), fields: [['x-t', '1']], endStream: true });
      return;
    case 'client-goaway':
      push({ op: 'goaway', lastStreamId: 0, code: a.n % 14 });
      return;
  }
}
