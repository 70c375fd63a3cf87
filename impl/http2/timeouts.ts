// Timeouts are durations in the caller's clock (the `now` it passes in;
// HTTP2Server uses milliseconds). The core never reads a clock itself: it
// reports its next deadline and acts when the caller says time has come.
import { Http2UsageError } from './errors.js';

/** Checks a timeout option; returns the duration, or null when disabled (0 or Infinity). */
export function timeoutOption(name: string, value: number): number | null {
  if (Number.isNaN(value) || value < 0) throw new Http2UsageError('ERR_INVALID_ARGUMENT', `${name} must be 0 (off), a positive duration or Infinity, not ${value}`);
  return value === 0 || value === Infinity ? null : value;
}

/** The earlier of two deadlines, either of which may be absent. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
