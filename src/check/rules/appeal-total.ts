import { APPEAL_GROUPS, APPEAL_PARTS } from '../../report-shape.js';
import type { Rule } from '../../types.js';

/** 四: in 行政复议 and both 行政诉讼 groups, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
const rule: Rule = {
  meta: {
    id: 'appeal-total',
    severity: 'error',
    reads: ['review_litigation'],
    messages: { mismatch: 'appeal-total.mismatch' },
  },
  check(report, ctx) {
    for (const group of APPEAL_GROUPS) {
      const g = report.review_litigation[group] as Record<string, number>;
      const expected = APPEAL_PARTS.reduce((s, p) => s + g[p]!, 0);
      if (g.total !== expected) {
        ctx.report({
          messageId: 'mismatch',
          path: ['review_litigation', group, 'total'],
          expected,
          actual: g.total!,
          data: { addends: APPEAL_PARTS.map((p) => ctx.addend(['review_litigation', group, p], g[p]!)).join(' + ') },
        });
      }
    }
  },
};
export default rule;
