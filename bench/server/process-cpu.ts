// CPU time a process has used (user + system, /proc/PID/stat on Linux), by
// PID: the server's own cost per request. On a shared machine its req/s move
// with everyone else's load, its CPU per request much less.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's times: USER_HZ, 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds of `pid`, or null when it cannot be read (gone, not Linux). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/**
 * Milliseconds the main thread of `pid` (its PID is its main thread's id)
 * has spent runnable but waiting for a CPU (/proc/PID/schedstat, second
 * field, in ns), or null when it cannot be read. On a shared machine this is
 * what a latency percentile mostly measures: a request that arrives while
 * the server waits for a CPU waits as long.
 */
export function runQueueWaitMs(pid: number): number | null {
  try {
    const waitNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(waitNs) ? waitNs / 1e6 : null;
  } catch {
    return null;
  }
}
