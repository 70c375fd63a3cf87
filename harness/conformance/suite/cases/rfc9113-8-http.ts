// RFC 9113 §8: HTTP semantics over HTTP/2, as tables — field names and
// values (§8.2.1), connection-specific fields (§8.2.2), pseudo-header
// fields (§8.3.1), content-length (§8.1.1), trailers (§8.1), CONNECT (§8.5).
// Every malformed request MUST be a stream error of type PROTOCOL_ERROR; a
// 4xx response before it is allowed (§8.1.1), a connection error is not.
import type { ScenarioField, Step } from '../../../scenario/scenario.js';
import type { SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, WAIT, bodyRequest, get, headers, malformed, mk, open, response, rst } from './case-kit.js';

const REQ: ScenarioField[] = [[':method', 'GET'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/']];
const malformedCase = (id: string, section: string, requirement: string, steps: Step[]): SuiteCase => mk({ id, section, requirement, steps: [...HANDSHAKE, ...steps], allowed: malformed(1) });
const served = (id: string, section: string, requirement: string, steps: Step[]): SuiteCase => mk({ id, section, requirement, steps: [...HANDSHAKE, ...steps], allowed: [response(1)] });

const BAD_NAMES: Array<[string, string]> = [
  ['uppercase', 'X-Upper'],
  ['all-uppercase', 'ACCEPT'],
  ['one-uppercase-letter', 'x-tesT'],
  ['space', 'x test'],
  ['tab', 'x\ttest'],
  ['nul', 'x\0test'],
  ['cr', 'x\rtest'],
  ['lf', 'x\ntest'],
  ['colon-inside', 'x:test'],
  ['del', 'x\x7ftest'],
  ['non-ascii', 'x\xe9test'],
  ['control-0x01', 'x\x01test'],
  ['empty', ''],
];

const BAD_VALUES: Array<[string, string]> = [
  ['nul', 'a\0b'],
  ['cr', 'a\rb'],
  ['lf', 'a\nb'],
  ['crlf', 'a\r\nb'],
  ['leading-space', ' ab'],
  ['trailing-space', 'ab '],
  ['leading-tab', '\tab'],
  ['trailing-tab', 'ab\t'],
  ['only-space', ' '],
];

const GOOD_VALUES: Array<[string, string]> = [
  ['inner-space', 'a b'],
  ['inner-tab', 'a\tb'],
  ['obs-text', 'caf\xe9'],
  ['empty', ''],
  ['visible-ascii', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
];

/** Not a token character, but outside the ranges §8.2.1 forbids: validating it is RFC 9110's, a choice (malformed or served). */
const NON_TOKEN_NAMES: Array<[string, string]> = [
  ['double-quote', 'x"test'],
  ['comma', 'x,test'],
  ['parenthesis', 'x(test'],
];

const fieldCases: SuiteCase[] = [
  ...NON_TOKEN_NAMES.map(([name, field]) =>
    mk({ id: `rfc9113/8.2.1/field-name-${name}-either`, section: 'RFC 9113 §8.2.1; RFC 9110 §5.1', requirement: `A field name with a non-token character (${name}) outside the ranges RFC 9113 forbids MAY be rejected as malformed or served.`, steps: [...HANDSHAKE, get(1, [[field, 'v']])], allowed: [...malformed(1), response(1)] }),
  ),
  ...BAD_NAMES.map(([name, field]) =>
    malformedCase(`rfc9113/8.2.1/field-name-${name}`, 'RFC 9113 §8.2.1, §8.2', `A field name MUST NOT contain ${name === 'uppercase' || name === 'all-uppercase' || name === 'one-uppercase-letter' ? 'uppercase characters' : `a character outside the token set (${name})`}: the request is malformed.`, [get(1, [[field, 'v']])]),
  ),
  ...BAD_VALUES.map(([name, value]) =>
    malformedCase(`rfc9113/8.2.1/field-value-${name}`, 'RFC 9113 §8.2.1', `A field value MUST NOT contain NUL, CR or LF, nor start or end with whitespace (${name}): the request is malformed.`, [get(1, [['x-test', value]])]),
  ),
  ...GOOD_VALUES.map(([name, value]) => served(`rfc9113/8.2.1/field-value-${name}-served`, 'RFC 9113 §8.2.1', `A field value with ${name} is valid: the request is served.`, [get(1, [['x-test', value]])])),
  malformedCase('rfc9113/8.2.1/pseudo-value-cr', 'RFC 9113 §8.2.1', 'Pseudo-header field values are field values too: CR in :path makes the request malformed.', [headers(1, [[':method', 'GET'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/a\rb']])]),
  malformedCase('rfc9113/8.2.1/trailer-name-uppercase', 'RFC 9113 §8.2.1, §8.1', 'Trailer field names follow the same rules: an uppercase name in trailers makes the request malformed.', [open(1), headers(1, [['X-Trailer', 'v']])]),
  malformedCase('rfc9113/8.2.1/trailer-value-nul', 'RFC 9113 §8.2.1, §8.1', 'Trailer field values follow the same rules: NUL in a trailer value makes the request malformed.', [open(1), headers(1, [['x-trailer', 'a\0b']])]),
];

const CONNECTION_SPECIFIC: Array<[string, string]> = [
  ['connection', 'keep-alive'],
  ['keep-alive', 'timeout=5'],
  ['proxy-connection', 'keep-alive'],
  ['transfer-encoding', 'chunked'],
  ['upgrade', 'h2c'],
];
const BAD_TE = ['gzip', 'trailers, gzip', 'chunked', 'deflate', 'trailers;q=0.5'];

const connectionSpecific: SuiteCase[] = [
  ...CONNECTION_SPECIFIC.map(([name, value]) => malformedCase(`rfc9113/8.2.2/connection-specific-${name}`, 'RFC 9113 §8.2.2', `An endpoint MUST treat a request with the connection-specific field ${name} as malformed.`, [get(1, [[name, value]])])),
  ...BAD_TE.map((value, i) => malformedCase(`rfc9113/8.2.2/te-${['gzip', 'trailers-and-gzip', 'chunked', 'deflate', 'trailers-with-q'][i]}`, 'RFC 9113 §8.2.2', `TE MUST NOT contain any value other than "trailers" (here "${value}"): the request is malformed.`, [get(1, [['te', value]])])),
  served('rfc9113/8.2.2/te-trailers-served', 'RFC 9113 §8.2.2', 'TE: trailers is the one allowed TE value: the request is served.', [get(1, [['te', 'trailers']])]),
  malformedCase('rfc9113/8.2.2/connection-in-trailers', 'RFC 9113 §8.2.2, §8.1', 'A connection-specific field in trailers makes the request malformed.', [open(1), headers(1, [['connection', 'close']])]),
];

const without = (name: string): ScenarioField[] => REQ.filter(([n]) => n !== name);
const PSEUDO = [':method', ':scheme', ':path'];

const pseudoCases: SuiteCase[] = [
  ...PSEUDO.map((p) => malformedCase(`rfc9113/8.3.1/missing-${p.slice(1)}`, 'RFC 9113 §8.3.1', `All HTTP/2 requests MUST include exactly one valid value for ${p} (unless CONNECT): without it the request is malformed.`, [headers(1, without(p))])),
  ...[...PSEUDO, ':authority'].map((p) =>
    malformedCase(`rfc9113/8.3.1/duplicate-${p.slice(1)}`, 'RFC 9113 §8.3', `The same pseudo-header field name MUST NOT appear more than once (${p} twice): the request is malformed.`, [headers(1, [...REQ, [p, REQ.find(([n]) => n === p)![1]]])]),
  ),
  ...PSEUDO.map((p) =>
    malformedCase(`rfc9113/8.3.1/${p.slice(1)}-after-regular-field`, 'RFC 9113 §8.3', `All pseudo-header fields MUST appear before regular fields (${p} after user-agent): the request is malformed.`, [headers(1, [...without(p), ['user-agent', 'h2harness'], REQ.find(([n]) => n === p)!])]),
  ),
  malformedCase('rfc9113/8.3.1/empty-path', 'RFC 9113 §8.3.1', 'The :path pseudo-header field MUST NOT be empty for http or https URIs: the request is malformed.', [headers(1, [...without(':path'), [':path', '']])]),
  malformedCase('rfc9113/8.3.1/empty-method', 'RFC 9113 §8.3.1', 'An empty :method is not a valid value: the request is malformed.', [headers(1, [[':method', ''], ...without(':method')])]),
  malformedCase('rfc9113/8.3/status-in-request', 'RFC 9113 §8.3', 'Pseudo-header fields defined for responses MUST NOT appear in requests (:status): the request is malformed.', [headers(1, [...REQ, [':status', '200']])]),
  ...[':foo', ':protocolx', ':'].map((p, i) =>
    malformedCase(`rfc9113/8.3/unknown-pseudo-${['foo', 'protocolx', 'bare-colon'][i]}`, 'RFC 9113 §8.3', `Endpoints MUST treat a request with an undefined pseudo-header field (${p}) as malformed.`, [headers(1, [...REQ, [p, 'x']])]),
  ),
  malformedCase('rfc9113/8.1/pseudo-in-trailers', 'RFC 9113 §8.1', 'Trailers MUST NOT include pseudo-header fields: :path in trailers makes the request malformed.', [open(1), headers(1, [[':path', '/']])]),
  mk({ id: 'rfc9113/8.3.1/host-without-authority-served', section: 'RFC 9113 §8.3.1', requirement: 'A request with Host and no :authority is valid: the server uses Host.', steps: [...HANDSHAKE, headers(1, [...without(':authority'), ['host', 'localhost']])], allowed: [response(1)] }),
  mk({ id: 'rfc9113/8.3.1/host-equal-authority-served', section: 'RFC 9113 §8.3.1', requirement: 'Host and :authority that agree are valid: the request is served.', steps: [...HANDSHAKE, get(1, [['host', 'localhost']])], allowed: [response(1)] }),
  mk({ id: 'rfc9113/8.3.1/host-disagrees-with-authority', section: 'RFC 9113 §8.3.1', requirement: 'A server SHOULD treat a request whose Host differs from :authority as malformed: a stream error PROTOCOL_ERROR, a 4xx, or (the SHOULD not followed) served.', steps: [...HANDSHAKE, get(1, [['host', 'example.com']])], allowed: [...malformed(1), response(1)] }),
  mk({ id: 'rfc9113/8.3.1/no-authority-no-host', section: 'RFC 9113 §8.3.1', requirement: 'Clients that generate HTTP/2 requests directly MUST use :authority; a request with neither it nor Host for an http URI is served with a 4xx, rejected as malformed, or served.', steps: [...HANDSHAKE, headers(1, without(':authority'))], allowed: [...malformed(1), response(1)] }),
  served('rfc9113/8.3.1/options-asterisk-served', 'RFC 9113 §8.3.1', 'OPTIONS with :path "*" is a valid request: the server answers it (any status is the application\'s; here 2xx or 4xx).', [headers(1, [[':method', 'OPTIONS'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '*']])]),
];
// OPTIONS * is application-specific: allow the 2xx-4xx a route-less server gives.
pseudoCases[pseudoCases.length - 1]!.expect = { ...pseudoCases[pseudoCases.length - 1]!.expect, allowed: [response(1, 200, 499)] };

const cl = (v: string): ScenarioField => ['content-length', v];
const post = bodyRequest;

const contentLength: SuiteCase[] = [
  malformedCase('rfc9113/8.1.1/content-length-more-than-data', 'RFC 9113 §8.1.1', 'A request with content-length (10) greater than the DATA it ends with (5) is malformed.', [open(1, post([cl('10')])), { op: 'data', stream: 1, length: 5, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-less-than-data', 'RFC 9113 §8.1.1', 'A request with DATA (10) beyond its content-length (5) is malformed.', [open(1, post([cl('5')])), { op: 'data', stream: 1, length: 10, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-exceeded-without-end-stream', 'RFC 9113 §8.1.1', 'DATA beyond content-length makes the request malformed as soon as it arrives, before END_STREAM.', [open(1, post([cl('5')])), { op: 'data', stream: 1, length: 10, endStream: false }]),
  malformedCase('rfc9113/8.1.1/content-length-over-several-frames', 'RFC 9113 §8.1.1', 'The sum of DATA payloads counts: 3 frames of 4 octets against content-length 10 is malformed.', [open(1, post([cl('10')])), { op: 'data', stream: 1, length: 4, endStream: false }, { op: 'data', stream: 1, length: 4, endStream: false }, { op: 'data', stream: 1, length: 4, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-without-body', 'RFC 9113 §8.1.1', 'HEADERS with END_STREAM and content-length 10 carries no body: the request is malformed.', [headers(1, post([cl('10')]))]),
  malformedCase('rfc9113/8.1.1/content-length-zero-with-data', 'RFC 9113 §8.1.1', 'content-length 0 followed by a DATA octet is malformed.', [open(1, post([cl('0')])), { op: 'data', stream: 1, length: 1, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-not-a-number', 'RFC 9113 §8.1.1; RFC 9110 §8.6', 'A content-length that is not a number is invalid: the request is malformed.', [open(1, post([cl('ten')])), { op: 'data', stream: 1, length: 10, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-two-values-differ', 'RFC 9113 §8.1.1; RFC 9110 §8.6', 'Two content-length fields that differ make the length unknowable: the request is malformed.', [open(1, post([cl('5'), cl('6')])), { op: 'data', stream: 1, length: 5, endStream: true }]),
  malformedCase('rfc9113/8.1.1/content-length-with-trailers-short', 'RFC 9113 §8.1.1', 'Trailers end the stream: DATA short of content-length followed by trailers is malformed.', [open(1, post([cl('10')])), { op: 'data', stream: 1, length: 5, endStream: false }, headers(1, [['x-trailer', 'v']])]),
  served('rfc9113/8.1.1/content-length-matches-served', 'RFC 9113 §8.1.1', 'A content-length equal to the DATA sent is valid: the request is served.', [open(1, post([cl('10')])), { op: 'data', stream: 1, length: 6, endStream: false }, { op: 'data', stream: 1, length: 4, endStream: true }]),
  served('rfc9113/8.1.1/content-length-zero-served', 'RFC 9113 §8.1.1', 'content-length 0 with no DATA is valid.', [headers(1, post([cl('0')]))]),
];

const trailers: SuiteCase[] = [
  served('rfc9113/8.1/trailers-served', 'RFC 9113 §8.1', 'A request with a body and trailers (HEADERS, DATA, HEADERS with END_STREAM) is valid.', [open(1, post([])), { op: 'data', stream: 1, length: 3, endStream: false }, headers(1, [['x-checksum', 'abc']])]),
  served('rfc9113/8.1/trailers-without-body-served', 'RFC 9113 §8.1', 'Trailers right after the header section, with no DATA, are valid.', [open(1, post([])), headers(1, [['x-checksum', 'abc']])]),
  served('rfc9113/8.1/trailers-over-continuation-served', 'RFC 9113 §8.1, §6.10', 'Trailers split over HEADERS and CONTINUATION are valid.', [open(1, post([])), { op: 'headers', stream: 1, fields: [['x-a', 'a'.repeat(30)], ['x-b', 'b'.repeat(30)]], endStream: true, parts: 3 }]),
  malformedCase('rfc9113/8.1/trailers-without-end-stream', 'RFC 9113 §8.1', 'A HEADERS frame without END_STREAM after the header section (a second header section on an open stream) makes the request malformed.', [open(1, post([])), headers(1, [['x-trailer', 'v']], false)]),
  mk({ id: 'rfc9113/8.1/data-after-trailers', section: 'RFC 9113 §8.1, §5.1', requirement: 'After trailers with END_STREAM the stream is half-closed (remote): DATA then is a stream error of type STREAM_CLOSED (or on a closed stream a connection error of that type).', steps: [...HANDSHAKE, open(1, post([])), headers(1, [['x-trailer', 'v']]), { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [rst(1, E.STREAM_CLOSED), { outcome: 'goaway', codes: [E.STREAM_CLOSED] }] }),
  mk({ id: 'rfc9113/8.1/interim-expect-100-continue', section: 'RFC 9113 §8.1; RFC 9110 §10.1.1', requirement: 'A request with expect: 100-continue may get a 100 (Continue) interim response, then the final response: any number of 1xx before one final response.', steps: [...HANDSHAKE, open(1, post([['expect', '100-continue'], cl('3')])), WAIT, { op: 'data', stream: 1, length: 3, endStream: true }], allowed: [response(1)] }),
];

const CONNECT_BAD: Array<[string, ScenarioField[]]> = [
  ['with-scheme', [[':method', 'CONNECT'], [':scheme', 'http'], [':authority', 'localhost:443']]],
  ['with-path', [[':method', 'CONNECT'], [':authority', 'localhost:443'], [':path', '/']]],
  ['without-authority', [[':method', 'CONNECT']]],
];

const connect: SuiteCase[] = [
  ...CONNECT_BAD.map(([name, fields]) =>
    malformedCase(`rfc9113/8.5/connect-${name}`, 'RFC 9113 §8.5', `A CONNECT request MUST have :authority and MUST omit :scheme and :path (here ${name}): otherwise it is malformed.`, [headers(1, fields, false)]),
  ),
  malformedCase('rfc8441/4/protocol-without-connect', 'RFC 8441 §4; RFC 9113 §8.3', 'The :protocol pseudo-header field is only for extended CONNECT: on a GET it is malformed (an undefined pseudo-header for it).', [headers(1, [...REQ, [':protocol', 'websocket']])]),
];



/** 24 fields of 1000 octets (24 KB) and 80 of 1000 (80 KB): below and above the 64 KiB most servers advertise. */
const bigFields = (n: number): ScenarioField[] => Array.from({ length: n }, (_, i) => [`x-big-${i}`, String.fromCharCode(97 + (i % 26)).repeat(1000)] as ScenarioField);

export const headerListCases: SuiteCase[] = [
  mk({ id: 'rfc9113/6.5.2/header-list-24k-served', section: 'RFC 9113 §6.5.2, §4.3', requirement: 'A 24 KB field section over HEADERS and CONTINUATION, below SETTINGS_MAX_HEADER_LIST_SIZE, is served; the follow-up request using the same (now indexed) fields is served too.', steps: [...HANDSHAKE, { ...(get(1, bigFields(24)) as Extract<Step, { op: 'headers' }>), parts: 4 }], allowed: [response(1)], followUpFields: bigFields(24).slice(0, 4) }),
  mk({
    id: 'rfc9113/6.5.2/header-list-over-advertised-limit',
    section: 'RFC 9113 §6.5.2, §10.5.1',
    requirement: 'SETTINGS_MAX_HEADER_LIST_SIZE is advisory: a larger field section (80 KB) may be served, answered 431, or the stream refused; the field block MUST still be processed to keep the HPACK state consistent, so a later request using its indexed fields is served.',
    steps: [...HANDSHAKE, { ...(get(1, bigFields(80)) as Extract<Step, { op: 'headers' }>), parts: 8 }],
    allowed: [response(1), { outcome: 'response', stream: 1, min: 431, max: 431, thenReset: [E.NO_ERROR, E.CANCEL, E.REFUSED_STREAM] }, rst(1, E.REFUSED_STREAM, E.ENHANCE_YOUR_CALM, E.PROTOCOL_ERROR, E.CANCEL)],
    followUpFields: bigFields(80).slice(0, 4),
  }),
];

export const httpCases: SuiteCase[] = [...fieldCases, ...connectionSpecific, ...pseudoCases, ...contentLength, ...trailers, ...connect, ...headerListCases];
