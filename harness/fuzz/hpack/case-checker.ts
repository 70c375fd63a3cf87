// The five properties (findings.ts) checked on one generated case. Returns every
// finding (failures and latitude) and how many blocks were exercised.
import type { InputField } from '../../peers/hpack-implementation.js';
import { toBytes } from '../../peers/hpack-implementation.js';
import { mutateBlocks } from './block-mutations.js';
import type { Finding } from './findings.js';
import { failure, latitude } from './findings.js';
import type { FuzzTarget, InProcessOracle } from './fuzz-target.js';
import { anyErrorIsTyped, oracleCanRun } from './fuzz-target.js';
import type { HpackCase } from './hpack-case.js';
import { headerSteps } from './hpack-case.js';
import { compareInflaters, DEFAULT_TABLE_SIZE } from './inflater-classifier.js';
import { LATITUDE_RULES } from './latitude-rules.js';
import { bytesEqual, hexJson, inputAsPairs, isTablePrefix, outcomeJson, pairsEqual, pairsJson, stepsEqual, tableJson, tablesAgree } from './output-compare.js';
import { judgeSteps } from './rfc-judge.js';
import type { JudgeStep } from './rfc-judge.js';
import type { BlockOutcome, DeflateRun, TableReading, TableReadout } from './session-driver.js';
import { deflateSession, inflateSteps, replaceBlocks } from './session-driver.js';

export interface CaseResult {
  findings: Finding[];
  blocks: number;
}

const NGHTTP2_MAX_NV = 65_536;
const hasHugeField = (lists: ReadonlyArray<readonly InputField[]>): boolean =>
  lists.some((l) => l.some((f) => toBytes(f[0]).length > NGHTTP2_MAX_NV || toBytes(f[1]).length > NGHTTP2_MAX_NV));

/**
 * Its inflater on a sequence of steps, run once per distinct sequence within
 * a case: ours deflates libnghttp2's bytes exactly, so properties 1 and 2
 * usually hand it the same steps, and a fresh inflater on the same steps
 * gives the same outcomes.
 */
type ImplInflate = (steps: readonly JudgeStep[]) => BlockOutcome[];

function implInflater(ctx: FuzzTarget): ImplInflate {
  let last: { steps: readonly JudgeStep[]; outcomes: BlockOutcome[] } | undefined;
  return (steps) => {
    if (last && stepsEqual(last.steps, steps)) return last.outcomes;
    const outcomes = inflateSteps(ctx.target.impl, steps, ctx.target.isTyped, ctx.readout);
    last = { steps, outcomes };
    return outcomes;
  };
}


/** Property 4 (ours only): the same blocks, byte for byte, as libnghttp2's deflater. */
function checkByteIdentity(ctx: FuzzTarget, mine: DeflateRun, ref: DeflateRun, lists: readonly (readonly InputField[])[]): Finding[] {
  const n = Math.min(mine.blocks.length, ref.blocks.length);
  for (let i = 0; i < n; i++) {
    if (!bytesEqual(mine.blocks[i]!, ref.blocks[i]!)) {
      return [
        failure('its-blocks-are-byte-identical-to-libnghttp2s', i, `block ${i} differs from libnghttp2's`, () => ({
          input: pairsJson(inputAsPairs(lists[i]!)),
          [ctx.target.impl.name]: hexJson(mine.blocks[i]),
          nghttp2: hexJson(ref.blocks[i]),
        })),
      ];
    }
  }
  return [];
}

/**
 * Property 3, deflater side: ours must hold libnghttp2's table exactly; any
 * other implementation only the newest part of it (latitude otherwise).
 */
function checkDeflaterTable(ctx: FuzzTarget, block: number, deflater: TableReading, decoder: TableReading): Finding | undefined {
  const name = ctx.target.impl.name;
  const sides = () => ({ [`${name} deflater`]: tableJson(deflater), 'nghttp2 inflater': tableJson(decoder) });
  const p = 'its-tables-equal-libnghttp2s-after-every-block' as const;
  if (tablesAgree(deflater, decoder)) return undefined;
  if (!isTablePrefix(deflater, decoder)) return failure(p, block, `${name}'s deflater table is not the newest part of libnghttp2's inflater table after the same blocks`, sides);
  if (ctx.target.byteIdentity) return failure(p, block, `${name}'s deflater table differs from libnghttp2's inflater table after the same blocks`, sides);
  return latitude(p, 'encoder-uses-less-table', block, `${name}'s deflater keeps less of the table than the decoder`, sides);
}

