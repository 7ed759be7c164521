/**
 * `report-lint import`: a published report (plain text, Markdown, HTML, Word) → report data
 * in the format of report-format.md, with a note for everything the importer changed,
 * could not place or left missing.
 */
import { cellLabel } from '../check/schema/labels.js';
import { t } from '../i18n/index.js';
import { sanitize } from '../util/sanitize.js';
import { dataRows, SECTION_HEADINGS, tableModels, TEXT_SECTIONS, type SectionKey } from '../render/layout.js';
import type { Template } from '../report-shape.js';
import type { Lang } from '../types.js';
import { safeDocx } from './docx.js';
import { LabelDictionary, markerOf } from './labels.js';
import { IMPORT_LIMITS, overLimit } from './limits.js';
import { noteKey, Notes, type ImportNote } from './notes.js';
import { readText, readTitle, splitSections } from './sections.js';
import { htmlBlocks, splitCells, textBlocks, type Block, type InputType } from './source.js';
import { readTableSection, setIn, type TableRow } from './tables.js';

export type { ImportNote } from './notes.js';
export type { InputType } from './source.js';

export interface ImportResult {
  report: Record<string, unknown>;
  notes: ImportNote[];
  template: Template | null;
}

const TABLE_SECTIONS = ['proactive', 'applications', 'review_litigation'] as const;

/** Import text input (plain text, Markdown or HTML). */
export function importText(text: string, type: Exclude<InputType, 'docx'>): ImportResult {
  return importBlocks(type === 'html' ? htmlBlocks(text) : textBlocks(text), { joinPageBreaks: type === 'txt' });
}

/** Import a Word document: mammoth turns it into HTML, read like a web page; lines are block numbers. */
export async function importDocx(bytes: Uint8Array): Promise<ImportResult> {
  // mammoth reads only the parts checked against the limits (see docx.ts), never the download.
  const checked = await safeDocx(bytes);
  const mammoth = (await import('mammoth')).default;
  // Images are not read at all: the importer wants text and tables.
  const { value } = await mammoth.convertToHtml({ buffer: checked }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
  return importBlocks(htmlBlocks(value, { ordinal: true }));
}

/**
 * A section's lines as table rows. `count` is the cells of all sections so far: over the
 * limit, reading stops before the next line is split (one line of 5 MB of `|` would otherwise
 * be five million cells before any count could see them).
 */
function tableRows(blocks: readonly Block[], count: { cells: number }): TableRow[] {
  const rows: TableRow[] = [];
  for (const b of blocks) {
    if (b.kind === 'text' && separators(b.text) > IMPORT_LIMITS.tableCells) throw overLimit('tableCells', { count: `> ${IMPORT_LIMITS.tableCells.toLocaleString('en-US')}` });
    const cells = b.kind === 'row' ? b.cells : splitCells(b.text).map((text) => ({ text, line: b.line }));
    count.cells += cells.length;
    // The table reader compares every label-like cell with every official label: bound its work.
    if (count.cells > IMPORT_LIMITS.tableCells) throw overLimit('tableCells', { count: `> ${IMPORT_LIMITS.tableCells.toLocaleString('en-US')}` });
    if (cells.length > 0) rows.push({ cells, line: b.line });
  }
  return rows;
}

/** At least the cells splitCells makes of a line, less one: its `|`, tabs and spaces. */
function separators(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x7c || c === 0x09 || c === 0x20 || c === 0x3000 || c === 0xa0) n++;
  }
  return n;
}

