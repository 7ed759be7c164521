import { Lexer, LineCounter, parseDocument } from '../parse/fast-lazy-yaml.js';
import { t, type MessageKey } from '../i18n/index.js';
import { compareDiagnostics } from './lint.js';
import { decodeSource } from '../read/decode.js';
import { locate } from '../parse/locate.js';
import { configurableRuleIds, SUPPRESSION_RULES } from './rule-catalog.js';
import { rules, STAGES } from './rules/index.js';
import type { Diagnostic, FileResult, JsonPath, Lang, Position, SeveritySetting } from '../types.js';
import { fromPointer } from '../util/json-pointer.js';

/** A config-file `ignore:` entry that applies to the file at hand (its `file` glob already matched). */
export interface IgnoreEntry {
  rule?: string;
  /** JSON Pointer; it covers everything below it. Absent: the whole file. */
  path?: string;
  reason: string;
}

export interface SuppressionOptions {
  lang: Lang;
  severities?: Record<string, SeveritySetting>;
  ignores?: readonly IgnoreEntry[];
  /** Whether last year's report was at hand: without it the cross-year rules did not run. */
  hasPrevious?: boolean;
  /** Where a JSON Pointer is in the file, for an `ignore:` entry that matched nothing (computed only then). */
  locatePointer?: (pointer: string) => Position | undefined;
}

type DirectiveKind = 'disable-line' | 'disable-next-line';

interface Directive {
  kind: DirectiveKind;
  /** Position of the comment itself, where problems with it are reported. */
  line: number;
  column: number;
  endColumn: number;
  /** The line whose diagnostics it suppresses. */
  target: number;
  rules: string[];
  reason: string;
}

const DIRECTIVE = /^#\s*report-lint-([a-z-]+)(.*)$/s;

/**
 * Apply `# report-lint-disable-line` / `# report-lint-disable-next-line` comments and config
 * `ignore:` entries to one file's result. A comment without a reason does not suppress (the
 * reason is required); it, and a comment that suppresses nothing, become warnings of their own.
 */
