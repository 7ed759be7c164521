/** How report values are written into rendered tables and text (any data, never throws). */
import { getIn, templateOf, type Template } from '../report-shape.js';
import type { JsonPath, Report } from '../types.js';

/**
 * The template whose tables are drawn: the report's own, else the one its year or keys
 * point to, so that a report with a broken `template` still renders.
 */
export function renderTemplate(report: Report): Template {
  const own = report && typeof report === 'object' ? templateOf(report) : undefined;
  if (own) return own;
  if (typeof report?.year === 'number') return report.year <= 2020 ? 2019 : 2021;
  const regulations = report?.proactive?.regulations;
  if (regulations && typeof regulations === 'object' && 'made' in regulations) return 2019;
  return 2021;
}

/** A number as written in the table; anything else shown raw so that the reader sees it. */
export function cellText(report: Report, path: JsonPath): string {
  let value: unknown;
  try {
    value = getIn(report, path);
  } catch {
    return '';
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A text section as paragraphs: one per non-empty line. */
export function paragraphs(value: unknown): string[] {
  if (typeof value !== 'string') return value === null || value === undefined ? [] : [String(value)];
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** `盐池县王乐井乡人民政府2020年政府信息公开工作年度报告`. */
export function reportTitle(report: Report): string {
  const agency = typeof report?.agency === 'string' ? report.agency : '';
  const year = typeof report?.year === 'number' || typeof report?.year === 'string' ? `${report.year}年` : '';
  return `${agency}${year}政府信息公开工作年度报告`;
}
