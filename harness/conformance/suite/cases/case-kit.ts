// What the case files share: the handshake, a GET, the allowed outcomes by
// name, and the follow-up request that shows a connection still serves.
import { ErrorCode } from '../../../../impl/http2/error-codes.js';
import { HANDSHAKE, requestFields, type ScenarioField, type Step } from '../../../scenario/scenario.js';
import type { Allowed, Expectation, SuiteCase } from '../suite-case.js';

export const E = ErrorCode;
export { HANDSHAKE, requestFields };

export const WAIT: Step = { op: 'wait' };

/** A complete GET on `stream` (END_STREAM on the HEADERS). */
export const get = (stream: number, extra: ScenarioField[] = [], path = '/'): Step => ({ op: 'headers', stream, fields: requestFields(path, 'GET', extra), endStream: true });
/**
 * The `:path` of a request whose body the server must read (DATA on an open
 * stream, flow control, content-length, trailers). It stands for the
 * target's body path (ServedRoutes.bodyPath), which the runner puts in its
 * place: a POST to a static file is answered 405, or before its body is
 * read, and then the frames under test meet a closed stream. A case that
 * uses it is skipped on a target that reads no request body anywhere.
 */
export const BODY_PATH = '/echo';
/** A POST to the body path. */
export const bodyRequest = (extra: ScenarioField[] = []): ScenarioField[] => requestFields(BODY_PATH, 'POST', extra);
/** A request's HEADERS without END_STREAM: the stream stays open while the server reads the body to come. */
export const open = (stream: number, fields: ScenarioField[] = bodyRequest()): Step => ({ op: 'headers', stream, fields, endStream: false });
export const headers = (stream: number, fields: ScenarioField[], endStream = true): Step => ({ op: 'headers', stream, fields, endStream });
export const raw = (type: number, flags: number, stream: number, payload = '', extra: { length?: number; reservedBit?: boolean } = {}): Step => ({ op: 'raw', type, flags, stream, payload, ...extra });

export const goaway = (...codes: number[]): Allowed => ({ outcome: 'goaway', codes });
export const rst = (stream: number, ...codes: number[]): Allowed => ({ outcome: 'rst', stream, codes });
export const response = (stream: number, min = 200, max = 299): Allowed => ({ outcome: 'response', stream, min, max });
export const ignored: Allowed = { outcome: 'ignored' };
export const bareClose: Allowed = { outcome: 'close' };

/**
 * §8.1.1: a malformed request "MUST be treated as a stream error of type
 * PROTOCOL_ERROR"; the server "MAY send an HTTP response prior to closing
 * or resetting the stream" — a 4xx, ended or followed by RST_STREAM.
 */
export const malformed = (stream: number): Allowed[] => [rst(stream, E.PROTOCOL_ERROR), { outcome: 'response', stream, min: 400, max: 499, thenReset: [E.PROTOCOL_ERROR, E.NO_ERROR] }];

/** The highest client stream a list of steps uses. */
export function lastStream(steps: readonly Step[]): number {
  let max = 0;
  for (const s of steps) if ('stream' in s && s.stream % 2 === 1) max = Math.max(max, s.stream);
  return max;
}

/** A field block that touches no dynamic table: GET / on http://localhost, static indices and a literal without indexing (RFC 7541 §6.1, §6.2.2). */
export const STATIC_GET_BLOCK = `828684010${(9).toString(16)}${Buffer.from('localhost').toString('hex')}`;

export interface CaseSpec {
  id: string;
  section: string;
  requirement: string;
  steps: Step[];
  allowed: Allowed[];
  /** Append a GET on a fresh stream that must still be answered (default: when a non-connection outcome is allowed). */
  followUp?: boolean;
  extras?: Omit<Expectation, 'allowed' | 'then'>;
  ifAdvertised?: SuiteCase['ifAdvertised'];
  tlsOnly?: boolean;
  tlsClient?: SuiteCase['tlsClient'];
  /** Extra fields on the follow-up GET (e.g. ones the connection's HPACK table now holds). */
  followUpFields?: ScenarioField[];
}

/** Whether a step sends a request to the body path. */
const toBodyPath = (s: Step): boolean => s.op === 'headers' && s.fields.some(([n, v]) => n === ':path' && v === BODY_PATH);

/** A case from its spec: the handshake in front, the follow-up request behind. */
export function mk(spec: CaseSpec): SuiteCase {
  const wantsFollowUp = spec.followUp ?? spec.allowed.some((a) => a.outcome !== 'goaway' && a.outcome !== 'close');
  const steps = [...spec.steps];
  const expect: Expectation = { allowed: spec.allowed, ...(spec.extras ?? {}) };
  if (wantsFollowUp) {
    const last = lastStream(steps);
    const next = last === 0 ? 1 : last + 2;
    steps.push(WAIT, get(next, spec.followUpFields ?? []), WAIT);
    expect.then = next;
  } else {
    steps.push(WAIT);
  }
  return {
    id: spec.id,
    section: spec.section,
    requirement: spec.requirement,
    scenario: { steps },
    expect,
    ...(spec.ifAdvertised ? { ifAdvertised: { ...spec.ifAdvertised, expect: { ...spec.ifAdvertised.expect, ...(expect.then !== undefined ? { then: expect.then } : {}) } } } : {}),
    ...(spec.steps.some(toBodyPath) ? { needsBody: true } : {}),
    ...(spec.tlsOnly || spec.tlsClient ? { tlsOnly: true } : {}),
    ...(spec.tlsClient ? { tlsClient: spec.tlsClient } : {}),
  };
}

/** An HPACK integer with an N-bit prefix (RFC 7541 §5.1), as hex; `first` holds the bits above the prefix. */
export function hpackInt(value: number, prefixBits: number, first = 0): string {
  const max = (1 << prefixBits) - 1;
  if (value < max) return (first | value).toString(16).padStart(2, '0');
  const out = [first | max];
  let v = value - max;
  while (v >= 128) {
    out.push((v % 128) + 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out).toString('hex');
}

/** A static-table GET block plus one literal field of `size` octets: a block of a chosen length. */
export function bigGetBlock(size: number): string {
  return `${STATIC_GET_BLOCK}00${hpackInt(5, 7)}${Buffer.from('x-big').toString('hex')}${hpackInt(size, 7)}${'61'.repeat(size)}`;
}

export const hex32 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
