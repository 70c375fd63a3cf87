// RFC 8441 (extended CONNECT) and RFC 9218 (PRIORITY_UPDATE,
// SETTINGS_NO_RFC7540_PRIORITIES). What a server must do depends on what
// it advertised: a server without SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 has
// no :protocol; one that does not implement RFC 9218 treats PRIORITY_UPDATE
// as an unknown frame and ignores it (RFC 9113 §4.1).
import type { ScenarioField } from '../../../scenario/scenario.js';
import type { SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, get, goaway, headers, ignored, malformed, mk, open, raw, response } from './case-kit.js';

const PE = E.PROTOCOL_ERROR;
const ENABLE_CONNECT_PROTOCOL = 0x8;
const NO_RFC7540_PRIORITIES = 0x9;
const PRIORITY_UPDATE = 0x10;

const xconnect = (extra: ScenarioField[] = [], drop: string[] = []): ScenarioField[] =>
  ([[':method', 'CONNECT'], [':protocol', 'websocket'], [':scheme', 'http'], [':path', '/chat'], [':authority', 'localhost'], ...extra] as ScenarioField[]).filter(([n]) => !drop.includes(n));

const ifConnectProtocol = (allowed: ReturnType<typeof malformed>) => ({ setting: ENABLE_CONNECT_PROTOCOL, value: 1, expect: { allowed } });

const extendedConnect: SuiteCase[] = [
  mk({ id: 'rfc8441/4/extended-connect-not-advertised', section: 'RFC 8441 §3, §4', requirement: 'Without SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 a client MUST NOT send :protocol, and the request is malformed; with it advertised, extended CONNECT is answered (any status is the application\'s).', steps: [...HANDSHAKE, headers(1, xconnect(), false)], allowed: malformed(1), ifAdvertised: ifConnectProtocol([response(1, 200, 599), ...malformed(1)]) }),
  ...[':scheme', ':path', ':authority'].map((p) =>
    mk({ id: `rfc8441/4/extended-connect-without-${p.slice(1)}`, section: 'RFC 8441 §4', requirement: `An extended CONNECT request MUST include ${p}: without it the request is malformed (as it is anyway when :protocol is not advertised).`, steps: [...HANDSHAKE, headers(1, xconnect([], [p]), false)], allowed: malformed(1) }),
  ),
  mk({ id: 'rfc8441/3/client-enable-connect-protocol-2', section: 'RFC 8441 §3', requirement: 'SETTINGS_ENABLE_CONNECT_PROTOCOL other than 0 or 1 is invalid; a server that knows the setting makes it a connection error PROTOCOL_ERROR, one that does not MUST ignore it (RFC 9113 §6.5.2).', steps: [...HANDSHAKE, { op: 'settings', pairs: [[ENABLE_CONNECT_PROTOCOL, 2]] }], allowed: [ignored, goaway(PE)], ifAdvertised: { setting: ENABLE_CONNECT_PROTOCOL, value: 1, expect: { allowed: [goaway(PE)] } } }),
];

const pu = (stream: number, prioritized: number, value = 'u=1'): ReturnType<typeof raw> => raw(PRIORITY_UPDATE, 0, stream, `${(prioritized >>> 0).toString(16).padStart(8, '0')}${Buffer.from(value).toString('hex')}`);
const if9218 = (allowed: Parameters<typeof mk>[0]['allowed']) => ({ setting: NO_RFC7540_PRIORITIES, value: 1, expect: { allowed } });