export function applySuppressions(result: FileResult, text: string | undefined, options: SuppressionOptions): FileResult {
  const { lang, severities = {}, ignores = [], hasPrevious = false } = options;
  const hasComments = text !== undefined && text.includes('report-lint-');
  if (!hasComments && ignores.length === 0) return result;

  const extra: Diagnostic[] = [];
  const warn = (ruleId: keyof typeof SUPPRESSION_RULES, messageId: string, d: Directive | { line: number; column: number; endColumn: number }, data: Record<string, string>) => {
    const severity = severities[ruleId] ?? SUPPRESSION_RULES[ruleId];
    if (severity === 'off') return;
    const message = t(lang, `suppression.${messageId}` as MessageKey, data);
    extra.push({ ruleId, messageId, severity, message, path: [], line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn });
  };

  // Valid directives keyed by target line; `used` records which of their rules matched something.
  const active: { directive: Directive; used: Set<string> }[] = [];
  if (hasComments) {
    const known = new Set(configurableRuleIds());
    for (const found of scanDirectives(text)) {
      if ('unknown' in found) {
        warn('invalid-suppression', 'unknownDirective', found, { directive: found.unknown });
        continue;
      }
      const d = found;
      const example = d.rules[0] ?? 'balance';
      if (d.rules.length === 0) warn('invalid-suppression', 'missingRule', d, { directive: `report-lint-${d.kind}` });
      else if (!d.reason) warn('invalid-suppression', 'missingReason', d, { directive: `report-lint-${d.kind}`, rule: example });
      else {
        const bad = d.rules.find((r) => !known.has(r) || Object.hasOwn(SUPPRESSION_RULES, r));
        if (bad !== undefined) {
          const key = Object.hasOwn(STAGES, bad) || Object.hasOwn(SUPPRESSION_RULES, bad) ? 'notSuppressible' : 'unknownRule';
          warn('invalid-suppression', key, d, { rule: bad });
        } else active.push({ directive: d, used: new Set() });
      }
    }
  }

  const usedIgnores = new Set<number>();
  const kept = result.diagnostics.filter((diag) => {
    // parse and schema findings mean the file was not fully checked: they cannot be silenced.
    if (Object.hasOwn(STAGES, diag.ruleId)) return true;
    let suppressed = false;
    for (const a of active) {
      if (a.directive.target === diag.line && a.directive.rules.includes(diag.ruleId)) {
        a.used.add(diag.ruleId);
        suppressed = true;
      }
    }
    ignores.forEach((entry, i) => {
      if ((entry.rule === undefined || entry.rule === diag.ruleId) && (entry.path === undefined || isUnder(diag.path, fromPointer(entry.path)))) {
        usedIgnores.add(i);
        suppressed = true;
      }
    });
    return !suppressed;
  });

  // Rules did not run on a file that failed to parse or fit its schema, nor when turned off, nor
  // (cross-year rules) without last year's report: a comment for them is not "unused" then.
  const fullyChecked = !result.diagnostics.some((d) => Object.hasOwn(STAGES, d.ruleId));
  const ran = (id: string) => severities[id] !== 'off' && (hasPrevious || !rules.some((r) => r.meta.id === id && r.meta.needsPrevious));
  if (fullyChecked) {
    for (const { directive, used } of active) {
      for (const rule of directive.rules) {
        if (!used.has(rule) && ran(rule)) warn('unused-suppression', 'unused', directive, { directive: `report-lint-${directive.kind}`, rule });
      }
    }
    ignores.forEach((entry, i) => {
      if (usedIgnores.has(i) || (entry.rule !== undefined && !ran(entry.rule))) return;
      const at = options.locatePointer?.(entry.path ?? '') ?? { line: 1, column: 1, endColumn: 1 };
      warn('unused-suppression', 'unusedIgnore', at, { rule: entry.rule ?? '*', path: entry.path ?? '/' });
    });
  }

  const diagnostics = [...kept, ...extra].sort(compareDiagnostics);
  return {
    ...result,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

function isUnder(path: JsonPath, prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === String(path[i]));
}

type Scanned = Directive | { unknown: string; line: number; column: number; endColumn: number };

/**
 * Find the directive comments with the yaml package's lexer, so that a `#` inside a quoted
 * string or a block scalar is never taken for a comment. Lines are 1-based.
 */
export function scanDirectives(text: string): Scanned[] {
  const comments: { line: number; column: number; text: string }[] = [];
  const contentLines = new Set<number>();
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer marks documents, scalars and flow ends with one control character that is not in the source.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#')) comments.push({ line, column: offset - lineStart + 1, text: token });
    else if (token.trim() !== '' && !/^\ufeff$/.test(token)) contentLines.add(line);
    for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
    offset += token.length;
  }
  const lastLine = line;

  const out: Scanned[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text.trimEnd());
    if (!m) continue;
    const where = { line: c.line, column: c.column, endColumn: c.column + c.text.trimEnd().length };
    const kind = m[1]!;
    if (kind !== 'disable-line' && kind !== 'disable-next-line') {
      out.push({ unknown: `report-lint-${kind}`, ...where });
      continue;
    }
    const body = m[2]!;
    const sep = body.indexOf('--');
    const rules = (sep === -1 ? body : body.slice(0, sep)).split(/[\s,]+/).filter(Boolean);
    const reason = sep === -1 ? '' : body.slice(sep + 2).trim();
    // next-line skips blank and comment-only lines, so several directives can stack above one line.
    let target = c.line;
    if (kind === 'disable-next-line') {
      target = c.line + 1;
      while (target < lastLine && !contentLines.has(target)) target++;
    }
    out.push({ kind, ...where, target, rules, reason });
  }
  return out;
}

/**
 * The run's step for one file: find the text the suppression comments are in and apply them
 * with the config's ignore entries. Decoding happens again only when the bytes mention a
 * directive (or are UTF-16, where an ASCII search cannot tell), so clean files cost nothing.
 */
export function suppressInSource(
  result: FileResult,
  source: Uint8Array | string,
  options: { lang?: Lang; severities?: Record<string, SeveritySetting>; ignores?: readonly IgnoreEntry[]; encoding?: string; previous?: unknown },
): FileResult {
  const lang = options.lang ?? 'zh';
  const decode = () => {
    if (typeof source === 'string') return source;
    const decoded = decodeSource(source, lang, options.encoding !== undefined ? { encoding: options.encoding } : {});
    return 'finding' in decoded ? undefined : decoded.text;
  };
  const text = typeof source === 'string' || mayHoldDirective(source) ? decode() : undefined;
  // Only an ignore entry that matched nothing needs a position: parse the text again just then.
  const locatePointer = (pointer: string) => {
    const full = text ?? decode();
    if (full === undefined) return undefined;
    const lineCounter = new LineCounter();
    const doc = parseDocument(full, { lineCounter, logLevel: 'error' }); // warnings would go to stderr past the sanitizer
    return doc.errors.length > 0 ? undefined : locate(doc, lineCounter, fromPointer(pointer));
  };
  return applySuppressions(result, text, { lang, hasPrevious: options.previous !== undefined, locatePointer, ...(options.severities ? { severities: options.severities } : {}), ...(options.ignores ? { ignores: options.ignores } : {}) });
}

const MARKER = Buffer.from('report-lint-');
function mayHoldDirective(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  return utf16 || b.includes(MARKER);
}
