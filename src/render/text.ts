/**
 * Markdown and plain-text rendering. Markdown draws 二 as one small table per 第二十条 item
 * (as official-tables.md does) and 三/四 as full-width grids whose spanned slots are empty;
 * plain text is what a Word table copied as text looks like: one row per line, cells
 * separated by tabs, every row as wide as the table.
 */
import type { Report } from '../types.js';
import { expandGrid, proactiveTables, SECTION_HEADINGS, SECTION_ORDER, tableModels, TEXT_SECTIONS, type Slot, type TableModel } from './layout.js';
import { sanitize } from '../util/sanitize.js';
import { cellText, paragraphs, renderTemplate, reportTitle } from './values.js';

const isText = (s: string) => (TEXT_SECTIONS as readonly string[]).includes(s);

function slotText(report: Report, slot: Slot | undefined): string {
  if (!slot || !slot.origin) return '';
  return slot.cell.path ? cellText(report, slot.cell.path) : slot.cell.text;
}

/**
 * Text from the report (agency, dates, prose, a cell) as Markdown that shows exactly those
 * characters and nothing else: a value such as `<img onerror=…>`, `[x](javascript:…)`,
 * `**bold**`, `# heading` or `https://…` must not become HTML, a link, emphasis, a heading or
 * an autolink on the site the Markdown is pasted into. Controls and bidi characters are made
 * visible first (sanitize). `&`, `<`, `>` become entities (which every Markdown keeps as text);
 * the other inline markup characters get a backslash (CommonMark: any ASCII punctuation may be
 * escaped); `://`, `www.` and `@` are broken up so that GFM does not autolink them. Line
 * breaks become spaces. `lineStart`: the text starts a line (a paragraph, not a table cell),
 * where list, heading and quote markers are escaped too.
 */
export function mdText(text: string, lineStart = false): string {
  const inline = sanitize(text.replace(/\s*\n\s*/g, ' '))
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
  return lineStart ? inline.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2') : inline;
}

function mdRow(cells: string[]): string {
  return '| ' + cells.map((cell) => mdText(cell)).join(' | ') + ' |';
}

function mdGrid(report: Report, model: TableModel): string[] {
  const grid = expandGrid(model).map((row) => Array.from({ length: model.width }, (_, i) => slotText(report, row[i])));
  return [mdRow(grid[0]!), '|' + '---|'.repeat(model.width), ...grid.slice(1).map(mdRow)];
}

function mdProactive(report: Report, out: string[]): void {
  for (const table of proactiveTables(renderTemplate(report))) {
    out.push(`**${table.heading}**`, '');
    out.push(mdRow(['信息内容', ...table.columns.map((c) => c.label)]));
    out.push('|' + '---|'.repeat(table.columns.length + 1));
    for (const row of table.rows) {
      out.push(mdRow([row.label, ...table.columns.map((c) => cellText(report, ['proactive', row.key, c.key]))]));
    }
    out.push('');
  }
}

export function renderReportMarkdown(report: Report): string {
  const out: string[] = [`# ${mdText(reportTitle(report))}`, ''];
  if (typeof report?.published === 'string') out.push(`发布日期：${mdText(report.published)}`, '');
  const models = tableModels(renderTemplate(report));
  // Lines are pushed one by one, never as push(...lines): a section of 200,000 lines would
  // overflow the stack as call arguments.
  for (const section of SECTION_ORDER) {
    out.push(`## ${SECTION_HEADINGS[section]}`, '');
    if (isText(section)) {
      for (const p of paragraphs(report?.[section])) out.push(mdText(p, true), '');
    } else if (section === 'proactive') {
      mdProactive(report, out);
    } else {
      for (const line of mdGrid(report, models.find((m) => m.section === section)!)) out.push(line);
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** A value in plain text: one line, controls and bidi characters made visible. */
function txtCell(text: string): string {
  return sanitize(text.replace(/[\t\r\n]+/g, ' '));
}

export function renderReportText(report: Report): string {
  const out: string[] = [txtCell(reportTitle(report)), ''];
  if (typeof report?.published === 'string') out.push(`发布日期：${txtCell(report.published)}`, '');
  const models = tableModels(renderTemplate(report));
  for (const section of SECTION_ORDER) {
    out.push(SECTION_HEADINGS[section], '');
    if (isText(section)) {
      // One paragraph per line, as Word copies text: a blank line would read as a page break.
      for (const p of paragraphs(report?.[section])) out.push(txtCell(p));
      out.push('');
      continue;
    }
    const model = models.find((m) => m.section === section)!;
    for (const row of expandGrid(model)) {
      out.push(Array.from({ length: model.width }, (_, i) => txtCell(slotText(report, row[i]))).join('\t'));
    }
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
