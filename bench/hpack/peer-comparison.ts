// HPACK encode and decode throughput of every peer, each called through its
// own API in a process of its own, on the same stories: ours, hpack.js,
// libnghttp2 through koffi, and native C libnghttp2 (the ceiling). Outputs
// are verified after timing: every peer's blocks must decode (in libnghttp2)
// to the input, and its decoding of nghttp2's blocks must be the stories'
// header lists. Rates are medians; ratios are to native C, in the same run.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeOutput, encodeInput, fieldCount, type BenchInput, type BlockStories, type FieldStories, type PeerOutput } from './bench-input.js';
import { buildNativeBench } from './native-bench.js';
import { OWN_API_PEERS } from './own-api-codecs.js';
import { Nghttp2Inflater } from '../../harness/peers/nghttp2-hpack.js';

export interface PeerRow {
  peer: string;
  /** Medians, or null when the peer could not run. */
  encodeFieldsPerSecond: number | null;
  decodeFieldsPerSecond: number | null;
  encodeVsNative: number | null;
  decodeVsNative: number | null;
  encodedBytes: number | null;
  /** Its blocks are byte for byte native libnghttp2's. */
  sameBytesAsNative: boolean | null;
  verified: string;
  notRun?: { reason: string; install: string };
}

export interface PeerComparison {
  encodeFields: number;
  decodeFields: number;
  stories: { encode: number; decode: number };
  warmups: number;
  repetitions: number;
  /** libnghttp2's version as the native program reports it, when it ran. */
  nativeVersion: string | null;
  rows: PeerRow[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const PEER_PROCESS = fileURLToPath(new URL('./peer-process.js', import.meta.url));

interface RawResult {
  encodeFieldsPerSecond: number[];
  decodeFieldsPerSecond: number[];
  encodedBytes: number;
  version?: string;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function fieldsEqual(a: FieldStories, b: FieldStories): boolean {
  return a.length === b.length && a.every((s, i) => s.length === b[i]!.length && s.every((l, j) => l.length === b[i]![j]!.length && l.every(([n, v], k) => bytesEqual(n, b[i]![j]![k]![0]) && bytesEqual(v, b[i]![j]![k]![1]))));
}

/** Decodes blocks with libnghttp2 (the reference), a fresh inflater per story. */
function referenceDecode(blocks: BlockStories): FieldStories {
  return blocks.map((story) => {
    const i = new Nghttp2Inflater();
    try {
      return story.map((b) => i.inflate(b));
    } finally {
      i.destroy();
    }
  });
}

function verify(input: BenchInput, out: PeerOutput): string {
  const problems: string[] = [];
  let roundTrip: FieldStories | undefined;
  try {
    roundTrip = referenceDecode(out.encoded);
  } catch (err) {
    problems.push(`libnghttp2 rejects its blocks (${(err as Error).message})`);
  }
  if (roundTrip && !fieldsEqual(roundTrip, input.encode)) problems.push('its blocks do not decode to the input');
  if (!fieldsEqual(out.decoded, input.decodeExpected)) problems.push("it decodes nghttp2's blocks wrong");
  return problems.length === 0 ? 'ok' : problems.join('; ');
}

function run(command: string, args: string[], label: string): RawResult {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${label} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${r.stderr.trim().slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as RawResult;
}

export function comparePeers(input: BenchInput, scratch: string, warmups: number, repetitions: number, log: (line: string) => void): PeerComparison {
  const inputFile = join(scratch, 'input.bin');
  writeFileSync(inputFile, encodeInput(input));
  const results: Array<{ peer: string; raw?: RawResult; output?: PeerOutput; notRun?: { reason: string; install: string } }> = [];
  const native = buildNativeBench(scratch);
  if (native.ok) {
    log('bench hpack (own APIs): native C libnghttp2…');
    const outputFile = join(scratch, 'native.out');
    const raw = run(native.binary, [inputFile, outputFile, String(warmups), String(repetitions)], 'native C libnghttp2');
    results.push({ peer: 'native C libnghttp2', raw, output: decodeOutput(readFileSync(outputFile)) });
  } else {
    log(`bench hpack (own APIs): native C libnghttp2 not run: ${native.reason} (${native.install})`);
    results.push({ peer: 'native C libnghttp2', notRun: { reason: native.reason, install: native.install } });
  }
  for (const peer of OWN_API_PEERS) {
    log(`bench hpack (own APIs): ${peer}…`);
    const outputFile = join(scratch, `${peer}.out`);
    const raw = run(process.execPath, [PEER_PROCESS, peer, inputFile, outputFile, String(warmups), String(repetitions)], peer);
    results.push({ peer, raw, output: decodeOutput(readFileSync(outputFile)) });
  }
  const nativeResult = results[0]!;
  const nativeEncode = nativeResult.raw ? median(nativeResult.raw.encodeFieldsPerSecond) : null;
  const nativeDecode = nativeResult.raw ? median(nativeResult.raw.decodeFieldsPerSecond) : null;
  const rows = results.map((r): PeerRow => {
    if (!r.raw || !r.output) {
      return { peer: r.peer, encodeFieldsPerSecond: null, decodeFieldsPerSecond: null, encodeVsNative: null, decodeVsNative: null, encodedBytes: null, sameBytesAsNative: null, verified: 'not run', ...(r.notRun ? { notRun: r.notRun } : {}) };
    }
    const enc = median(r.raw.encodeFieldsPerSecond);
    const dec = median(r.raw.decodeFieldsPerSecond);
    const nativeBlocks = nativeResult.output?.encoded;
    return {
      peer: r.peer,
      encodeFieldsPerSecond: Math.round(enc),
      decodeFieldsPerSecond: Math.round(dec),
      encodeVsNative: nativeEncode === null ? null : +(enc / nativeEncode).toFixed(3),
      decodeVsNative: nativeDecode === null ? null : +(dec / nativeDecode).toFixed(3),
      encodedBytes: r.raw.encodedBytes,
      sameBytesAsNative: nativeBlocks ? nativeBlocks.every((s, i) => s.every((b, j) => bytesEqual(b, r.output!.encoded[i]![j]!))) : null,
      verified: verify(input, r.output),
    };
  });
  return { encodeFields: fieldCount(input.encode), decodeFields: fieldCount(input.decodeExpected), stories: { encode: input.encode.length, decode: input.decode.length }, warmups, repetitions, nativeVersion: nativeResult.raw?.version ?? null, rows };
}
