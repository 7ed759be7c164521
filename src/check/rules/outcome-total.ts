import { APPLICANT_COLUMNS, getIn, outcomeGroups, templateOf } from '../../report-shape.js';
import type { Rule } from '../../types.js';

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
    const groups = outcomeGroups(template);
    for (const column of APPLICANT_COLUMNS) {
      // Plain loops: this runs for every column of every report of a large batch.
      let expected = 0;
      for (const g of groups) expected += groupValue(outcomes[g.key], g.rows, column);
      const actual = getIn(outcomes, ['total', column]) as number;
      if (actual !== expected) {
        ctx.report({
          messageId: 'mismatch',
          path: ['applications', 'outcomes', 'total', column],
          expected,
          actual,
          data: { addends: groups.map((g) => ctx.addend(['applications', 'outcomes', g.key], groupValue(outcomes[g.key], g.rows, column))).join(' + ') },
        });
      }
    }
  },
};

/** A group's value in one column: its own cell, or the sum of its rows' cells. */
function groupValue(node: Record<string, Record<string, number>>, rows: readonly string[], column: string): number {
  if (rows.length === 0) return node[column] as unknown as number;
  let sum = 0;
  for (const r of rows) sum += node[r]![column]!;
  return sum;
}
export default rule;
