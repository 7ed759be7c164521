import { ITEM_ROWS } from '../../report-shape.js';
import { previousCellAt, previousOfYearBefore } from '../previous-year.js';
import type { Rule } from '../../types.js';

/**
 * Across years, both reports template 2019: 上一年项目数量 (Y) = 上一年项目数量 (Y−1) + 本年增/减 (Y−1),
 * for 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费. Template 2021 dropped
 * these columns, so a pair involving it is skipped.
 */
const rule: Rule = {
  meta: {
    id: 'item-count',
    severity: 'warning',
    reads: ['proactive'],
    needsPrevious: true,
    messages: { mismatch: 'item-count.mismatch' },
  },
  check(report, ctx) {
    const previous = previousOfYearBefore(report, ctx);
    if (!previous || report.template !== 2019 || previous.data.template !== 2019) return;
    for (const row of ITEM_ROWS) {
      const items = previousCellAt(previous, ['proactive', row, 'last_year_items'], ctx);
      const change = previousCellAt(previous, ['proactive', row, 'change'], ctx);
      if (!items || !change) continue;
      const expected = items.value + change.value;
      const now = report.proactive[row].last_year_items as number;
      if (now === expected) continue;
      ctx.report({
        messageId: 'mismatch',
        path: ['proactive', row, 'last_year_items'],
        expected,
        actual: now,
        data: {
          file: ctx.file,
          previousFile: previous.file,
          previousCell: items.cell,
          previousValue: items.value,
          changeCell: change.shortCell,
          change: change.value,
          previousAt: items.at,
        },
      });
    }
  },
};
export default rule;
