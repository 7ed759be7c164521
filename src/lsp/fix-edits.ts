/**
 * The one place the language server meets `--fix` (src/fix/index.ts): it asks fixText for the
 * fixed text, exactly as the command line does, and turns the difference into one edit per
 * cell, so a quick fix on one diagnostic changes that cell as `--fix` would and nothing else.
 * When src/fix's API changes, only this module follows it.
 */
import type { Document } from 'yaml';
import { fixText } from '../fix/index.js';
import { isScalar, LineCounter, parseDocument } from '../parse/fast-lazy-yaml.js';

/** Replace text[start, end) with newText; `path` is the cell, absent for a whole-file fallback. */
export interface CellEdit {
  path?: readonly (string | number)[];
  start: number;
  end: number;
  newText: string;
  /** The value the cell gets. */
  value?: number;
}

/**
 * The edits `--fix` makes to this text, one per cell, in text order; [] when there is nothing
 * to fix. Offsets are into `text` (a leading BOM counts, as the editor counts it).
 */
export function fixEdits(text: string): CellEdit[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const fixed = fixText(body);
  if (!fixed || fixed.text === body) return [];
  const edits = cellEdits(body, fixed.text) ?? [wholeEdit(body, fixed.text)];
  return edits.map((e) => ({ ...e, start: e.start + bom, end: e.end + bom }));
}

/** Apply edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: readonly Pick<CellEdit, 'start' | 'end' | 'newText'>[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * One edit per changed scalar: both texts parse (fixText only returns a text that does), the
 * changed cells are found by comparing the data, and each cell's new source is read from the
 * fixed text at the position the earlier edits moved it to. Undefined when the edits do not
 * rebuild the fixed text exactly (then one edit of the changed stretch does).
 */
function cellEdits(before: string, after: string): CellEdit[] | undefined {
  const a = parse(before);
  const b = parse(after);
  if (!a || !b) return undefined;
  const paths: (string | number)[][] = [];
  changedLeaves(a.data, b.data, [], paths, 0);
  const located = paths.flatMap((path) => {
    const from = a.doc.getIn(path, true);
    const to = b.doc.getIn(path, true);
    if (!isScalar(from) || !isScalar(to) || !from.range || !to.range || typeof to.value !== 'number') return [];
    return [{ path, start: from.range[0], end: from.range[1], toEnd: to.range[1], value: to.value }];
  });
  located.sort((x, y) => x.start - y.start);
  let delta = 0;
  const edits: CellEdit[] = [];
  for (const l of located) {
    const newText = after.slice(l.start + delta, l.toEnd);
    edits.push({ path: l.path, start: l.start, end: l.end, newText, value: l.value });
    delta += newText.length - (l.end - l.start);
  }
  return edits.length > 0 && applyEdits(before, edits) === after ? edits : undefined;
}

function wholeEdit(before: string, after: string): CellEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function parse(text: string): { doc: Document.Parsed; data: unknown } | undefined {
  try {
    const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false, version: '1.2', logLevel: 'error' });
    if (doc.errors.length > 0) return undefined;
    return { doc, data: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch {
    return undefined;
  }
}

/** Paths of the leaves whose value differs (fixText changes numbers only, never the shape). */
function changedLeaves(a: unknown, b: unknown, path: (string | number)[], out: (string | number)[][], depth: number): void {
  if (depth > 16 || out.length > 1000) return;
  if (b !== null && typeof b === 'object') {
    if (a === null || typeof a !== 'object') return;
    for (const key of Object.keys(b)) {
      const k = Array.isArray(b) ? Number(key) : key;
      changedLeaves((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, k], out, depth + 1);
    }
    return;
  }
  if (a !== b) out.push(path);
}
