import { APPLICANT_COLUMNS } from '../../report-shape.js';
import { previousCellAt, previousOfYearBefore } from '../previous-year.js';
import type { Rule } from '../../types.js';

/**
 * Across years: 二、上年结转 (year Y) = 四、结转下年度继续办理 (year Y−1), per column. Both templates
 * have these rows with the same meaning, so a template change (2020 → 2021) does not stop it.
 */
const rule: Rule = {
  meta: {
    id: 'carry-over',
    severity: 'warning',
    reads: ['applications'],
    needsPrevious: true,
    messages: { mismatch: 'carry-over.mismatch' },
  },
  check(report, ctx) {
    const previous = previousOfYearBefore(report, ctx);
    if (!previous) return;
    for (const column of APPLICANT_COLUMNS) {
      const before = previousCellAt(previous, ['applications', 'carried_forward', column], ctx);
      const now = report.applications.carried_over[column] as number;
      if (!before || before.value === now) continue;
      ctx.report({
        messageId: 'mismatch',
        path: ['applications', 'carried_over', column],
        expected: before.value,
        actual: now,
        data: { file: ctx.file, previousFile: previous.file, previousCell: before.cell, previousAt: before.at },
      });
    }
  },
};
export default rule;
