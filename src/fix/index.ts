import { createTwoFilesPatch } from 'diff';
import type { Document } from 'yaml';
import { isScalar, LineCounter, parseDocument } from '../parse/fast-lazy-yaml.js';
import { decodeUtf8 } from '../read/decode.js';
import { getIn, templateOf } from '../report-shape.js';
import { computeFixes, type CellFix } from './compute.js';

export type FixMode = 'write' | 'dry-run';

export interface FixOutcome {
  /** The text to lint: fixed when there was something to fix, else the file's own. */
  source: Uint8Array | string;
  /** How many cells were (or would be) set. */
  count: number;
  /** The fixed text, when it differs from the file. */
  fixedText?: string;
  /** --fix-dry-run: a unified diff from the file to the fixed text. */
  diff?: string;
}

/**
 * Fill in or correct the computable totals of one report's text. Only the number's own
 * characters are replaced, at the position the yaml Document API gives for its scalar node, so
 * comments, key order, quoting of other values, flow/block style, indentation (also of JSON)
 * and line endings stay exactly as the clerk wrote them. A file that does not parse, or is not
 * UTF-8, is returned unchanged: the lint run reports why.
 */
export function fixSource(bytes: Uint8Array | string, file: string, mode: FixMode): FixOutcome {
  let text: string;
  let bom = '';
  if (typeof bytes === 'string') text = bytes;
  else {
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) return { source: bytes, count: 0 };
    text = decoded.text;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = '\ufeff';
  }
  if (text.charCodeAt(0) === 0xfeff) {
    bom = '\ufeff';
    text = text.slice(1);
  }
  const fixed = fixText(text);
  if (!fixed) return { source: bytes, count: 0 };
  const outcome: FixOutcome = { source: bom + fixed.text, count: fixed.count, fixedText: bom + fixed.text };
  if (mode === 'dry-run') outcome.diff = createTwoFilesPatch(file, file, text, fixed.text, '', '(--fix)');
  return outcome;
}

/** The fixed text and the number of cells set, or undefined when nothing can or needs to be fixed. */
export function fixText(text: string): { text: string; count: number } | undefined {
  const doc = parseQuietly(text);
  if (!doc) return undefined;
  const data = toData(doc);
  const template = data && typeof data === 'object' ? templateOf(data as Record<string, unknown>) : undefined;
  if (template === undefined) return undefined;

  const applied: { fix: CellFix; start: number; end: number; text: string }[] = [];
  for (const fix of computeFixes(data, template)) {
    const edit = editFor(doc, text, fix);
    if (edit) applied.push({ fix, ...edit });
  }
  if (applied.length === 0) return undefined;
  let out = text;
  for (const e of [...applied].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);

  // Belt and braces: the fixed text must parse and hold the new values where they were meant to go.
  const checkDoc = parseQuietly(out);
  const check = checkDoc && toData(checkDoc);
  if (check === undefined || applied.some((e) => getIn(check, e.fix.path) !== e.fix.value)) return undefined;
  return { text: out, count: applied.length };
}

/** Plain data, or undefined for a document the lint stage refuses anyway (alias bomb, too deep). */
function toData(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

function parseQuietly(text: string): Document.Parsed | undefined {
  try {
    const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, version: '1.2' });
    return doc.errors.length === 0 && doc.warnings.length === 0 ? doc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text edit that sets one cell: replace the scalar's source, or fill an empty value
 * (`total:` left blank). A missing key or an alias is left to the schema check.
 */
function editFor(doc: Document.Parsed, text: string, fix: CellFix): { start: number; end: number; text: string } | undefined {
  const node = doc.getIn(fix.path, true);
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const value = String(fix.value);
  if (start === end) return { start, end, text: text[start - 1] === ':' ? ` ${value}` : value };
  return { start, end, text: value };
}
