// HPACK vectors: every hpack-test-case encoder folder (decode, re-encode,
// decode back) and the byte identity of our deflater with libnghttp2. They
// test our HPACK, whatever the HTTP/2 target, so their cases belong to `ref`.
// Stories that cannot be found or read make the stage not run (with the fix),
// never a crash of the run: they are test data, not the code under test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultVectorsRoot, encoderDirs, runEncoder, VectorsUnavailableError } from '../../vectors/run-vectors.js';
import { nghttp2Available } from '../../peers/nghttp2-hpack.js';
import { notRunStage, ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult } from '../../report/report-model.js';
import { runNghttp2Identity } from './nghttp2-identity.js';

const INSTALL_LIBNGHTTP2 = 'apt-get install libnghttp2-14';
const STAGE = { name: 'hpack-vectors', kind: 'vectors', title: 'HPACK vectors (hpack-test-case) and byte identity with libnghttp2' } as const;

export function vectorsStage(ci: boolean, root = defaultVectorsRoot()): StageResult {
  const started = Date.now();
  let dirs: string[];
  try {
    dirs = encoderDirs(root);
  } catch (err) {
    if (err instanceof VectorsUnavailableError) return notRunStage(STAGE, err.message, err.fix);
    throw err;
  }
  const cases: CaseResult[] = dirs.map(runEncoder).map((r) => {
    const first = r.failures[0];
    return {
      id: `vectors/${r.encoder}`,
      description: `${r.stories} stories, ${r.blocks} blocks encoded by ${r.encoder}: decode, re-encode, decode back`,
      target: 'ref',
      outcome: first ? 'failed' : 'passed',
      ...(first
        ? { failure: { message: `${r.failures.length} failures; first: ${first.story} block ${first.seqno} (${first.phase}): ${first.detail}`, scope: 'none', code: null, initiator: 'target' } }
        : {}),
    } satisfies CaseResult;
  });
  cases.push(identityCase(ci, join(root, 'raw-data')));
  return ranStage({ ...STAGE, durationMs: Date.now() - started, cases });
}

/** Byte identity with libnghttp2 on the raw-data stories (the header lists every encoder folder was made from). */
function identityCase(ci: boolean, rawData: string): CaseResult {
  const identity: CaseResult = { id: 'identity/nghttp2', description: 'deflate output and tables byte-identical to libnghttp2 on every raw-data story', target: 'ref', outcome: 'skipped' };
  if (!existsSync(rawData)) {
    identity.failure = { message: `no raw-data folder at ${rawData}: the identity check needs the raw-data stories`, scope: 'none', code: null, initiator: 'harness' };
    if (ci) identity.outcome = 'failed';
  } else if (nghttp2Available()) {
    const r = runNghttp2Identity(rawData);
    const m = r.mismatches[0];
    identity.description = `${r.stories} stories, ${r.blocks} blocks: deflate output and tables byte-identical to libnghttp2`;
    identity.outcome = m ? 'failed' : 'passed';
    if (m) identity.failure = { message: `${r.mismatches.length} stories differ; first: ${m.story} block ${m.seqno} (${m.what})`, expected: [m.nghttp2], actual: m.ours, scope: 'none', code: null, initiator: 'target' };
  } else {
    identity.failure = { message: `libnghttp2.so.14 is missing (${INSTALL_LIBNGHTTP2})`, scope: 'none', code: null, initiator: 'harness' };
    if (ci) identity.outcome = 'failed';
  }
  return identity;
}
