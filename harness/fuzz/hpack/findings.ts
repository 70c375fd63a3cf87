// What a property reports: a finding names its property, whether it is a
// failure or latitude (and then which rule), the block where the sides parted
// and each side's output, ready to be written into a reproducer.
import type { LatitudeRuleId } from './latitude-rules.js';

/** The five properties, named after what they assert so a report line reads as the claim that broke. */
export const PROPERTIES = {
  'its-blocks-inflate-to-the-input-in-every-oracle': 1,
  'every-oracles-blocks-inflate-to-the-input-in-it': 2,
  'its-tables-equal-libnghttp2s-after-every-block': 3,
  'its-blocks-are-byte-identical-to-libnghttp2s': 4,
  'malformed-blocks-are-rejected-with-a-typed-error-or-decoded-as-libnghttp2-does': 5,
} as const;
export type PropertyName = keyof typeof PROPERTIES;

export interface Finding {
  property: PropertyName;
  verdict: 'failure' | 'latitude';
  rule?: LatitudeRuleId;
  /** Index of the block (among the session's blocks) where the difference shows. */
  block: number;
  message: string;
  /** Each side's output at that block, as JSON; built only when asked (reproducers, replay), as it can be large. */
  sides: () => Record<string, unknown>;
}

/** The first finding that is a failure (latitude never fails a case). */
export const firstFailure = (findings: readonly Finding[]): Finding | undefined => findings.find((f) => f.verdict === 'failure');

export const failure = (property: PropertyName, block: number, message: string, sides: () => Record<string, unknown>): Finding => ({ property, verdict: 'failure', block, message, sides });

export const latitude = (property: PropertyName, rule: LatitudeRuleId, block: number, message: string, sides: () => Record<string, unknown>): Finding => ({
  property,
  verdict: 'latitude',
  rule,
  block,
  message,
  sides,
});