/** Property 1 (and 3 for the deflater side): its blocks, inflated by one oracle, give back the input. */
function checkOracleInflates(ctx: FuzzTarget, oracle: InProcessOracle, mine: DeflateRun, lists: readonly (readonly InputField[])[], implInflate: ImplInflate, known?: BlockOutcome[]): Finding[] {
  const isReference = oracle.impl === ctx.nghttp2;
  const outs = known ?? inflateSteps(oracle.impl, mine.steps, anyErrorIsTyped, isReference ? ctx.readout : 'none');
  const name = ctx.target.impl.name;
  const p = 'its-blocks-inflate-to-the-input-in-every-oracle' as const;
  let smallerTable: Finding | undefined;
  for (let i = 0; i < outs.length; i++) {
    const out = outs[i]!;
    const input = inputAsPairs(lists[i]!);
    const sides = () => ({ input: pairsJson(input), [`${name} block`]: hexJson(mine.blocks[i]), [oracle.impl.name]: outcomeJson(out) });
    if (!out.ok) {
      const v = judgeSteps(mine.steps, i)[i];
      if (v?.verdict === 'may-reject') return [latitude(p, v.rule, i, `${oracle.impl.name} rejects ${name}'s block: ${v.reason}`, sides)];
      if (v?.verdict === 'must-reject') return [failure(p, i, `${name}'s deflater wrote a block that MUST be rejected: ${v.reason} (${v.section})`, sides)];
      return [failure(p, i, `${oracle.impl.name} rejects ${name}'s block (${out.error.message}); the RFC judge finds it valid`, sides)];
    }
    if (!pairsEqual(out.fields, input)) return [failure(p, i, `${oracle.impl.name} inflates ${name}'s block to a different list`, sides)];
    const found = isReference ? checkDeflaterTable(ctx, i, mine.tables[i]!, out) : undefined;
    if (found?.verdict === 'failure') return [found];
    smallerTable ??= found;
  }
  if (!isReference) return [];
  // Its own inflater, fed its own blocks, must build libnghttp2's tables (property 3).
  const peer = compareInflaters({ steps: mine.steps, impl: implInflate(mine.steps), nghttp2: outs, fieldsProperty: p, implName: name });
  return smallerTable ? [smallerTable, ...peer] : peer;
}

/**
 * libnghttp2's inflater on libnghttp2's own blocks, without running it: its
 * deflater's table mirrors it, and it decodes its own blocks to the input.
 * (A field over 64 KiB, which its inflater would refuse, then shows up as
 * the implementation's rejection and goes to the judge as it would anyway.)
 */
function nghttp2OnItsOwnBlocks(ref: DeflateRun, lists: readonly (readonly InputField[])[]): BlockOutcome[] {
  return ref.blocks.map((_, i) => ({ ok: true, fields: inputAsPairs(lists[i]!), ...ref.tables[i] }));
}

/**
 * An oracle's blocks inflated in the implementation and in libnghttp2 (unless
 * either side's outcomes are already known), compared block by block: properties 2 and 3.
 */
export function inflateInBoth(ctx: FuzzTarget, steps: readonly JudgeStep[], readout: TableReadout, nghttp2?: BlockOutcome[], implOutcomes?: BlockOutcome[]) {
  const { impl, isTyped } = ctx.target;
  const run = {
    steps,
    impl: implOutcomes ?? inflateSteps(impl, steps, isTyped, readout),
    nghttp2: nghttp2 ?? inflateSteps(ctx.nghttp2, steps, anyErrorIsTyped, readout),
    fieldsProperty: 'every-oracles-blocks-inflate-to-the-input-in-it' as const,
    implName: impl.name,
  };
  return { run, found: compareInflaters(run) };
}

/** Property 2 (and 3 for the inflater side): the oracle's blocks inflate in it as in libnghttp2, and to the input. */
function checkItInflates(ctx: FuzzTarget, oracle: InProcessOracle, theirs: DeflateRun, lists: readonly (readonly InputField[])[], implInflate: ImplInflate): Finding[] {
  const impl = ctx.target.impl;
  const { run, found } = inflateInBoth(ctx, theirs.steps, ctx.readout, oracle.impl === ctx.nghttp2 ? nghttp2OnItsOwnBlocks(theirs, lists) : undefined, implInflate(theirs.steps));
  if (found.length > 0) return found;
  // Same outputs on both sides; they should also be the input, unless the oracle's deflater erred.
  for (let i = 0; i < run.nghttp2.length; i++) {
    const ref = run.nghttp2[i]!;
    if (ref.ok && !pairsEqual(ref.fields, inputAsPairs(lists[i]!))) {
      return [
        latitude(run.fieldsProperty, 'oracle-broke-rfc', i, `${oracle.impl.name}'s block ${i} does not decode to its input in libnghttp2 either (${LATITUDE_RULES['oracle-broke-rfc'].section})`, () => ({
          input: pairsJson(inputAsPairs(lists[i]!)),
          [`${oracle.impl.name} block`]: hexJson(theirs.blocks[i]),
          [impl.name]: outcomeJson(run.impl[i]),
          nghttp2: outcomeJson(ref),
        })),
      ];
    }
  }
  return [];
}

