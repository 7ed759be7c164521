/**
 * Read one table section (二, 三 or 四) of a published report into the report data.
 *
 * The cells of the section are read as one stream, so that a table copied one cell per line
 * reads like one copied row by row. A label opens a data row; the cells after it, up to the
 * next label, are its values. When the row's line has the template's full width and its
 * label sits in its column, the values are taken by position; otherwise the row's values are
 * the one stretch of `expected` cells outside which everything is blank. Whatever cannot be
 * read for sure is left null with a note: numbers are never invented.
 */
import { APPLICANT_PARTS, type Template } from '../report-shape.js';
import { tableModels, type DataRow, type ValueKind } from '../render/layout.js';
import { classifyCell, numberValue, type CellValue } from './cells.js';
import type { LabelDictionary } from './labels.js';
import type { Notes } from './notes.js';
import type { SourceCell } from './source.js';

export interface TableRow {
  cells: SourceCell[];
  line: number;
}

type Section = 'proactive' | 'applications' | 'review_litigation';

interface OpenRow {
  row: DataRow;
  line: number;
  collected: SourceCell[];
  positional?: SourceCell[];
  /** Blank cells after the label on its line that are the template's padding, not values. */
  pads?: { row: number; left: number };
}

export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[path[path.length - 1]!] = value;
}

/** Reads a section's rows; returns the data rows it found (by path) with their lines. */
export function readTableSection(
  section: Section,
  rows: readonly TableRow[],
  dict: LabelDictionary,
  template: Template,
  report: Record<string, unknown>,
  notes: Notes,
): Map<string, number> {
  const width = tableModels(template).find((m) => m.section === section)!.width;
  const seen = new Map<string, number>();
  let open: OpenRow | undefined;
  /** After an unrecognised row label or a repeated row: its numbers are not read. */
  let swallowing = false;
  let pending: SourceCell[] = [];
  const review = section === 'review_litigation' ? { collected: [] as SourceCell[], headerRow: -1, line: 0 } : undefined;

  const close = () => {
    if (open) resolveRow(open, notes, report);
    open = undefined;
    swallowing = false;
  };
  const dropPending = (cells: SourceCell[]) => {
    for (const cell of cells) notes.info(cell.line, 'unknownLabel', { raw: cell.text });
  };

  rows.forEach((row, ri) => {
    for (let ci = 0; ci < row.cells.length; ci++) {
      const cell = row.cells[ci]!;
      const value = classifyCell(cell.text);
      if (value.type === 'label') {
        const found = matchTail([...pending, cell], dict, section);
        if (!found) {
          pending.push(cell);
          if (pending.length > 6) dropPending(pending.splice(0, 1));
          continue;
        }
        dropPending(pending.slice(0, pending.length + 1 - found.used));
        pending = [];
        const { entry, how } = found.match;
        // A typo read as the nearest label decides where numbers go: worth checking.
        if (how === 'fuzzy') notes.warn(cell.line, 'fuzzyLabel', { raw: found.text, label: entry.label });
        else if (how === 'alias') notes.info(cell.line, 'aliasLabel', { raw: found.text, label: entry.label });
        close();
        if (entry.kind === 'row') {
          const key = entry.row.path.join('/');
          if (seen.has(key)) {
            notes.warn(cell.line, 'duplicateRow', { first: seen.get(key)! }, { rowPath: entry.row.path });
            swallowing = true;
            continue;
          }
          seen.set(key, cell.line);
          open = { row: entry.row, line: cell.line, collected: [] };
          // A label in its own column keeps the template's layout: the spanned slots after it are padding.
          if (found.used === 1 && ci === entry.row.labelColumn) open.pads = { row: ri, left: entry.row.values[0]!.column - entry.row.labelColumn - 1 };
          const positional = found.used === 1 && byPosition(row.cells, ci, entry.row, width);
          if (positional) {
            open.positional = positional;
            close();
            break; // the rest of this line is the row's values and padding
          }
        } else if (review && entry.kind === 'header') {
          const stray = review.collected.filter((c) => classifyCell(c.text).type !== 'blank');
          for (const c of stray) notes.warn(c.line, 'unplacedValue', { raw: c.text });
          review.collected = [];
          review.headerRow = ri;
          review.line = cell.line;
        }
        continue;
      }
      if (pending.length > 0 && value.type !== 'blank') {
        close();
        notes.warn(pending[0]!.line, 'unknownRow', { raw: pending.map((c) => c.text).join(' ') });
        pending = [];
        swallowing = true;
      }
      if (swallowing) continue;
      if (open?.pads && open.pads.left > 0 && open.pads.row === ri && value.type === 'blank') {
        open.pads.left--;
        continue;
      }
      if (open) {
        if (open.pads) open.pads.left = 0;
        open.collected.push(cell);
      }
      else if (review && !(value.type === 'blank' && (ri === review.headerRow || review.collected.length === 0))) review.collected.push(cell);
      else if (value.type !== 'blank') notes.warn(cell.line, 'unplacedValue', { raw: cell.text });
    }
  });
  close();
  dropPending(pending);
  if (review && review.collected.length > 0) {
    const row = dict.reviewRow;
    seen.set(row.path.join('/'), review.collected[0]!.line);
    resolveRow({ row, line: review.collected[0]!.line, collected: review.collected }, notes, report);
  }
  return seen;
}

