// Properties 1–3 (findings.ts) checked through a real peer on one wire case:
//   1. the implementation's blocks, sent on a connection, decode in the peer
//      to the lists it was given (and fields it marked sensitive arrive
//      never-indexed, when the peer tells: RFC 7541 §7.1.3);
//   2. the peer's blocks, captured off the wire, inflate in the
//      implementation as in libnghttp2 (same fields, same tables), and to
//      lists holding every field the peer was given;
//   3. tables: the implementation's inflater after every captured block
//      equals libnghttp2's.
// Byte identity (property 4) and malformed blocks (5) need no peer: the
// in-process cases cover them.
import type { DecodedField, InputField } from '../../../peers/hpack-implementation.js';
import { latin1Of } from '../../../peers/hpack-implementation.js';
import type { WireOracle, WireResult } from '../../../peers/wire/wire-oracle.js';
import type { CaseResult } from '../case-checker.js';
import { inflateInBoth } from '../case-checker.js';
import { bytesToJson } from '../case-json.js';
import type { Finding } from '../findings.js';
import { failure, firstFailure, latitude } from '../findings.js';
import type { FuzzTarget } from '../fuzz-target.js';
import { hexJson, inputAsPairs, outcomeJson, pairsEqual, pairsJson } from '../output-compare.js';
import { judgeSteps } from '../rfc-judge.js';
import type { DeflateRun } from '../session-driver.js';
import { deflateSession } from '../session-driver.js';
import { requestList, responseList, sessionFor } from './wire-case.js';
import type { WireCase } from './wire-case.js';

/** The exchange could not be judged (the peer timed out or its tool failed): the run stops with this, it is not a finding. */
export class WireTroubleError extends Error {
  override name = 'WireTroubleError';
}

const key = (f: DecodedField): string => `${latin1Of(f[0])}\u0000${latin1Of(f[1])}`;

/** Every field of `given` occurs in `got` (as a multiset): peers may add fields and reorder. */
function holdsAll(got: readonly DecodedField[], given: readonly DecodedField[]): boolean {
  const counts = new Map<string, number>();
  for (const f of got) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  for (const f of given) {
    const n = counts.get(key(f)) ?? 0;
    if (n === 0) return false;
    counts.set(key(f), n - 1);
  }
  return true;
}

/** Property 1: what the peer decoded from the implementation's blocks. */
function checkPeerDecodes(ctx: FuzzTarget, oracle: WireOracle, mine: DeflateRun, lists: readonly InputField[][], trip: WireResult): Finding[] {
  const name = ctx.target.impl.name;
  const p = 'its-blocks-inflate-to-the-input-in-every-oracle' as const;
  for (let i = 0; i < mine.blocks.length; i++) {
    const got = trip.decoded[i];
    if (!got) break;
    const input = inputAsPairs(lists[i]!);
    const sides = () => ({ input: pairsJson(input), [`${name} block`]: hexJson(mine.blocks[i]), [oracle.name]: got.ok ? { fields: pairsJson(got.fields), neverIndexed: got.neverIndexed } : { error: got.error } });
    if (!got.ok) {
      const v = judgeSteps(mine.steps, i)[i];
      if (v?.verdict === 'may-reject') return [latitude(p, v.rule, i, `${oracle.name} refuses ${name}'s block: ${v.reason}`, sides)];
      return [failure(p, i, `${oracle.name} refuses ${name}'s block ${i}: ${got.error}`, sides)];
    }
    if (!pairsEqual(got.fields, input)) return [failure(p, i, `${oracle.name} decodes ${name}'s block ${i} to a different list`, sides)];
    if (got.neverIndexed) {
      const lost = lists[i]!.filter((f) => f[2]?.sensitive && !got.neverIndexed!.includes(latin1Of(f[0])));
      if (lost.length > 0) return [failure(p, i, `${oracle.name} did not receive sensitive field ${JSON.stringify(bytesToJson(lost[0]![0]))} as never-indexed (RFC 7541 §6.2.3, §7.1.3)`, sides)];
    }
  }
  return [];
}

/** Properties 2 and 3: the peer's own blocks in the implementation and in libnghttp2. */
function checkItDecodesPeer(ctx: FuzzTarget, oracle: WireOracle, trip: WireResult): Finding[] {
  const impl = ctx.target.impl;
  const { run, found } = inflateInBoth(ctx, trip.peerSteps, 'every-block');
  if (found.length > 0) return found;
  for (let i = 0; i < run.nghttp2.length; i++) {
    const ref = run.nghttp2[i]!;
    const given = inputAsPairs(trip.peerInputs[i] ?? []);
    if (!ref.ok || !holdsAll(ref.fields, given)) {
      // libnghttp2 and the implementation agree, but not with what the peer was given: the peer's doing.
      return [
        latitude(run.fieldsProperty, 'oracle-broke-rfc', i, `${oracle.name}'s block ${i} does not decode (in libnghttp2 either) to a list holding the fields it was given`, () => ({
          given: pairsJson(given),
          [impl.name]: outcomeJson(run.impl[i]),
          nghttp2: outcomeJson(ref),
        })),
      ];
    }
  }
  return [];
}

export async function checkWireCase(ctx: FuzzTarget, oracle: WireOracle, c: WireCase): Promise<CaseResult> {
  const { impl, isTyped } = ctx.target;
  const lists = c.messages.map(oracle.ourRole === 'request' ? requestList : responseList);
  const mine = deflateSession(impl, sessionFor(c, lists), isTyped, 'none');
  const findings: Finding[] = [];
  if (mine.error) {
    const error = mine.error;
    findings.push(failure('its-blocks-inflate-to-the-input-in-every-oracle', mine.blocks.length, `${impl.name}'s deflater threw: ${error.message}`, () => ({ [impl.name]: { error } })));
  }
  const trip = await oracle.exchange(c, mine.blocks);
  findings.push(...checkPeerDecodes(ctx, oracle, mine, lists, trip));
  findings.push(...checkItDecodesPeer(ctx, oracle, trip));
  // A finding explains a broken exchange (the peer hung up on a bad block); only an unexplained one is trouble.
  if (trip.trouble && !firstFailure(findings)) throw new WireTroubleError(`${oracle.name}: ${trip.trouble}`);
  return { findings, blocks: mine.blocks.length + trip.peerSteps.filter((s) => s.kind === 'block').length };
}
