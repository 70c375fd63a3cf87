// RFC 9113 §9.2: TLS requirements, on TLS targets only. TLS below 1.2 is
// refused (or the connection ended with INADEQUATE_SECURITY); renegotiation
// is a connection error (refused at the TLS layer, or GOAWAY PROTOCOL_ERROR);
// the one mandatory TLS 1.2 cipher suite works; and a prohibited suite is
// the server's choice (§9.2.2 says SHOULD NOT and MAY), so those cases admit
// every answer the RFC allows and fail only a wrong error code.
import type { SuiteCase } from '../suite-case.js';
import { E, HANDSHAKE, bareClose, get, goaway, mk, response } from './case-kit.js';

const OLD: Array<['TLSv1' | 'TLSv1.1', string]> = [
  ['TLSv1', '1.0'],
  ['TLSv1.1', '1.1'],
];

/** TLS 1.2 suites on the §9.2.2 (Appendix A) list, as OpenSSL names them. */
const PROHIBITED = ['AES128-SHA', 'AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA384'];

export const tlsCases: SuiteCase[] = [
  ...OLD.map(([v, name]) =>
    mk({ id: `rfc9113/9.2/tls-${name.replace('.', '-')}-refused`, section: 'RFC 9113 §9.2', requirement: `Implementations of HTTP/2 MUST use TLS 1.2 or higher: a client offering at most TLS ${name} is refused at the handshake, or the connection ended with INADEQUATE_SECURITY.`, steps: [...HANDSHAKE, get(1)], allowed: [bareClose, goaway(E.INADEQUATE_SECURITY)], tlsClient: { minVersion: 'TLSv1', maxVersion: v, ciphers: 'DEFAULT:@SECLEVEL=0' } }),
  ),
  mk({ id: 'rfc9113/9.2.2/tls-1-2-mandatory-suite-served', section: 'RFC 9113 §9.2.2', requirement: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 MUST be supported over TLS 1.2, and INADEQUATE_SECURITY MUST NOT be sent for a suite that is not prohibited: the request is served.', steps: [...HANDSHAKE, get(1)], allowed: [response(1)], tlsClient: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' } }),
  mk({ id: 'rfc9113/9.2/tls-1-3-served', section: 'RFC 9113 §9.2', requirement: 'TLS 1.3 meets every requirement of §9.2: the request is served.', steps: [...HANDSHAKE, get(1)], allowed: [response(1)], tlsClient: { minVersion: 'TLSv1.3' } }),
  ...PROHIBITED.map((suite) =>
    mk({ id: `rfc9113/9.2.2/prohibited-suite-${suite.toLowerCase()}`, section: 'RFC 9113 §9.2.2', requirement: `A deployment SHOULD NOT use the prohibited suite ${suite}, and MAY end a connection that negotiated it with INADEQUATE_SECURITY: refusing it, INADEQUATE_SECURITY or serving are the choices, any other error code is wrong.`, steps: [...HANDSHAKE, get(1)], allowed: [bareClose, goaway(E.INADEQUATE_SECURITY), response(1)], followUp: false, tlsClient: { maxVersion: 'TLSv1.2', ciphers: `${suite}:@SECLEVEL=0` } }),
  ),
  mk({ id: 'rfc9113/9.2.1/renegotiation-refused', section: 'RFC 9113 §9.2.1', requirement: 'An endpoint MUST treat a TLS renegotiation as a connection error of type PROTOCOL_ERROR: GOAWAY PROTOCOL_ERROR, or the renegotiation refused at the TLS layer, which ends the connection.', steps: [...HANDSHAKE, get(1), { op: 'wait' }, { op: 'tls-renegotiate' }, get(3)], allowed: [goaway(E.PROTOCOL_ERROR), bareClose], tlsClient: { maxVersion: 'TLSv1.2' } }),
];
