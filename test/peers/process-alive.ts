// Whether a process we started still exists (signal 0 only asks): how the
// server-peer tests check "stopped by PID".
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
