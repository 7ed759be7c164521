import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import type { Document, Scalar } from 'yaml';
import { isAlias, isMap, isScalar } from '../parse/fast-lazy-yaml.js';
import { decodeSource, encodeText, encodingName, type TextEncoding } from '../read/decode.js';
import { parseText, type Parsed } from '../parse/parse.js';
import { t } from '../i18n/index.js';
import type { LoadedReport } from '../check/lint.js';
import { templateOf } from '../report-shape.js';
import { cellLabel } from '../check/schema/labels.js';
import type { Lang } from '../types.js';
import { sanitize, sanitizeLines } from '../util/sanitize.js';
import { computeFixes, type CellFix } from './compute.js';

export type FixMode = 'write' | 'dry-run';

export interface FixOptions {
  lang?: Lang;
  /** `--encoding`: how the file was read, and so how it is written back. */
  encoding?: string | undefined;
}

export interface FixOutcome {
  /** The text to lint: the fixed bytes when something was fixed, else the file's own. */
  source: Uint8Array | string;
  /**
   * The file as loaded here, when nothing was fixed: the lint reuses it instead of decoding and
   * parsing the same bytes again (a file at a resource limit costs its parse once, not twice).
   */
  loaded?: LoadedReport;
  /** How many cells were (or would be) set. */
  count: number;
  /** What to write back, in the file's own encoding, when it differs from the file. */
  fixed?: Uint8Array | string;
  /** --fix-dry-run: a unified diff from the file to the fixed text, safe to show (see displayDiff). */
  diff?: string;
  /** One line per cell --fix would set but did not, or why nothing was written; in the run's language. */
  notes: string[];
}

/**
 * Fill in or correct the computable totals of one report. The bytes are decoded and parsed
 * exactly as the lint reads them (decodeSource, then parseText with every resource limit of
 * src/parse/limits.ts), so a hostile file costs --fix no more than it costs the lint, and a file
 * with any parse finding is not touched: the lint reports why.
 *
 * Only the number's own characters are replaced, at the position the yaml Document gives for its
 * scalar node, in the text as the file holds it: comments, key order, quoting of other values,
 * flow/block style, indentation (also of JSON) and line endings (CRLF, lone CR) stay as the
 * clerk wrote them, and the result is encoded back in the file's own encoding (UTF-8 with or
 * without BOM, UTF-16 LE/BE, or the `--encoding` named).
 */
export function fixSource(bytes: Uint8Array | string, file: string, mode: FixMode, options: FixOptions = {}): FixOutcome {
  const lang = options.lang ?? 'zh';
  const decoded = decodeSource(bytes, lang, { encoding: options.encoding });
  if ('finding' in decoded) return unchanged(bytes, { findings: [decoded.finding] });
  const parsed = parseText(decoded.text, kindOf(file), lang);
  const loaded: LoadedReport = { parsed, data: parsed.data, findings: [...parsed.findings] };
  if (parsed.findings.length > 0 || parsed.data === undefined) return unchanged(bytes, loaded);

  const plan = planFixes(parsed, decoded.original, kindOf(file), lang);
  const notes = plan.notes.map((note) => t(lang, note.key, { file: sanitize(file), ...note.data }));
  if (plan.text === undefined) return { ...unchanged(bytes, loaded), notes };

  let fixed: Uint8Array | string = plan.text;
  if (decoded.encoding) {
    const encoded = encodeBack(bytes as Uint8Array, decoded.original, plan.text, decoded.encoding, options.encoding, lang);
    if (!encoded) {
      notes.push(t(lang, 'fix.encodingNotKept', { file: sanitize(file), encoding: encodingName(decoded.encoding), count: plan.count }));
      return { ...unchanged(bytes, loaded), notes };
    }
    fixed = encoded;
  }
  const outcome: FixOutcome = { source: fixed, count: plan.count, fixed, notes };
  if (mode === 'dry-run') outcome.diff = displayDiff(file, decoded.text, lineFeeds(plan.text));
  return outcome;
}

/**
 * The unified diff --fix-dry-run shows, drawn between the texts as parsed (a lone CR shown as a
 * line break). It quotes the file, so the file name and every line go through sanitize: an ESC
 * or BEL in a comment must not reach the terminal, a `::` or `##[` not the CI runner. The
 * `(--fix)` header after a tab is ours and stays as it is.
 */
