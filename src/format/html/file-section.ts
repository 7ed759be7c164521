import { t } from '../../i18n/index.js';
import { renderTablesHtml } from '../../render/html.js';
import { getIn } from '../../report-shape.js';
import type { Diagnostic, FileResult, Lang, Report } from '../../types.js';
import { fromPointer, toPointer } from '../../util/json-pointer.js';
import { escapeHtml } from './escape.js';
import { ruleShortName } from './rule-names.js';

/** Ids in the page: `f3` is the third file's section, `f3-d2` its second diagnostic, `f3-c1` its first marked cell. */
export const fileId = (index: number) => `f${index + 1}`;
const diagnosticId = (index: number, n: number) => `${fileId(index)}-d${n}`;
const cellId = (index: number, k: number) => `${fileId(index)}-c${k}`;

interface NumberedDiagnostic {
  n: number;
  id: string;
  d: Diagnostic;
}

/**
 * One file's section: a heading with its status, its tables in the official layout with the
 * cells that diagnostics point at marked, and the numbered list of its diagnostics.
 * `collapseCleanTables`: in a run of many files, a clean report's tables start folded away.
 */
export function renderFileSection(result: FileResult, index: number, lang: Lang, collapseCleanTables: boolean): string {
  const numbered: NumberedDiagnostic[] = result.diagnostics.map((d, i) => ({ n: i + 1, id: diagnosticId(index, i + 1), d }));
  const report = asReport(result.data);
  const status = result.errorCount > 0 ? 'error' : result.warningCount > 0 ? 'warning' : 'clean';

  // Which diagnostics mark which cells; the first marked cell of a diagnostic is where its list entry links to.
  const marksByCell = new Map<string, NumberedDiagnostic[]>();
  const firstCellOf = new Map<number, string>();
  let tables = '';
  if (report) {
    const cells = tableCells(report);
    for (const item of numbered) {
      for (const pointer of cellsOf(item.d, cells, report)) {
        if (!marksByCell.has(pointer)) marksByCell.set(pointer, []);
        marksByCell.get(pointer)!.push(item);
      }
    }
    const ids = new Map<string, string>();
    for (const pointer of cells) {
      if (!marksByCell.has(pointer)) continue;
      const id = cellId(index, ids.size + 1);
      ids.set(pointer, id);
      for (const item of marksByCell.get(pointer)!) if (!firstCellOf.has(item.n)) firstCellOf.set(item.n, id);
    }
    tables = renderTablesHtml(report, {
      decorateCell: (pointer) => {
        const marks = marksByCell.get(pointer);
        return marks ? decoration(marks, ids.get(pointer)!, lang) : undefined;
      },
    });
  }

  const out: string[] = [];
  out.push(
    `<section class="rl-file rl-file-${status}" id="${fileId(index)}" data-file="${escapeHtml(result.file)}" data-status="${status}"` +
      ` data-errors="${result.errorCount}" data-warnings="${result.warningCount}">`,
  );
  out.push(`<h2 class="rl-file-heading"><span class="rl-file-name">${escapeHtml(result.file)}</span>${describeReport(report, lang)}</h2>`);
  out.push(
    status === 'clean'
      ? `<p class="rl-status rl-status-clean"><span class="rl-status-icon" aria-hidden="true">✔</span>${escapeHtml(t(lang, 'html.file.clean'))}</p>`
      : `<p class="rl-status rl-status-${status}"><span class="rl-status-icon" aria-hidden="true">${status === 'error' ? '✖' : '!'}</span>` +
          `${escapeHtml(t(lang, 'html.file.problems', { errors: result.errorCount, warnings: result.warningCount }))}</p>`,
  );

  if (!report) {
    // Without data: the file did not parse (or is not a mapping), or the caller did not keep it (LintOptions.keepData).
    const unreadable = result.diagnostics.some((d) => d.ruleId === 'parse' || (d.ruleId === 'schema' && d.path.length === 0));
    out.push(`<p class="rl-note">${escapeHtml(t(lang, unreadable || result.data !== undefined ? 'html.file.noData' : 'html.file.dataNotKept'))}</p>`);
  } else if (tables.trim() === '') {
    out.push(`<p class="rl-note">${escapeHtml(t(lang, 'html.file.noTables'))}</p>`);
  } else if (status === 'clean' && collapseCleanTables) {
    out.push(`<details class="rl-tables-fold"><summary>${escapeHtml(t(lang, 'html.file.showTables'))}</summary><div class="rl-tables">${tables}</div></details>`);
  } else {
    out.push(`<div class="rl-tables">${tables}</div>`);
  }

  if (numbered.length > 0) {
    out.push(`<h3 class="rl-list-heading">${escapeHtml(t(lang, 'html.list.heading'))}</h3>`);
    out.push('<ol class="rl-diags">');
    for (const item of numbered) out.push(listItem(item, firstCellOf.get(item.n), lang));
    out.push('</ol>');
  }
  out.push(`<p class="rl-back"><a href="#top">${escapeHtml(t(lang, 'html.backToTop'))}</a></p>`);
  out.push('</section>');
  return out.join('\n');
}