/** The longest run of trailing label cells that names a label (a label split across cells). */
function matchTail(cells: SourceCell[], dict: LabelDictionary, section: string) {
  let fuzzy: { match: NonNullable<ReturnType<LabelDictionary['match']>>; used: number; text: string } | undefined;
  // An exact label in fewer cells beats a typo-distance match over more (项目 + 申请人情况).
  for (let used = cells.length; used >= 1; used--) {
    const text = cells
      .slice(cells.length - used)
      .map((c) => c.text)
      .join('');
    const match = dict.match(text, section);
    if (match && match.how !== 'fuzzy') return { match, used, text };
    if (match && !fuzzy) fuzzy = { match, used, text };
  }
  return fuzzy;
}

/** Values by grid position, when the line is laid out exactly as the template's row. */
function byPosition(cells: SourceCell[], labelIndex: number, row: DataRow, width: number): SourceCell[] | undefined {
  if (cells.length !== width || labelIndex !== row.labelColumn) return undefined;
  const valueColumns = new Set(row.values.map((v) => v.column));
  for (let c = labelIndex + 1; c < width; c++) {
    const kind = classifyCell(cells[c]!.text).type;
    if (valueColumns.has(c) ? kind === 'label' : kind !== 'blank') return undefined;
  }
  return row.values.map((v) => cells[v.column]!);
}

const isBlank = (c: SourceCell) => classifyCell(c.text).type === 'blank';

function resolveRow(open: OpenRow, notes: Notes, report: Record<string, unknown>): void {
  const { row } = open;
  const expected = row.values.length;
  const setNull = () => row.values.forEach((v) => setIn(report, v.path, null));
  let cells = open.positional;
  if (!cells) {
    const list = open.collected;
    const nonBlank = list.filter((c) => !isBlank(c));
    const windows = new Map<string, SourceCell[]>();
    for (let s = 0; s + expected <= list.length; s++) {
      if (list.every((c, i) => (i >= s && i < s + expected) || isBlank(c))) {
        const window = list.slice(s, s + expected);
        windows.set(window.map((c) => c.text.trim()).join('\u0000'), window);
      }
    }
    const only = windows.size === 1 ? [...windows.values()][0]! : undefined;
    // A blank at the edge of the only stretch, with cells left over, may be padding as well as a value.
    const edgeBlank = only && list.length > expected && (isBlank(only[0]!) || isBlank(only[expected - 1]!));
    if (only && !edgeBlank) {
      cells = only;
    } else if (windows.size > 0) {
      notes.warn(open.line, 'ambiguous', {}, { rowPath: row.path });
      return setNull();
    } else if (list.length < expected || nonBlank.length < expected) {
      notes.warn(open.line, 'shortfall', { count: nonBlank.length, expected }, { rowPath: row.path });
      return setNull();
    } else {
      const resolved = dropSurplus(list, row);
      if (!resolved) {
        notes.warn(open.line, 'surplus', { count: nonBlank.length, expected }, { rowPath: row.path });
        return setNull();
      }
      notes.warn(open.line, 'surplusResolved', { count: nonBlank.length, expected, how: resolved.how }, { rowPath: row.path });
      cells = resolved.cells;
    }
  }
  cells.forEach((cell, i) => {
    const spec = row.values[i]!;
    const read = readValue(classifyCell(cell.text), spec.kind);
    setIn(report, spec.path, read.value);
    if (read.messageId) notes.warn(cell.line, read.messageId, { raw: cell.text.trim(), value: read.value ?? '' }, { cellPath: spec.path });
  });
}

