import { APPLICANT_COLUMNS } from '../../report-shape.js';
import type { Rule } from '../../types.js';

/**
 * 三: the official 勾稽关系, per column: 一 + 二 = 三（七）+ 四. Reported at 四、结转下年度继续办理,
 * the cell that closes the relation; `expected` is the value 四 would need.
 */
const rule: Rule = {
  meta: {
    id: 'balance',
    severity: 'error',
    reads: ['applications'],
    messages: { mismatch: 'balance.mismatch' },
  },
  check(report, ctx) {
    const a = report.applications;
    for (const column of APPLICANT_COLUMNS) {
      const received = a.received[column] as number;
      const carriedOver = a.carried_over[column] as number;
      const total = a.outcomes.total[column] as number;
      const forward = a.carried_forward[column] as number;
      if (received + carriedOver !== total + forward) {
        ctx.report({
          messageId: 'mismatch',
          path: ['applications', 'carried_forward', column],
          expected: received + carriedOver - total,
          actual: forward,
          data: {
            addends: [
              ctx.addend(['applications', 'received'], received),
              '+ ' + ctx.addend(['applications', 'carried_over'], carriedOver),
              '− ' + ctx.addend(['applications', 'outcomes', 'total'], total),
            ].join(' '),
          },
        });
      }
    }
  },
};
export default rule;
