// One JavaScript HPACK peer timed in a process of its own (its JIT state,
// heap and GC touch no other peer's), called through its own API:
//   node peer-process.js PEER INPUT OUTPUT WARMUPS REPETITIONS
// prints {"encodeFieldsPerSecond":[…],"decodeFieldsPerSecond":[…],"encodedBytes":N}
// and writes its outputs to OUTPUT after timing (bench-input.ts), as the
// native C program does, for the parent to verify.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeInput, encodeOutput, fieldCount } from './bench-input.js';
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

const seconds = (work: () => unknown): number => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const encodeSeconds: number[] = [];
const decodeSeconds: number[] = [];
for (let r = 0; r < Number(warmups) + Number(repetitions); r++) {
  const e = seconds(() => codec.encodeAll(lists));
  const d = seconds(() => codec.decodeAll(blocks));
  if (r >= Number(warmups)) {
    encodeSeconds.push(e);
    decodeSeconds.push(d);
  }
}

// Outputs, after timing: what the parent verifies.
const encoded = codec.encodeAll(lists);
const decoded = codec.toBytes(codec.decodeAll(blocks));
const decodeFields = fieldCount(decoded);
writeFileSync(outputFile, encodeOutput({ encoded, decoded }));
console.log(
  JSON.stringify({
    encodeFieldsPerSecond: encodeSeconds.map((s) => encodeFields / s),
    decodeFieldsPerSecond: decodeSeconds.map((s) => decodeFields / s),
    encodedBytes: encoded.reduce((n, s) => n + s.reduce((m, b) => m + b.length, 0), 0),
  }),
);
