/**
 * Hover on a cell: its official label (三、（七）总计 · 自然人) and key path, the filling note
 * from the schema (`description`, else nothing beyond the title), and for a total the formula
 * with the current addends and what they give (src/lsp/formula.ts).
 */
import { cellLabel } from '../check/schema/labels.js';
import { schemaAt } from '../check/schema/schemas.js';
import { t } from '../i18n/index.js';
import { templateOf } from '../report-shape.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { formulasAt } from './formula.js';
import { pathAt, type Syntax } from './syntax.js';

export interface HoverText {
  markdown: string;
  range: [number, number];
}

export function hoverAt(syntax: Syntax, data: unknown, offset: number, file: string, lang: Lang): HoverText | undefined {
  const at = pathAt(syntax.doc, offset);
  if (!at || at.path.length === 0) return undefined;
  const template = templateFrom(syntax, data);
  if (template === undefined) return undefined;
  const chain = schemaAt(template, at.path);
  // A key the template does not know has no label to show (the schema diagnostic names it).
  if (chain.length !== at.path.length) return undefined;
  const schema = chain[chain.length - 1]!;
  const lines = [`**${md(cellLabel(template, at.path, 'zh'))}**`, '', `${t(lang, 'lsp.hoverKey')}: ${code(at.path.join('.'))}`];
  const description = typeof schema.description === 'string' ? schema.description.trim() : '';
  if (description && description !== schema.title) lines.push('', md(description));
  if (data !== undefined) {
    const actual = valueAt(data, at.path);
    for (const f of formulasAt(data, at.path, file, lang)) {
      const key = actual === f.expected ? 'lsp.hoverAgrees' : 'lsp.hoverDiffers';
      const shown = actual === undefined ? '—' : typeof actual === 'string' ? sanitize(actual) : String(actual);
      lines.push('', `${code(f.ruleId)} ${md(t(lang, key, { addends: f.addends, expected: f.expected, actual: shown }))}`);
    }
  }
  return { markdown: lines.join('\n'), range: at.range };
}

/** The template the report declares, or the one its year calls for (half-typed reports have a year first). */
export function templateFrom(syntax: Syntax, data: unknown): 2019 | 2021 | undefined {
  const fromData = data !== null && typeof data === 'object' ? templateOf(data as Record<string, unknown>) : undefined;
  if (fromData) return fromData;
  try {
    const declared = syntax.doc.get('template');
    if (declared === 2019 || declared === 2021) return declared;
    const year = syntax.doc.get('year');
    if (typeof year === 'number' && Number.isInteger(year)) return year <= 2020 ? 2019 : 2021;
  } catch {
    // Not a mapping at the top: no template.
  }
  return undefined;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

/** Markdown text from a label or message: shown as written, no markup. */
export const md = (s: string) => sanitize(s).replace(/[\\`*_{}[\]<>#|~]/g, '\\$&');
const code = (s: string) => '`' + sanitize(s).replace(/`/g, "'") + '`';