/** The report data if it can hold tables at all (a parse error leaves none; a list or a number is not a report). */
function asReport(data: unknown): Report | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Report) : undefined;
}

/** Every number cell the official tables show, in table order, as the renderer names them. */
function tableCells(report: Report): string[] {
  const cells: string[] = [];
  renderTablesHtml(report, {
    decorateCell: (pointer) => {
      cells.push(pointer);
      return undefined;
    },
  });
  return cells;
}

/**
 * The cells a diagnostic points at. Most point at one cell. One that points at a row or a
 * table (a missing key, a row that is not a mapping) marks the cells below it that hold no
 * value, which are exactly the ones the clerk has to fill in; an unknown key marks the empty
 * cells beside it. Anything else (metadata, text sections, parse errors) marks no cell and
 * stays in the list with its line.
 */
function cellsOf(d: Diagnostic, cells: readonly string[], report: Report): string[] {
  if (d.ruleId === 'parse') return [];
  const pointer = toPointer(d.path);
  if (cells.includes(pointer)) return [pointer];
  const below = emptyCellsUnder(pointer, cells, report);
  if (below.length > 0 || d.messageId !== 'additionalProperties') return below;
  // An unknown key is mostly a misspelt one (`recieved`): its value is missing beside it.
  return emptyCellsUnder(toPointer(d.path.slice(0, -1)), cells, report);
}

function emptyCellsUnder(pointer: string, cells: readonly string[], report: Report): string[] {
  const prefix = pointer + '/';
  return cells.filter((cell) => cell.startsWith(prefix) && getIn(report, fromPointer(cell)) === undefined);
}

function decoration(marks: NumberedDiagnostic[], id: string, lang: Lang) {
  const severity = marks.some((m) => m.d.severity === 'error') ? 'error' : 'warning';
  const attributes: Record<string, string> = {
    id,
    // Reachable by keyboard: focus shows the message as hover does.
    tabindex: '0',
    'data-severity': severity,
    'data-rule': unique(marks.map((m) => m.d.ruleId)).join(' '),
    'data-diagnostics': marks.map((m) => m.id).join(' '),
    'data-mark': marks.map((m) => m.n).join(','),
  };
  // The arithmetic rules know the value the cell should hold: show it beside the wrong one.
  const expected = unique(marks.filter((m) => m.d.expected !== undefined).map((m) => String(m.d.expected)));
  if (expected.length === 1) attributes['data-expected'] = t(lang, 'html.cell.expected', { expected: expected[0]! });
  return {
    className: `rl-mark rl-${severity}`,
    attributes,
    title: marks.map((m) => `${m.n}. ${t(lang, `severity.${m.d.severity}`)} · ${m.d.ruleId}\n${m.d.message}`).join('\n\n'),
  };
}

function listItem({ n, id, d }: NumberedDiagnostic, cell: string | undefined, lang: Lang): string {
  const where = cell
    ? `<a class="rl-goto" href="#${cell}">${escapeHtml(t(lang, 'html.list.toCell'))}</a>`
    : `<span class="rl-outside">${escapeHtml(t(lang, 'html.list.outside'))}</span>`;
  return (
    `<li id="${id}" class="rl-diag rl-${d.severity}" value="${n}" data-rule="${escapeHtml(d.ruleId)}" data-severity="${d.severity}"` +
    ` data-path="${escapeHtml(toPointer(d.path))}" data-line="${d.line}"${cell ? ` data-cell="${cell}"` : ''}>` +
    `<span class="rl-sev">${escapeHtml(t(lang, `severity.${d.severity}`))}</span> ` +
    `<span class="rl-pos">${escapeHtml(t(lang, 'html.list.position', { line: d.line, column: d.column }))}</span> ` +
    `<span class="rl-msg">${escapeHtml(d.message)}</span> ` +
    `<span class="rl-rule" title="${escapeHtml(ruleShortName(lang, d.ruleId))}">${escapeHtml(d.ruleId)}</span> ${where}</li>`
  );
}

/** `某县市场监督管理局 · 2021 年度` after the file name, from whatever the report holds. */
function describeReport(report: Report | undefined, lang: Lang): string {
  if (!report) return '';
  const parts: string[] = [];
  if (typeof report.agency === 'string' && report.agency.trim() !== '') parts.push(report.agency);
  if (typeof report.year === 'number') parts.push(t(lang, 'html.file.year', { year: report.year }));
  return parts.length ? ` <span class="rl-file-agency">${escapeHtml(parts.join(' · '))}</span>` : '';
}

const unique = <T>(items: T[]) => [...new Set(items)];
