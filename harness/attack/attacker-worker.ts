// Worker-thread entry of the attacker: runs runAttacker() with the options
// it was given and posts the report back (or the error's message).
import { parentPort, workerData } from 'node:worker_threads';
import { runAttacker, type AttackerOptions } from './attacker.js';

runAttacker(workerData as AttackerOptions).then(
  (report) => parentPort!.postMessage({ ok: true, report }),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: (err as Error)?.message ?? String(err) }),
);
