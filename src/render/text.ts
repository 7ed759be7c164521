/**
 * Markdown and plain-text rendering. Markdown draws 二 as one small table per 第二十条 item
 * (as official-tables.md does) and 三/四 as full-width grids whose spanned slots are empty;
 * plain text is what a Word table copied as text looks like: one row per line, cells
 * separated by tabs, every row as wide as the table.
 */
import type { Report } from '../types.js';
import { expandGrid, proactiveTables, SECTION_HEADINGS, SECTION_ORDER, tableModels, TEXT_SECTIONS, type Slot, type TableModel } from './layout.js';
import { cellText, paragraphs, renderTemplate, reportTitle } from './values.js';

const isText = (s: string) => (TEXT_SECTIONS as readonly string[]).includes(s);

function slotText(report: Report, slot: Slot | undefined): string {
  if (!slot || !slot.origin) return '';
  return slot.cell.path ? cellText(report, slot.cell.path) : slot.cell.text;
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function mdRow(cells: string[]): string {
  return '| ' + cells.map(mdCell).join(' | ') + ' |';
}

function mdGrid(report: Report, model: TableModel): string[] {
  const grid = expandGrid(model).map((row) => Array.from({ length: model.width }, (_, i) => slotText(report, row[i])));
  return [mdRow(grid[0]!), '|' + '---|'.repeat(model.width), ...grid.slice(1).map(mdRow)];
}

function mdProactive(report: Report): string[] {
  const out: string[] = [];
  for (const table of proactiveTables(renderTemplate(report))) {
    out.push(`**${table.heading}**`, '');
    out.push(mdRow(['信息内容', ...table.columns.map((c) => c.label)]));
    out.push('|' + '---|'.repeat(table.columns.length + 1));
    for (const row of table.rows) {
      out.push(mdRow([row.label, ...table.columns.map((c) => cellText(report, ['proactive', row.key, c.key]))]));
    }
    out.push('');
  }
  return out;
}

export function renderReportMarkdown(report: Report): string {
  const out: string[] = [`# ${reportTitle(report)}`, ''];
  if (typeof report?.published === 'string') out.push(`发布日期：${report.published}`, '');
  const models = tableModels(renderTemplate(report));
  for (const section of SECTION_ORDER) {
    out.push(`## ${SECTION_HEADINGS[section]}`, '');
    if (isText(section)) {
      for (const p of paragraphs(report?.[section])) out.push(p, '');
    } else if (section === 'proactive') {
      out.push(...mdProactive(report));
    } else {
      out.push(...mdGrid(report, models.find((m) => m.section === section)!), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function txtCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

export function renderReportText(report: Report): string {
  const out: string[] = [reportTitle(report), ''];
  if (typeof report?.published === 'string') out.push(`发布日期：${report.published}`, '');
  const models = tableModels(renderTemplate(report));
  for (const section of SECTION_ORDER) {
    out.push(SECTION_HEADINGS[section], '');
    if (isText(section)) {
      // One paragraph per line, as Word copies text: a blank line would read as a page break.
      out.push(...paragraphs(report?.[section]), '');
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
