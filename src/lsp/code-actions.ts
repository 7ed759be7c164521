/**
 * Code actions on a report's text: "fill in the total" for each finding `--fix` would settle
 * (the edit `--fix` makes to that cell), "fill in all totals" (also the source action
 * `source.fixAll.report-lint`), and a suppression comment with a reason to write for the
 * other findings of YAML files (JSON has no comments: config `ignore:` is the way there).
 */
import { loadReport } from '../check/lint.js';
import { scanDirectives } from '../check/suppressions.js';
import { STAGES } from '../check/rules/index.js';
import { t } from '../i18n/index.js';
import type { Diagnostic, Lang } from '../types.js';
import { applyEdits, fixEdits, type CellEdit } from './fix-edits.js';
import { cellLabel } from '../check/schema/labels.js';
import { templateOf } from '../report-shape.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Action {
  title: string;
  kind: 'quickfix' | 'source.fixAll.report-lint';
  edits: TextEdit[];
  /** The diagnostics it settles (indexes into the list asked about). */
  diagnostics: number[];
  preferred?: boolean;
}

export const FIX_ALL_KIND = 'source.fixAll.report-lint';

const samePath = (a: readonly (string | number)[] | undefined, b: readonly (string | number)[]) =>
  a !== undefined && a.length === b.length && a.every((s, i) => String(s) === String(b[i]));

/** The fix edits of a text, computed once per text. */
export class FixCache {
  private text: string | undefined;
  private edits: CellEdit[] = [];
  get(text: string): CellEdit[] {
    if (text !== this.text) {
      this.edits = fixEdits(text);
      this.text = text;
    }
    return this.edits;
  }
}

/**
 * Quick fixes for `asked` (the diagnostics at the cursor, as the linter produced them).
 * `lineStart(line)` is the offset where a 1-based line starts.
 */
export function quickFixes(text: string, asked: readonly Diagnostic[], allEdits: readonly CellEdit[], kind: 'yaml' | 'json', lang: Lang, data: unknown, lineStart: (line: number) => number): Action[] {
  const actions: Action[] = [];
  const template = data !== null && typeof data === 'object' ? templateOf(data as Record<string, unknown>) : undefined;
  asked.forEach((d, i) => {
    const edit = allEdits.find((e) => samePath(e.path, d.path));
    if (edit) {
      actions.push({
        title: t(lang, 'lsp.fixTotal', { cell: cellLabel(template, d.path, lang), value: edit.value ?? edit.newText.trim() }),
        kind: 'quickfix',
        edits: [{ start: edit.start, end: edit.end, newText: edit.newText }],
        diagnostics: [i],
        preferred: true,
      });
      return;
    }
    if (kind === 'yaml' && !(d.ruleId in STAGES) && d.ruleId !== 'invalid-suppression' && d.ruleId !== 'unused-suppression') {
      const suppression = suppressionEdit(text, d, lang, lineStart);
      if (suppression) actions.push({ title: t(lang, 'lsp.suppress', { rule: d.ruleId }), kind: 'quickfix', edits: [suppression], diagnostics: [i] });
    }
  });
  if (allEdits.length > 1 && actions.some((a) => a.preferred)) actions.push(fixAll(allEdits, lang, []));
  return actions;
}

export function fixAll(allEdits: readonly CellEdit[], lang: Lang, diagnostics: number[], kind: Action['kind'] = 'quickfix'): Action {
  return { title: t(lang, 'lsp.fixAll', { count: allEdits.length }), kind, edits: allEdits.map(({ start, end, newText }) => ({ start, end, newText })), diagnostics };
}

/**
 * `# report-lint-disable-next-line <rule> -- <reason to write>` above the diagnostic's line,
 * offered only where the linter will read it as the comment for that line (not inside prose,
 * where it would be text) and the file still parses.
 */
function suppressionEdit(text: string, d: Diagnostic, lang: Lang, lineStart: (line: number) => number): TextEdit | undefined {
  const at = lineStart(d.line);
  const indent = /^[ ]*/.exec(text.slice(at))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const newText = `${indent}# report-lint-disable-next-line ${d.ruleId} -- ${t(lang, 'lsp.reasonPlaceholder')}${eol}`;
  const edited = applyEdits(text, [{ start: at, end: at, newText }]);
  try {
    const directive = scanDirectives(edited).find((s) => 'kind' in s && s.line === d.line && s.kind === 'disable-next-line');
    if (!directive || !('target' in directive) || directive.target !== d.line + 1) return undefined;
    if (loadReport(edited, 'x.yaml', lang).findings.some((f) => f.ruleId === 'parse')) return undefined;
  } catch {
    return undefined;
  }
  return { start: at, end: at, newText };
}
