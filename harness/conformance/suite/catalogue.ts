// The whole catalogue, in section order, checked once when loaded: ids are
// unique and stable (document/section/what), every case names its section
// and requirement and allows at least one outcome.
import { extensionCases } from './cases/extensions.js';
import { frameCases } from './cases/rfc9113-4-frames.js';
import { streamCases } from './cases/rfc9113-5-streams.js';
import { settingsCases } from './cases/rfc9113-6-5-settings.js';
import { frameRuleCases } from './cases/rfc9113-6-frame-rules.js';
import { httpCases } from './cases/rfc9113-8-http.js';
import { tlsCases } from './cases/rfc9113-9-2-tls.js';
import type { SuiteCase } from './suite-case.js';

export class CatalogueError extends Error {
  override name = 'CatalogueError';
  readonly code = 'ERR_SUITE_CATALOGUE';
}

const ID = /^rfc\d{4}\/[\d.]+\/[a-z0-9-]+(\/[a-z0-9-]+)*$/;

function checked(cases: SuiteCase[]): readonly SuiteCase[] {
  const seen = new Set<string>();
  for (const c of cases) {
    if (!ID.test(c.id)) throw new CatalogueError(`case id ${JSON.stringify(c.id)} is not document/section/name`);
    if (seen.has(c.id)) throw new CatalogueError(`case id ${c.id} appears twice`);
    seen.add(c.id);
    if (!c.section || !c.requirement || c.expect.allowed.length === 0) throw new CatalogueError(`case ${c.id} lacks a section, requirement or allowed outcome`);
  }
  return Object.freeze(cases);
}

export const SUITE_CASES: readonly SuiteCase[] = checked([...frameCases, ...streamCases, ...frameRuleCases, ...settingsCases, ...httpCases, ...extensionCases, ...tlsCases]);

export function findCase(id: string): SuiteCase | undefined {
  return SUITE_CASES.find((c) => c.id === id);
}

/** `rfc9113/6.9.1/x` → `6.9.1` of RFC 9113, the section group the report shows. */
export function sectionOf(id: string): string {
  return id.split('/')[1]!;
}
