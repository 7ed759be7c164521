import { APPLICANT_PARTS, applicantRowPaths, getIn, templateOf } from '../../report-shape.js';
import type { Rule } from '../../types.js';

/** 三: in every row, 总计 = the six applicant columns. Reported at the row's `total`. */
const rule: Rule = {
  meta: {
    id: 'row-total',
    severity: 'error',
    reads: ['applications'],
    messages: { mismatch: 'row-total.mismatch' },
  },
  check(report, ctx) {
    const template = templateOf(report)!;
    for (const rowPath of applicantRowPaths(template)) {
      const row = getIn(report, rowPath) as Record<string, number>;
      // A plain loop: no closure per row of every report of a large batch.
      let expected = 0;
      for (const c of APPLICANT_PARTS) expected += row[c]!;
      if (row.total !== expected) {
        ctx.report({
          messageId: 'mismatch',
          path: [...rowPath, 'total'],
          expected,
          actual: row.total!,
          data: { addends: APPLICANT_PARTS.map((c) => ctx.addend([...rowPath, c], row[c]!)).join(' + ') },
        });
      }
    }
  },
};
export default rule;
