import { IN_FORCE_ROWS } from '../../report-shape.js';
import { previousCellAt, previousOfYearBefore } from '../previous-year.js';
import type { Rule } from '../../types.js';

/**
 * Across years, both reports template 2021: 现行有效件数 (Y) = 现行有效件数 (Y−1) + 本年制发件数 (Y)
 * − 本年废止件数 (Y), for 规章 and 行政规范性文件. Template 2019 has no 现行有效件数, so a
 * 2020 → 2021 pair is skipped.
 */
const rule: Rule = {
  meta: {
    id: 'in-force',
    severity: 'warning',
    reads: ['proactive'],
    needsPrevious: true,
    messages: { mismatch: 'in-force.mismatch' },
  },
  check(report, ctx) {
    const previous = previousOfYearBefore(report, ctx);
    if (!previous || report.template !== 2021 || previous.data.template !== 2021) return;
    for (const row of IN_FORCE_ROWS) {
      const before = previousCellAt(previous, ['proactive', row, 'in_force'], ctx);
      if (!before) continue;
      const { issued, repealed, in_force: now } = report.proactive[row] as Record<string, number>;
      const expected = before.value + issued! - repealed!;
      if (now === expected) continue;
      ctx.report({
        messageId: 'mismatch',
        path: ['proactive', row, 'in_force'],
        expected,
        actual: now!,
        data: { file: ctx.file, previousFile: previous.file, previousCell: before.cell, previousAt: before.at, previousValue: before.value, issued: issued!, repealed: repealed! },
      });
    }
  },
};
export default rule;
