import { ConfigError } from '../../errors.js';
import type { Rule } from '../../types.js';

/** 条例 第四十九条: the report is published by 1月31日 of the following year. */
const DEFAULT_DEADLINE = '01-31';

/**
 * `published` later than the deadline in the year after `year`. The deadline's month-day is
 * the rule option `deadline` (`03-31` for 本级人民政府 reports, which are due by 3月31日).
 */
const rule: Rule = {
  meta: {
    id: 'publication-deadline',
    severity: 'warning',
    reads: ['published', 'year'],
    messages: { late: 'publication-deadline.late' },
  },
  check(report, ctx) {
    const { published, year } = report as { published?: unknown; year: number };
    if (typeof published !== 'string') return;
    const monthDay = deadlineOption(ctx.options.deadline);
    const deadline = `${year + 1}-${monthDay}`;
    // Both are YYYY-MM-DD (the schema checked `published`), so string order is date order.
    if (published > deadline) ctx.report({ messageId: 'late', path: ['published'], data: { published, deadline, year } });
  },
};

function deadlineOption(value: unknown): string {
  if (value === undefined) return DEFAULT_DEADLINE;
  const m = typeof value === 'string' ? /^(\d{2})-(\d{2})$/.exec(value) : null;
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2024, month, 0)).getUTCDate()) {
    throw new ConfigError(`规则 publication-deadline 的选项 deadline 应为 "MM-DD" 格式的月日，如 "03-31"，实为 ${JSON.stringify(value)}`);
  }
  return value as string;
}
export default rule;