/**
 * libnghttp2's inflater on its implementation's blocks, when they are its own
 * deflater's blocks exactly (same SETTINGS, same bytes: ours, nearly always):
 * the same inflater on the same input gives what nghttp2OnItsOwnBlocks says,
 * without running it (that saved one libnghttp2 inflation per session, about
 * 15 % of a run against libnghttp2). Not when a field is over libnghttp2's
 * 64 KiB limit: its inflater refuses those, and the judge must see that.
 */
function nghttp2OnSameBlocks(mine: DeflateRun, ref: DeflateRun, lists: readonly (readonly InputField[])[]): BlockOutcome[] | undefined {
  if (mine.error || ref.error || hasHugeField(lists) || !stepsEqual(mine.steps, ref.steps)) return undefined;
  return nghttp2OnItsOwnBlocks(ref, lists);
}

/**
 * The findings keep what a thrown error says (name, code, message:
 * describeThrown), never its stack, and capturing one for every rejected
 * block (most mutated blocks throw, on both sides) took about 5 % of a run:
 * no stack is captured while a case is checked.
 */
export function checkCase(ctx: FuzzTarget, c: HpackCase): CaseResult {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return checkCaseProperties(ctx, c);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function checkCaseProperties(ctx: FuzzTarget, c: HpackCase): CaseResult {
  const { session } = c;
  const lists = headerSteps(session);
  const findings: Finding[] = [];
  const { impl, isTyped } = ctx.target;
  const implInflate = implInflater(ctx);
  const mine = deflateSession(impl, session, isTyped, ctx.readout);
  if (mine.error) {
    const error = mine.error;
    const sides = () => ({ [impl.name]: { error } });
    const i = mine.blocks.length;
    const p = 'its-blocks-inflate-to-the-input-in-every-oracle' as const;
    const refused = mine.refusedTableSize;
    findings.push(
      refused !== undefined && refused > DEFAULT_TABLE_SIZE
        ? latitude(p, 'table-size-capability', i, `${impl.name}'s deflater refuses a table size of ${refused}`, sides)
        : hasHugeField(lists)
          ? latitude(p, 'field-length-limit', i, `${impl.name}'s deflater refuses a field over 64 KiB`, sides)
          : failure(p, i, `${impl.name}'s deflater threw: ${mine.error.message}`, sides),
    );
  }
  const ref = deflateSession(ctx.nghttp2, session, anyErrorIsTyped, ctx.readout);
  if (ctx.target.byteIdentity) findings.push(...checkByteIdentity(ctx, mine, ref, lists));
  for (const oracle of ctx.oracles) {
    if (!oracleCanRun(oracle, session)) continue;
    findings.push(...checkOracleInflates(ctx, oracle, mine, lists, implInflate, oracle.impl === ctx.nghttp2 ? nghttp2OnSameBlocks(mine, ref, lists) : undefined));
    const theirs = oracle.impl === ctx.nghttp2 ? ref : deflateSession(oracle.impl, session, anyErrorIsTyped, 'none', Math.min(session.deflaterCap, oracle.maxTableSize));
    findings.push(...checkItInflates(ctx, oracle, theirs, lists, implInflate));
  }
  if (c.mutations.length > 0) {
    const steps = replaceBlocks(ref.steps, mutateBlocks(ref.blocks, c.mutations));
    findings.push(
      ...compareInflaters({
        steps,
        impl: implInflate(steps),
        nghttp2: inflateSteps(ctx.nghttp2, steps, anyErrorIsTyped, ctx.readout),
        fieldsProperty: 'malformed-blocks-are-rejected-with-a-typed-error-or-decoded-as-libnghttp2-does',
        implName: impl.name,
      }),
    );
  }
  return { findings, blocks: lists.length };
}

