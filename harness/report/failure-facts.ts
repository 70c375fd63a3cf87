// Scope, code and initiator of a failure (a connection or a stream error,
// which RFC 9113 §7 code, and whether the target or the harness acted), read
// from the frames h2spec names in its expected/actual lines, e.g. `GOAWAY Frame (Error Code:
// PROTOCOL_ERROR)` or `RST_STREAM Frame (Error Code: STREAM_CLOSED)`.
import type { FailureDetail } from './report-model.js';

type Facts = Pick<FailureDetail, 'scope' | 'code'>;

/** What one h2spec outcome line says about scope and code; connection close counts as connection scope. */
export function factsOfOutcome(line: string): Facts {
  const code = /Error Code:\s*([A-Z_]+)/.exec(line)?.[1] ?? null;
  if (/GOAWAY/.test(line) || /Connection closed/i.test(line)) return { scope: 'connection', code };
  if (/RST_STREAM/.test(line)) return { scope: 'stream', code };
  return { scope: code ? 'unknown' : 'none', code };
}

/**
 * The facts of a failed comparison. The requirement h2spec quotes names the
 * error the RFC asks for (`… a stream error of type STREAM_CLOSED`, RFC 9113
 * §5.4.1 vs §5.4.2), and wins: the expected set often also admits a GOAWAY,
 * since any stream error may be treated as a connection error. Otherwise,
 * when every expected outcome agrees on scope or code it is that, else `unknown`.
 */
export function failureFacts(expected: readonly string[] | undefined, actual: string | undefined, requirement?: string): Facts {
  const stated = requirement ? /\b(stream|connection) error of type ([A-Z_]+)/.exec(requirement) : null;
  if (stated) return { scope: stated[1] as 'stream' | 'connection', code: stated[2]! };
  const facts = (expected ?? []).map(factsOfOutcome);
  if (facts.length === 0) return actual !== undefined ? factsOfOutcome(actual) : { scope: 'unknown', code: null };
  const scopes = new Set(facts.map((f) => f.scope));
  const codes = new Set(facts.map((f) => f.code).filter((c) => c !== null));
  return {
    scope: scopes.size === 1 ? facts[0]!.scope : 'unknown',
    code: codes.size === 1 ? [...codes][0]! : null,
  };
}
