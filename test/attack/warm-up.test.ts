// The attack stage's warm-up against nghttpd, in a child process: its
// node:http2 client sessions, destroyed from inside a stream's 'end'
// handler, corrupted the C heap (glibc aborted with "munmap_chunk(): invalid
// pointer", or the process crashed or hung at exit after its report). The
// child must run the rounds and then exit by itself, with code 0: a crash
// fails the test, and so does a session left open (the child never exits).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { toolsMissing } from '../peers/tool-guard.js';

const TARGETS = new URL('../../harness/conformance/conformance-targets.js', import.meta.url).href;
const WARM_UP = new URL('../../harness/attack/warm-up.js', import.meta.url).href;
/** The whole child's bound: ten rounds of 200 connections take 2-10 s here. */
const CHILD_MS = 90_000;

const script = (tls: boolean): string => `
  const { startTarget } = await import(${JSON.stringify(TARGETS)});
  const { warmUp } = await import(${JSON.stringify(WARM_UP)});
  const server = await startTarget({ kind: 'peer', name: 'nghttpd' }, ${tls});
  try {
    const rounds = await warmUp({ host: server.host, port: server.port, tls: server.tls, pid: server.pid });
    console.log('ROUNDS ' + rounds);
  } finally {
    await server.stop();
  }
`;

for (const tls of [false, true]) {
  t.test(`the warm-up against nghttpd over ${tls ? 'TLS' : 'h2c'} runs its rounds and lets its process exit`, async (t) => {
    if (toolsMissing(t, ['nghttpd'])) return;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script(tls)], { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('.', import.meta.url)) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_MS);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(timer);
    t.equal(signal, null, `the child was not killed or aborted (${signal ?? 'no signal'}): ${output.slice(-500)}`);
    t.equal(code, 0, `the child exited with 0: ${output.slice(-500)}`);
    t.match(output, /ROUNDS \d+/, 'the warm-up ran its rounds');
  });
}
