import { getIn, templateOf } from '../report-shape.js';
import { cellLabel, shortLabel } from './schema/labels.js';
import type { Report, RuleContext } from '../types.js';
import { toPointer } from '../util/json-pointer.js';
import { t } from '../i18n/index.js';

type Previous = NonNullable<RuleContext['previous']>;

/** Last year's report when it really is the year before this one (else the cross-year rules stay silent). */
export function previousOfYearBefore(report: Report, ctx: RuleContext): Previous | undefined {
  const previous = ctx.previous;
  if (!previous || typeof report.year !== 'number' || previous.data.year !== report.year - 1) return undefined;
  return previous;
}

/** A cell of last year's report: its value (a count), its official label, and ` （第 N 行）` when known. */
export function previousCellAt(previous: Previous, path: string[], ctx: RuleContext): { value: number; cell: string; shortCell: string; at: string } | undefined {
  const value = getIn(previous.data, path);
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  const template = templateOf(previous.data);
  const line = previous.lines?.[toPointer(path)];
  return {
    value,
    cell: cellLabel(template, path, ctx.lang),
    shortCell: shortLabel(template, path, ctx.lang),
    at: line !== undefined ? t(ctx.lang, 'cross-year.at', { line }) : '',
  };
}