const priorityUpdate: SuiteCase[] = [
  mk({ id: 'rfc9218/7.1/priority-update-open-stream', section: 'RFC 9218 §7.1', requirement: 'PRIORITY_UPDATE for an open request stream reprioritises it (or is an unknown frame to ignore): the request is still served.', steps: [...HANDSHAKE, open(1), pu(0, 1), { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)] }),
  mk({ id: 'rfc9218/7.1/priority-update-idle-stream', section: 'RFC 9218 §7.1', requirement: 'PRIORITY_UPDATE may reference an idle stream (a priority for a request yet to come): it is no error.', steps: [...HANDSHAKE, pu(0, 1, 'u=0, i'), get(1)], allowed: [response(1)] }),
  mk({ id: 'rfc9218/7.1/priority-update-unparseable-value', section: 'RFC 9218 §7.1, §4', requirement: 'A Priority Field Value that does not parse MUST NOT be an error of any kind: it is ignored.', steps: [...HANDSHAKE, open(1), pu(0, 1, '@@not a dictionary@@'), { op: 'data', stream: 1, length: 1, endStream: true }], allowed: [response(1)] }),
  mk({ id: 'rfc9218/7.1/priority-update-on-stream', section: 'RFC 9218 §7.1', requirement: 'PRIORITY_UPDATE with a Stream Identifier other than 0 MUST be a connection error of type PROTOCOL_ERROR (for a server implementing RFC 9218; otherwise an unknown frame, ignored).', steps: [...HANDSHAKE, open(1), pu(1, 1)], allowed: [ignored, goaway(PE)], ifAdvertised: if9218([goaway(PE)]) }),
  mk({ id: 'rfc9218/7.1/priority-update-prioritized-zero', section: 'RFC 9218 §7.1', requirement: 'PRIORITY_UPDATE with a Prioritized Stream ID of 0 MUST be a connection error of type PROTOCOL_ERROR (for a server implementing RFC 9218; otherwise ignored).', steps: [...HANDSHAKE, pu(0, 0)], allowed: [ignored, goaway(PE)], ifAdvertised: if9218([goaway(PE)]) }),
  mk({ id: 'rfc9218/7.1/priority-update-push-stream', section: 'RFC 9218 §7.1', requirement: 'A server receiving PRIORITY_UPDATE for a push stream it never promised (stream 2) MUST treat it as a connection error of type PROTOCOL_ERROR (if it implements RFC 9218; otherwise ignored).', steps: [...HANDSHAKE, pu(0, 2)], allowed: [ignored, goaway(PE)], ifAdvertised: if9218([goaway(PE)]) }),
  ...[0, 1].map((v) =>
    mk({ id: `rfc9218/2.1/no-rfc7540-priorities-${v}-accepted`, section: 'RFC 9218 §2.1', requirement: `SETTINGS_NO_RFC7540_PRIORITIES = ${v} is a valid value: acknowledged, the connection serves.`, steps: [{ op: 'preface' }, { op: 'settings', pairs: [[NO_RFC7540_PRIORITIES, v]] }, { op: 'settings-ack' }], allowed: [ignored], extras: { settingsAcks: 1 } }),
  ),
  ...[2, 0xffffffff].map((v) =>
    mk({ id: `rfc9218/2.1/no-rfc7540-priorities-${v === 2 ? '2' : 'max'}`, section: 'RFC 9218 §2.1', requirement: `SETTINGS_NO_RFC7540_PRIORITIES greater than 1 (${v}) MUST be a connection error of type PROTOCOL_ERROR (by a server implementing RFC 9218; one that does not ignores an unknown setting).`, steps: [{ op: 'preface' }, { op: 'settings', pairs: [[NO_RFC7540_PRIORITIES, v]] }, { op: 'settings-ack' }], allowed: [ignored, goaway(PE)], ifAdvertised: if9218([goaway(PE)]) }),
  ),
  mk({ id: 'rfc9218/2.1/no-rfc7540-priorities-changed', section: 'RFC 9218 §2.1', requirement: 'A sender MUST NOT change SETTINGS_NO_RFC7540_PRIORITIES after its first SETTINGS; a receiver MAY treat a change as a connection error of type PROTOCOL_ERROR.', steps: [{ op: 'preface' }, { op: 'settings', pairs: [[NO_RFC7540_PRIORITIES, 1]] }, { op: 'settings-ack' }, { op: 'settings', pairs: [[NO_RFC7540_PRIORITIES, 0]] }], allowed: [ignored, goaway(PE)] }),
  mk({ id: 'rfc9218/4/priority-header-served', section: 'RFC 9218 §4, §5', requirement: 'A request with a priority header field is a valid request: served.', steps: [...HANDSHAKE, get(1, [['priority', 'u=2, i']])], allowed: [response(1)] }),
  mk({ id: 'rfc9218/4/priority-header-invalid-served', section: 'RFC 9218 §4', requirement: 'A priority header field that does not parse is ignored (defaults apply): the request is served.', steps: [...HANDSHAKE, get(1, [['priority', 'u=banana']])], allowed: [response(1)] }),
];

export const extensionCases: SuiteCase[] = [...extendedConnect, ...priorityUpdate];
