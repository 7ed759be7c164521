import { APPLICANT_COLUMNS, getIn, outcomeGroups, templateOf } from '../report-shape.js';
import type { Rule } from '../types.js';

/**
 * 三: for every column, （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+（六）(2021: Σ（六）).
 * Reported at `outcomes.total.<column>`; the addends are shown per group, as the table reads.
 */
const rule: Rule = {
  meta: {
    id: 'outcome-total',
    severity: 'error',
    reads: ['applications'],
    messages: { mismatch: 'outcome-total.mismatch' },
  },
  check(report, ctx) {
    const template = templateOf(report)!;
    const outcomes = report.applications.outcomes;
    const outcomeGroupsOfTemplate = outcomeGroups(template);
    for (const column of APPLICANT_COLUMNS) {
      const groups = outcomeGroupsOfTemplate.map((g) => {
        const node = outcomes[g.key];
        const value = g.rows.length === 0 ? (node[column] as number) : g.rows.reduce((s, r) => s + (node[r][column] as number), 0);
        return { key: g.key, value };
      });
      const expected = groups.reduce((s, g) => s + g.value, 0);
      const actual = getIn(outcomes, ['total', column]) as number;
      if (actual !== expected) {
        ctx.report({
          messageId: 'mismatch',
          path: ['applications', 'outcomes', 'total', column],
          expected,
          actual,
          data: { addends: groups.map((g) => ctx.addend(['applications', 'outcomes', g.key], g.value)).join(' + ') },
        });
      }
    }
  },
};
export default rule;
