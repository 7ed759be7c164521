/**
 * HTML rendering of the official tables: `<table>` markup with rowspan/colspan as in the
 * template, which a CMS accepts when pasted. Works on any report data, also one with wrong
 * types or missing values (the HTML lint report shows those): never throws.
 */
import { toPointer } from '../util/json-pointer.js';
import { sanitize } from '../util/sanitize.js';
import type { Report } from '../types.js';
import { SECTION_HEADINGS, SECTION_ORDER, tableModels, TEXT_SECTIONS, type GridCell, type TableModel } from './layout.js';
import { cellText, paragraphs, renderTemplate, reportTitle } from './values.js';

export interface CellDecoration {
  className?: string;
  attributes?: Record<string, string>;
  title?: string;
}

export interface TablesHtmlOptions {
  /** Extra class, attributes or tooltip for the value cell at a JSON pointer. */
  decorateCell?: (pointer: string) => CellDecoration | undefined;
  /** Put the section heading (二、三、四) before each table; default true. */
  headings?: boolean;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The three tables (二、三、四) of the report's template, without a page around them. */
export function renderTablesHtml(report: Report, options: TablesHtmlOptions = {}): string {
  const out: string[] = [];
  for (const { section, html } of tablesHtml(report, options)) {
    if (options.headings !== false) out.push(`<h2>${escapeHtml(SECTION_HEADINGS[section])}</h2>`);
    out.push(html);
  }
  return out.join('\n') + '\n';
}

function tablesHtml(report: Report, options: TablesHtmlOptions): { section: TableModel['section']; html: string }[] {
  return tableModels(renderTemplate(report)).map((model) => {
    const out = [`<table class="report-table report-table-${model.section}" border="1" cellspacing="0" cellpadding="4">`, '<tbody>'];
    for (const row of model.rows) out.push('<tr>' + row.map((cell) => renderCell(report, cell, options)).join('') + '</tr>');
    out.push('</tbody>', '</table>');
    return { section: model.section, html: out.join('\n') };
  });
}

function renderCell(report: Report, cell: GridCell, options: TablesHtmlOptions): string {
  const attrs: string[] = [];
  if (cell.rowspan) attrs.push(`rowspan="${cell.rowspan}"`);
  if (cell.colspan) attrs.push(`colspan="${cell.colspan}"`);
  if (!cell.path) return `<th${attrs.map((a) => ' ' + a).join('')}>${escapeHtml(cell.text)}</th>`;
  const pointer = toPointer(cell.path);
  attrs.unshift(`data-path="${escapeHtml(pointer)}"`);
  let decoration: CellDecoration | undefined;
  try {
    decoration = options.decorateCell?.(pointer);
  } catch {
    decoration = undefined;
  }
  if (decoration?.className) attrs.push(`class="${escapeHtml(decoration.className)}"`);
  if (decoration?.title) attrs.push(`title="${escapeHtml(decoration.title)}"`);
  for (const [name, value] of Object.entries(decoration?.attributes ?? {})) {
    // Only well-formed attribute names: a decorator must not be able to break the markup.
    if (/^[A-Za-z_:][-A-Za-z0-9_:.]*$/.test(name)) attrs.push(`${name}="${escapeHtml(String(value))}"`);
  }
  return `<td ${attrs.join(' ')}>${escapeHtml(sanitize(cellText(report, cell.path)))}</td>`;
}

/** The HTML report's policy (src/format/html/page.ts) without its script: the page has none. */
const RENDER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A standalone page (`render --to html`): title, text sections and tables in order. */
export function renderReportHtml(report: Report): string {
  const title = sanitize(reportTitle(report));
  const tables = tablesHtml(report, {});
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  if (typeof report?.published === 'string') body.push(`<p class="published">发布日期：${escapeHtml(sanitize(report.published))}</p>`);
  let tableIndex = 0;
  for (const section of SECTION_ORDER) {
    body.push(`<h2>${escapeHtml(SECTION_HEADINGS[section])}</h2>`);
    if ((TEXT_SECTIONS as readonly string[]).includes(section)) {
      for (const p of paragraphs(report?.[section])) body.push(`<p>${escapeHtml(sanitize(p))}</p>`);
    } else {
      body.push(tables[tableIndex++]!.html);
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    // As the HTML lint report's: nothing is fetched, run or submitted, whatever the values say.
    `<meta http-equiv="Content-Security-Policy" content="${RENDER_CSP}">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    'body { font-family: "SimSun", "Songti SC", serif; max-width: 60em; margin: 2em auto; line-height: 1.6; }',
    'table { border-collapse: collapse; margin: 1em 0; }',
    'th, td { border: 1px solid #000; padding: 2px 6px; text-align: center; font-weight: normal; }',
    'td { min-width: 2.5em; }',
    '</style>',
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
