// One implementation, timed in a worker of its own so that its JIT state and
// heap do not touch the others'. Inputs: the stories' header lists (encode)
// and libnghttp2's encoding of them (decode: every decoder reads the same bytes).
import { parentPort, workerData } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isDeepStrictEqual } from 'node:util';
import { loadImplementation, type BenchedName } from './codecs.js';
import type { HpackImplementation } from '../../harness/peers/hpack-implementation.js';

type StringHeaderList = Array<[string, string]>;

export interface WorkerInput {
  impl: BenchedName;
  stories: StringHeaderList[][];
  referenceBlocks: Uint8Array[][];
  warmups: number;
  repetitions: number;
}

export interface WorkerResult {
  impl: BenchedName;
  fields: number;
  encodeFieldsPerSecond: number[];
  decodeFieldsPerSecond: number[];
  encodedBytes: number;
  retainedBytesPerPair: number | null;
  verified: { encode: boolean; decode: boolean; detail: string };
}

const input = workerData as WorkerInput;
const impl = await loadImplementation(input.impl);
const fields = input.stories.reduce((n, s) => n + s.reduce((m, b) => m + b.length, 0), 0);

function encodeAll(): Uint8Array[][] {
  return input.stories.map((story) => {
    const d = impl.createDeflater(4096);
    const out = story.map((block) => d.deflate(block));
    impl.release?.(d);
    return out;
  });
}

function decodeAll(blocks: Uint8Array[][]): Array<Array<[Uint8Array, Uint8Array]>>[] {
  return blocks.map((story) => {
    const i = impl.createInflater();
    const out = story.map((block) => i.inflate(block));
    impl.release?.(i);
    return out;
  });
}

function timed(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return fields / (Number(process.hrtime.bigint() - start) / 1e9);
}

const encodeRates: number[] = [];
const decodeRates: number[] = [];
for (let r = 0; r < input.warmups + input.repetitions; r++) {
  const e = timed(encodeAll);
  const d = timed(() => decodeAll(input.referenceBlocks));
  if (r >= input.warmups) {
    encodeRates.push(e);
    decodeRates.push(d);
  }
}

// Verified after timing, so checks cost the timings nothing.
const text = new TextDecoder();
const asStrings = (story: Array<Array<[Uint8Array, Uint8Array]>>): StringHeaderList[] =>
  story.map((b) => b.map(([n, v]) => [text.decode(n), text.decode(v)] as [string, string]));
const encoded = encodeAll();
const roundTrip = decodeAll(encoded).map(asStrings);
const decoded = decodeAll(input.referenceBlocks).map(asStrings);
const encodeOk = isDeepStrictEqual(roundTrip, input.stories);
const decodeOk = isDeepStrictEqual(decoded, input.stories);

parentPort!.postMessage({
  impl: input.impl,
  fields,
  encodeFieldsPerSecond: encodeRates,
  decodeFieldsPerSecond: decodeRates,
  encodedBytes: encoded.reduce((n, s) => n + s.reduce((m, b) => m + b.byteLength, 0), 0),
  retainedBytesPerPair: retainedPerPair(impl),
  verified: {
    encode: encodeOk,
    decode: decodeOk,
    detail: encodeOk && decodeOk ? 'ok' : `${encodeOk ? '' : 'own blocks do not round-trip; '}${decodeOk ? '' : 'reference blocks decode wrong'}`,
  },
} satisfies WorkerResult);

/**
 * JS heap kept alive by one deflater+inflater pair after the longest story at
 * table size 4096 (the table itself accounts for at most 4096 bytes).
 * Native implementations keep their tables outside the JS heap: null.
 */
function retainedPerPair(codec: HpackImplementation): number | null {
  if (codec.release) return null;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const story = input.stories.reduce((a, b) => (b.length > a.length ? b : a));
  const pairs: unknown[] = [];
  const count = 200;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let n = 0; n < count; n++) {
    const d = codec.createDeflater(4096);
    const i = codec.createInflater();
    for (const block of story) i.inflate(d.deflate(block));
    pairs.push([d, i]);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  return pairs.length ? Math.round((after - before) / count) : null;
}