function displayDiff(file: string, before: string, after: string): string {
  const name = sanitize(file);
  const patch = structuredPatch(name, name, before, after, undefined, '(--fix)');
  for (const hunk of patch.hunks) hunk.lines = hunk.lines.map((line) => sanitizeLines(line));
  // git's and ESLint's users read `---`/`+++` headers; jsdiff's `Index:` and `===` lines are noise to them.
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/** The fixed text and the number of cells set, or undefined when nothing can or needs to be fixed. */
export function fixText(text: string, lang: Lang = 'zh'): { text: string; count: number } | undefined {
  const decoded = decodeSource(text, lang);
  if ('finding' in decoded) return undefined;
  const parsed = parseText(decoded.text, 'yaml', lang);
  if (parsed.findings.length > 0 || parsed.data === undefined) return undefined;
  const plan = planFixes(parsed, decoded.original, 'yaml', lang);
  return plan.text === undefined ? undefined : { text: plan.text, count: plan.count };
}

const kindOf = (file: string): 'yaml' | 'json' => (/\.json$/i.test(file) ? 'json' : 'yaml');
const lineFeeds = (text: string) => text.replace(/\r(?!\n)/g, '\n');

function unchanged(bytes: Uint8Array | string, loaded: LoadedReport): FixOutcome {
  return { source: bytes, loaded, count: 0, notes: [] };
}

/**
 * The fixed text in the file's encoding, or undefined when writing it would change more than the
 * cells: the file's own text must encode back to its exact bytes (an encoding may have two ways
 * to write a character, or a decoder may drop a mark), and the new bytes must decode to the new text.
 */
function encodeBack(bytes: Uint8Array, original: string, fixedText: string, encoding: TextEncoding, encodingOption: string | undefined, lang: Lang): Uint8Array | undefined {
  try {
    if (!Buffer.from(encodeText(original, encoding)).equals(bytes)) return undefined;
    const out = encodeText(fixedText, encoding);
    const again = decodeSource(out, lang, { encoding: encodingOption });
    return 'original' in again && again.original === fixedText ? out : undefined;
  } catch {
    // iconv-lite cannot write this encoding at all.
    return undefined;
  }
}

type Note = { key: 'fix.notFixableShared' | 'fix.notVerified'; data: { cell: string; value: number } };

interface Plan {
  /** The file's text with the fixes made; undefined when there is nothing to change. */
  text?: string;
  count: number;
  notes: Note[];
}

interface Edit {
  fix: CellFix;
  start: number;
  end: number;
  text: string;
}

/**
 * Which cells to set, and the text with them set. Each edit must be verifiable: the edited text,
 * parsed again with the same limits, must hold exactly the data of the file with those cells
 * changed and nothing else. When all edits together pass (the usual case) that is one parse;
 * otherwise each is tried alone, one that fails is left out with a note, and the rest are
 * computed again without it (a grand total must not assume a column that was not set).
 */
function planFixes(parsed: Parsed, original: string, kind: 'yaml' | 'json', lang: Lang): Plan {
  const data = parsed.data;
  const doc = parsed.doc!;
  const template = data !== null && typeof data === 'object' ? templateOf(data as Record<string, unknown>) : undefined;
  if (template === undefined) return { count: 0, notes: [] };

  const targets = new Map<string, Target>();
  const targetAt = (path: readonly string[]): Target => {
    const key = path.join('\u0000');
    let target = targets.get(key);
    if (!target) targets.set(key, (target = targetOf(doc, path)));
    return target;
  };
  const refused = new Set<string>();
  const editable = (path: readonly string[]) => targetAt(path).kind !== 'shared' && !refused.has(path.join('\u0000'));
  const notes: Note[] = [];
  const noteFor = (fix: CellFix, key: Note['key']) => notes.push({ key, data: { cell: cellLabel(template, fix.path, lang), value: fix.value } });
  const noteShared = (fixes: readonly CellFix[]) => {
    for (const fix of fixes) if (fix.blocked && targetAt(fix.path).kind === 'shared') noteFor(fix, 'fix.notFixableShared');
  };

  let fixes: CellFix[] = [];
  let edits: Edit[] = [];
  // Each round either succeeds or leaves out at least one more edit; three rounds are plenty.
  for (let round = 0; round < 3; round++) {
    fixes = computeFixes(data, template, editable);
    edits = [];
    for (const fix of fixes) {
      const target = targetAt(fix.path);
      // A cell that is missing or not a single value is left to the schema check, which reports it.
      if (!fix.blocked && target.kind === 'scalar') edits.push({ fix, ...editFor(target.node, original, fix.value) });
    }
    if (edits.length === 0) {
      noteShared(fixes);
      return { count: 0, notes };
    }
    const text = applyEdits(original, edits);
    if (holdsExactly(text, edits, data, kind, lang)) {
      noteShared(fixes);
      return { text, count: edits.length, notes };
    }
    // Something did not come out as meant: find the edits that fail on their own.
    const failing = edits.filter((edit) => !holdsExactly(applyEdits(original, [edit]), [edit], data, kind, lang));
    // Each passes alone but not all together: nothing is certain, so nothing is set.
    if (failing.length === 0) break;
    for (const edit of failing) {
      refused.add(edit.fix.path.join('\u0000'));
      noteFor(edit.fix, 'fix.notVerified');
    }
  }
  noteShared(fixes);
  for (const edit of edits) noteFor(edit.fix, 'fix.notVerified');
  return { count: 0, notes };
}

type Target = { kind: 'scalar'; node: Scalar } | { kind: 'shared' } | { kind: 'absent' };

/**
 * The scalar node of a cell, or why it cannot be edited. A YAML anchor (`&z`) makes a node
 * shared with every alias (`*z`) to it: editing a cell that carries an anchor, lies inside an
 * anchored table, or is reached through an alias would change other cells as well (a total
 * anchored and reused as a part would silently change the part). Such a cell is `shared`.
 */
function targetOf(doc: Document.Parsed, path: readonly string[]): Target {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isAlias(node) || (isMap(node) && node.anchor)) return { kind: 'shared' };
    if (!isMap(node)) return { kind: 'absent' };
    let next: unknown;
    let found = false;
    for (const pair of node.items) {
      const key = pair.key;
      if (isAlias(key)) {
        const resolved = key.resolve(doc);
        if (isScalar(resolved) && String(resolved.value) === segment) return { kind: 'shared' };
      } else if (isScalar(key) && String(key.value) === segment) {
        next = pair.value;
        found = true;
      }
    }
    if (!found) return { kind: 'absent' };
    node = next;
  }
  if (isAlias(node)) return { kind: 'shared' };
  if (!isScalar(node) || !node.range) return { kind: 'absent' };
  if (node.anchor) return { kind: 'shared' };
  return { kind: 'scalar', node };
}

