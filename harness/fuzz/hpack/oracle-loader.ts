// The in-process oracles by name (`--oracles nghttp2,hpackjs`; the wire
// oracles node and nghttp are started by wire/wire-oracle-loader.ts). libnghttp2 is
// always loaded: it is the reference for properties 3–5.
import type { HpackImplementation } from '../../peers/hpack-implementation.js';
import { WIRE_ORACLES } from '../../peers/wire/wire-oracle.js';
import type { FuzzTarget, ImplementationUnderTest, InProcessOracle } from './fuzz-target.js';
import { notInstalled, PeerNotInstalledError } from '../../peers/peer-availability.js';

export const IN_PROCESS_ORACLES = ['nghttp2', 'hpackjs'] as const;
export const ALL_ORACLES = [...IN_PROCESS_ORACLES, ...WIRE_ORACLES] as const;
export type OracleName = (typeof IN_PROCESS_ORACLES)[number];

/** hpack.js asserts on any table size above the one it was created with (4096 for its inflater). */
const HPACKJS_MAX_TABLE = 4096;
/** Past this, hpack.js's per-bit string handling costs more than the check is worth (see InProcessOracle.maxFieldLength). */
const HPACKJS_MAX_FIELD = 4096;

export async function loadNghttp2(): Promise<HpackImplementation> {
  const { nghttp2Implementation, nghttp2Available } = await import('../../peers/nghttp2-hpack.js');
  if (!nghttp2Available()) throw new PeerNotInstalledError(notInstalled('libnghttp2.so.14 (the HPACK reference oracle)', 'apt-get install libnghttp2-14'));
  return nghttp2Implementation;
}

export async function buildFuzzTarget(target: ImplementationUnderTest, oracles: readonly OracleName[]): Promise<FuzzTarget> {
  const nghttp2 = await loadNghttp2();
  const inProcess: InProcessOracle[] = [{ impl: nghttp2, maxTableSize: Number.MAX_SAFE_INTEGER, maxFieldLength: Number.MAX_SAFE_INTEGER }];
  if (oracles.includes('hpackjs')) {
    const { hpackJsImplementation } = await import('../../peers/hpackjs-hpack.js');
    inProcess.push({ impl: hpackJsImplementation, maxTableSize: HPACKJS_MAX_TABLE, maxFieldLength: HPACKJS_MAX_FIELD });
  }
  return { target, nghttp2, oracles: inProcess, readout: 'last-block' };
}
