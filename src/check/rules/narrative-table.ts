import { prepare, tableClaims, type TableClaim } from '../narrative/prose.js';
import { MAX_PROSE_CHARS, proseOf, PROSE_SECTIONS } from '../narrative/sections.js';
import { cellLabel } from '../schema/labels.js';
import { templateOf } from '../../report-shape.js';
import type { Report, Rule } from '../../types.js';

/** The table cell (or cells) each kind of prose statement restates. */
const CELLS: Record<TableClaim['kind'], string[][]> = {
  received: [['applications', 'received', 'total']],
  outcomes: [['applications', 'outcomes', 'total', 'total']],
  review: [['review_litigation', 'review', 'total']],
  lawsuit: [
    ['review_litigation', 'lawsuit_direct', 'total'],
    ['review_litigation', 'lawsuit_after_review', 'total'],
  ],
};

/**
 * Where the prose states a number the tables also hold — 收到/新收政府信息公开申请N件,
 * 本年度办理结果总计N件, 行政复议N件, 行政诉讼N件 — the two must agree. Statements about
 * another year, comparisons and approximate numbers are skipped (precision over recall).
 */
const rule: Rule = {
  meta: {
    id: 'narrative-table',
    severity: 'warning',
    reads: [...PROSE_SECTIONS, 'applications', 'review_litigation'],
    messages: { mismatch: 'narrative-table.mismatch', tooLong: 'narrative-table.tooLong' },
  },
  check(report, ctx) {
    const template = templateOf(report);
    for (const { section, text, fullLength } of proseOf(report)) {
      // Only the beginning was read: say so, so that the rest does not pass as checked.
      if (fullLength !== undefined) ctx.report({ messageId: 'tooLong', path: [section], data: { length: fullLength, limit: MAX_PROSE_CHARS, checked: text.length } });
      const prose = prepare(text);
      for (const claim of tableClaims(prose, report.year as number)) {
        const cells = CELLS[claim.kind];
        const table = cells.reduce((sum, path) => sum + (valueAt(report, path) ?? NaN), 0);
        if (Number.isNaN(table) || table === claim.value) continue;
        ctx.report({
          messageId: 'mismatch',
          path: [section],
          expected: table,
          actual: claim.value,
          textOffset: prose.offsets[claim.at] ?? 0,
          data: { quote: claim.quote, tableCell: cells.map((p) => cellLabel(template, p, ctx.lang)).join(' + ') },
        });
      }
    }
  },
};

function valueAt(report: Report, path: string[]): number | undefined {
  let v: unknown = report;
  for (const seg of path) v = (v as Record<string, unknown> | undefined)?.[seg];
  return typeof v === 'number' ? v : undefined;
}
export default rule;