/**
 * The text edit that sets one cell: replace the scalar's source, or fill an empty value. An
 * empty value's position is where its comment starts (`total:  # 合计`); the number goes right
 * after the colon instead, so the comment keeps its spaces and stays a comment (`total: 3  # 合计`).
 */
function editFor(node: Scalar, text: string, value: number): { start: number; end: number; text: string } {
  const [start, end] = node.range!;
  if (start !== end) return { start, end, text: String(value) };
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return { start: at, end: at, text: text[at - 1] === ':' ? ` ${value}` : String(value) };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The edited text parses (same limits) into the file's data with exactly the edited cells changed. */
function holdsExactly(text: string, edits: readonly Edit[], data: unknown, kind: 'yaml' | 'json', lang: Lang): boolean {
  const again = parseText(lineFeeds(text), kind, lang);
  if (again.findings.length > 0 || again.data === undefined) return false;
  const replaced = new Map(edits.map((e) => [e.fix.path.join('\u0000'), e.fix.value]));
  const onTheWay = new Set(edits.flatMap((e) => e.fix.path.map((_, i) => e.fix.path.slice(0, i).join('\u0000'))));
  return sameData(again.data, data, '', { replaced, onTheWay });
}

/**
 * Deep equality of plain data, except that the cells in `replaced` must hold the given values.
 * `key` is the path so far (joined by NUL), tracked only on the way to a replaced cell.
 */
function sameData(actual: unknown, original: unknown, key: string | undefined, cells: { replaced: ReadonlyMap<string, number>; onTheWay: ReadonlySet<string> }): boolean {
  if (key !== undefined && cells.replaced.has(key)) return actual === cells.replaced.get(key);
  if (typeof original !== 'object' || original === null) return Object.is(actual, original);
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual) !== Array.isArray(original)) return false;
  const a = actual as Record<string, unknown>;
  const o = original as Record<string, unknown>;
  const keys = Object.keys(o);
  if (Object.keys(a).length !== keys.length) return false;
  const tracked = key !== undefined && cells.onTheWay.has(key);
  return keys.every((k) => {
    const childKey = tracked ? (key === '' ? k : `${key}\u0000${k}`) : undefined;
    return Object.prototype.hasOwnProperty.call(a, k) && sameData(a[k], o[k], childKey, cells);
  });
}
