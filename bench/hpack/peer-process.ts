// One JavaScript HPACK peer timed in a process of its own (its JIT state,
// heap and GC touch no other peer's), called through its own API:
//   node peer-process.js PEER INPUT OUTPUT WARMUPS REPETITIONS
// prints {"encodeFieldsPerSecond":[…],"decodeFieldsPerSecond":[…],"encodedBytes":N}
// and writes its outputs to OUTPUT after timing (bench-input.ts), as the
// native C program does, for the parent to verify.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeInput, encodeOutput, fieldCount, type FieldStories } from './bench-input.js';
import { loadOwnApiCodec, OWN_API_PEERS, type OwnApiPeer } from './own-api-codecs.js';

const [peer, inputFile, outputFile, warmups, repetitions] = process.argv.slice(2);
if (!OWN_API_PEERS.includes(peer as OwnApiPeer) || !inputFile || !outputFile) {
  console.error(`usage: peer-process.js ${OWN_API_PEERS.join('|')} INPUT OUTPUT WARMUPS REPETITIONS`);
  process.exit(2);
}
const input = decodeInput(readFileSync(inputFile));
const codec = await loadOwnApiCodec(peer as OwnApiPeer);
const { lists, blocks } = codec.prepare(input.encode, input.decode);
const encodeFields = fieldCount(input.encode);
const decodeFields = countDecodedFields();

/** Fields in the decode set, counted on an untimed run (the input carries blocks only). */
function countDecodedFields(): number {
  let n = 0;
  codec.decodeAll(blocks, (_, list: unknown[]) => (n += list.length));
  return n;
}

// The timed runs keep only a running total, so no output outlives its block.
let sink = 0;
// CPU time of the process (its GC and compiler threads included: they are
// the peer's cost too), as the native C program measures its own: wall time
// on a shared machine also counted other processes' turns on the cores, and
// moved a peer's rate by more than the differences it was to show.
const seconds = (work: () => void): number => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const encodeSeconds: number[] = [];
const decodeSeconds: number[] = [];
for (let r = 0; r < Number(warmups) + Number(repetitions); r++) {
  const e = seconds(() => codec.encodeAll(lists, (_, block) => (sink += block.length)));
  const d = seconds(() => codec.decodeAll(blocks, (_, list: unknown[]) => (sink += list.length)));
  if (r >= Number(warmups)) {
    encodeSeconds.push(e);
    decodeSeconds.push(d);
  }
}

// Outputs, after timing: what the parent verifies.
const encoded: Uint8Array[][] = input.encode.map(() => []);
codec.encodeAll(lists, (s, block) => encoded[s]!.push(block));
const decoded: FieldStories = input.decode.map(() => []);
codec.decodeAll(blocks, (s, list) => decoded[s]!.push(codec.toBytes(list)));
writeFileSync(outputFile, encodeOutput({ encoded, decoded }));
console.log(
  JSON.stringify({
    encodeFieldsPerSecond: encodeSeconds.map((s) => encodeFields / s),
    decodeFieldsPerSecond: decodeSeconds.map((s) => decodeFields / s),
    encodedBytes: encoded.reduce((n, s) => n + s.reduce((m, b) => m + b.length, 0), 0),
    sink,
  }),
);
