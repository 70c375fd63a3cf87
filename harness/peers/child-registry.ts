// Every child process a peer starts is recorded by PID so that an exiting
// harness (normal exit, failure, Ctrl-C) kills exactly what it started and
// nothing else.
const live = new Set<number>();
let hooked = false;

function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export function trackChild(pid: number): void {
  live.add(pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', killAll);
  }
}

export function untrackChild(pid: number): void {
  live.delete(pid);
}

/** For a Ctrl-C handler: kill what is still running, synchronously. */
export function killTrackedChildren(): void {
  killAll();
}