export function importBlocks(blocks: readonly Block[], options: { joinPageBreaks?: boolean } = {}): ImportResult {
  const notes = new Notes();
  const split = splitSections(blocks, notes);
  const { year, agency } = readTitle(split.title, notes);
  const count = { cells: 0 };
  const rowsBySection = Object.fromEntries(TABLE_SECTIONS.map((s) => [s, tableRows(split.sections[s]?.blocks ?? [], count)])) as Record<
    (typeof TABLE_SECTIONS)[number],
    TableRow[]
  >;
  const template = detectTemplate(Object.values(rowsBySection).flat(), year, notes);
  const reading: Template = template ?? 2021;

  const report: Record<string, unknown> = { template, year, agency };
  if (split.published) report.published = split.published;
  report.overview = null;
  // Every cell starts missing; the tables fill in what they can read for sure.
  for (const model of tableModels(reading)) for (const row of dataRows(model)) for (const v of row.values) setIn(report, v.path, null);
  report.problems = null;
  report.other_matters = null;

  for (const key of TEXT_SECTIONS) {
    const section = split.sections[key];
    if (!section) {
      notes.warn(split.lastLine || 1, 'sectionMissing', { section: SECTION_HEADINGS[key] });
      continue;
    }
    report[key] = readText(section.blocks, notes, options.joinPageBreaks);
    if (report[key] === null) notes.warn(section.line, 'emptyText', { section: SECTION_HEADINGS[key] });
  }

  const dict = new LabelDictionary(reading);
  const lastSectionFound = [...TABLE_SECTIONS, ...TEXT_SECTIONS].filter((k) => split.sections[k]).length;
  for (const key of TABLE_SECTIONS) {
    const section = split.sections[key];
    if (!section) {
      notes.warn(split.lastLine || 1, 'sectionMissing', { section: SECTION_HEADINGS[key] }, { rowPath: [key] });
      continue;
    }
    const seen = readTableSection(key, rowsBySection[key], dict, reading, report, notes);
    const missing = [...dict.rows(key), ...(key === 'review_litigation' ? [dict.reviewRow] : [])].filter((r) => !seen.has(r.path.join('/')));
    // A loop, not Math.max(...lines): a spread of a section's blocks overflows the stack.
    let sectionEnd = section.line;
    for (const b of section.blocks) if ((b.kind === 'row' || b.text.trim()) && b.line > sectionEnd) sectionEnd = b.line;
    if (missing.length > 0 && isLastSection(key, split.sections) && lastSectionFound < 6) {
      notes.warn(sectionEnd, 'truncated', { section: SECTION_HEADINGS[key], line: sectionEnd });
    }
    for (const row of missing) notes.warn(sectionEnd, 'rowMissing', {}, { rowPath: row.path });
  }
  notes.list.sort((a, b) => a.line - b.line);
  return { report, notes: notes.list, template };
}

function isLastSection(key: SectionKey, sections: Partial<Record<SectionKey, unknown>>): boolean {
  const order: SectionKey[] = ['overview', 'proactive', 'applications', 'review_litigation', 'problems', 'other_matters'];
  return order.slice(order.indexOf(key) + 1).every((k) => !sections[k]);
}

/** The template whose markers the tables print; the year decides only when no label does. */
function detectTemplate(rows: readonly TableRow[], year: number | null, notes: Notes): Template | null {
  const votes: Record<Template, string[]> = { 2019: [], 2021: [] };
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!/[\p{Script=Han}]/u.test(cell.text)) continue;
      const marker = markerOf(cell.text);
      if (marker) votes[marker].push(cell.text.trim());
    }
  }
  const firstLine = rows[0]?.line ?? 1;
  const n19 = votes[2019].length;
  const n21 = votes[2021].length;
  if (n19 > 0 || n21 > 0) {
    const template: Template = n19 === n21 ? (year !== null && year <= 2020 ? 2019 : 2021) : n19 > n21 ? 2019 : 2021;
    if (n19 > 0 && n21 > 0) notes.warn(firstLine, 'templateConflict', { template });
    else notes.info(firstLine, 'template', { template, evidence: [...new Set(votes[template])].slice(0, 3).join('、') });
    return template;
  }
  if (year !== null) {
    const template: Template = year <= 2020 ? 2019 : 2021;
    notes.warn(firstLine, 'templateFromYear', { year, template });
    return template;
  }
  notes.warn(firstLine, 'templateUnknown');
  return null;
}

/** A note as one line of text, its cell or row named by the official labels. */
export function formatNote(note: ImportNote, lang: Lang, template: Template | null): string {
  // Quotes from the input (raw cell text, a heading as printed) are shown only made safe.
  const data: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(note.data)) data[key] = typeof value === 'string' ? sanitize(value) : value;
  if (note.cellPath) data.cell = cellLabel(template ?? undefined, note.cellPath, lang);
  if (note.rowPath) data.row = cellLabel(template ?? undefined, note.rowPath, lang);
  if (typeof data.how === 'string') data.how = t(lang, noteKey(`how.${data.how}`));
  return t(lang, noteKey(note.messageId), data);
}
