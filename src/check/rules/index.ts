import type { Rule } from '../../types.js';
import appealTotal from './appeal-total.js';
import balance from './balance.js';
import outcomeTotal from './outcome-total.js';
import rowTotal from './row-total.js';
import templateYear from './template-year.js';
import publicationDeadline from './publication-deadline.js';
import carryOver from './carry-over.js';
import inForce from './in-force.js';
import itemCount from './item-count.js';
import narrativeSum from './narrative-sum.js';
import narrativeTable from './narrative-table.js';

/** Every rule, in catalogue order (spec/rules.md). */
export const rules: readonly Rule[] = [
  rowTotal, outcomeTotal, balance, appealTotal, templateYear,
  // consistency, across years, prose
  publicationDeadline, carryOver, inForce, itemCount, narrativeSum, narrativeTable,
];

/** The built-in stages that are not rule modules but carry rule ids of their own. */
export const STAGES = { parse: 'error', schema: 'error' } as const;

export const DOCS_BASE = 'https://github.com/report-lint/report-lint/blob/main/docs/rules.md';
export const docsUrl = (id: string) => `${DOCS_BASE}#${id}`;
