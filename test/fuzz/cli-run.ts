// Running the built CLI as a child, bounded in time, for the fuzz tests.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliPath = resolve(fileURLToPath(import.meta.url), '../../../harness/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export function runCli(args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<CliResult> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** The numbers of the final line `cases: N (R/s), failures: F, latitude: L`. */
export function finalLine(stdout: string): { cases: number; rate: number; failures: number; latitude: number } | null {
  const m = /^cases: (\d+) \((\d+)\/s\), failures: (\d+), latitude: (\d+)$/m.exec(stdout);
  return m ? { cases: Number(m[1]), rate: Number(m[2]), failures: Number(m[3]), latitude: Number(m[4]) } : null;
}
