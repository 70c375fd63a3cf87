// RFC 9113 §8.1-§8.3 as the judge reads them: when is a request header
// section (or its trailers) malformed. Written apart from the core's
// request-validation.ts on purpose: the judge must not share the code it
// judges.
import type { ScenarioField } from '../../scenario/scenario.js';

const PSEUDO_REQUEST = new Set([':method', ':scheme', ':authority', ':path']);
/** §8.2.2: connection-specific fields. */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** §8.2.1: why a field name or value is invalid, or null. */
function fieldProblem(name: string, value: string): string | null {
  if (name.length === 0) return 'empty field name';
  const pseudo = name.startsWith(':');
  for (let i = pseudo ? 1 : 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x41 && c <= 0x5a) || c >= 0x7f) return `field name ${JSON.stringify(name)} has character 0x${c.toString(16)}`;
    if (c === 0x3a) return `field name ${JSON.stringify(name)} has a colon`;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d) return `value of ${name} has NUL, CR or LF`;
  }
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (value.length > 0 && (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09)) return `value of ${name} starts or ends with whitespace`;
  return null;
}

function regularProblem(name: string, value: string): string | null {
  if (CONNECTION_SPECIFIC.has(name)) return `connection-specific field ${name} (§8.2.2)`;
  if (name === 'te' && value !== 'trailers') return `te: ${JSON.stringify(value)} (§8.2.2)`;
  return null;
}

export interface RequestJudgement {
  /** Why the request is malformed, or null. */
  problem: string | null;
  /** The declared content-length, or null. */
  contentLength: number | null;
}

/** §8.3.1: a request header section. */
export function judgeRequest(fields: readonly ScenarioField[]): RequestJudgement {
  const seen = new Map<string, string>();
  let regular = false;
  let contentLength: number | null = null;
  const bad = (problem: string): RequestJudgement => ({ problem, contentLength });
  for (const [name, value] of fields) {
    const p = fieldProblem(name, value);
    if (p) return bad(`${p} (§8.2.1)`);
    if (name.startsWith(':')) {
      if (regular) return bad(`pseudo-header ${name} after a regular field (§8.3)`);
      if (!PSEUDO_REQUEST.has(name)) return bad(`unknown pseudo-header ${name} (§8.3)`);
      if (seen.has(name)) return bad(`pseudo-header ${name} repeated (§8.3.1)`);
      seen.set(name, value);
      continue;
    }
    regular = true;
    const r = regularProblem(name, value);
    if (r) return bad(r);
    if (name === 'content-length') {
      if (!/^[0-9]{1,15}$/.test(value)) return bad(`content-length ${JSON.stringify(value)} is not a number (§8.1.1)`);
      if (contentLength !== null && contentLength !== Number(value)) return bad('conflicting content-length values (§8.1.1)');
      contentLength = Number(value);
    }
  }
  const method = seen.get(':method');
  if (method === undefined) return bad('no :method (§8.3.1)');
  if (method === 'CONNECT') {
    if (seen.has(':scheme') || seen.has(':path')) return bad('CONNECT with :scheme or :path (§8.5)');
    if (!seen.has(':authority')) return bad('CONNECT without :authority (§8.5)');
    return { problem: null, contentLength };
  }
  if (!seen.has(':scheme')) return bad('no :scheme (§8.3.1)');
  const path = seen.get(':path');
  if (path === undefined) return bad('no :path (§8.3.1)');
  if (path === '') return bad('empty :path (§8.3.1)');
  return { problem: null, contentLength };
}

/** §8.1: trailers carry no pseudo-header fields and follow the field rules. */
export function judgeTrailers(fields: readonly ScenarioField[]): string | null {
  for (const [name, value] of fields) {
    if (name.startsWith(':')) return `pseudo-header ${name} in trailers (§8.1)`;
    const p = fieldProblem(name, value) ?? regularProblem(name, value);
    if (p) return p;
  }
  return null;
}