function readValue(value: CellValue, kind: ValueKind): { value: number | null; messageId?: string } {
  if (value.type === 'blank') return { value: null, messageId: 'blankCell' };
  if (value.type === 'dash') return { value: null, messageId: 'dashCell' };
  if (value.type === 'label') return { value: null, messageId: 'unplacedValue' };
  const { value: n, notes } = numberValue(value, kind);
  const first = notes[0];
  const messageId =
    first === 'unitConverted' ? 'unitConverted' : first === 'unitRemoved' ? 'unitRemoved' : first === 'fullWidth' ? 'fullWidth' : first === 'sign' ? 'signRemoved' : first === 'thousands' ? 'thousands' : undefined;
  return messageId ? { value: n, messageId } : { value: n };
}

/**
 * One number too many: drop each in turn. Accept the row only when every choice gives the
 * same numbers, or exactly one choice makes the row's totals add up.
 */
function dropSurplus(list: SourceCell[], row: DataRow): { cells: SourceCell[]; how: string } | undefined {
  let start = 0;
  let end = list.length;
  while (start < end && isBlank(list[start]!)) start++;
  while (end > start && isBlank(list[end - 1]!)) end--;
  const trimmed = list.slice(start, end);
  if (trimmed.length !== row.values.length + 1) return undefined;
  const options = trimmed.map((_, i) => trimmed.filter((__, j) => j !== i));
  const numbers = options.map((cells) => cells.map((c, i) => readValue(classifyCell(c.text), row.values[i]!.kind).value));
  const key = (values: (number | null)[]) => values.join(',');
  if (new Set(numbers.map(key)).size === 1) return { cells: options[0]!, how: 'equal' };
  const passing = new Map<string, number>();
  numbers.forEach((values, i) => {
    if (totalsAddUp(row, values)) passing.set(key(values), i);
  });
  if (passing.size === 1) return { cells: options[[...passing.values()][0]!]!, how: 'total' };
  return undefined;
}

/** The row's own arithmetic: applicant columns add up to 总计; each 四 group to its 总计. */
function totalsAddUp(row: DataRow, values: (number | null)[]): boolean {
  const at = (key: string, group?: string) => values[row.values.findIndex((v) => v.path[v.path.length - 1] === key && (!group || v.path[v.path.length - 2] === group))];
  const sums = (parts: readonly string[], total: string, group?: string) => {
    const nums = parts.map((p) => at(p, group));
    const t = at(total, group);
    return nums.every((n) => typeof n === 'number') && typeof t === 'number' && nums.reduce((a, b) => a! + b!, 0) === t;
  };
  if (row.values.some((v) => v.path[0] === 'applications')) return sums(APPLICANT_PARTS, 'total');
  if (row.values.some((v) => v.path[0] === 'review_litigation')) {
    return ['review', 'lawsuit_direct', 'lawsuit_after_review'].every((g) => sums(['upheld', 'corrected', 'other', 'pending'], 'total', g));
  }
  return false;
}
