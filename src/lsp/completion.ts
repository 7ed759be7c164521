/**
 * Completion: the keys a mapping of the report still lacks, each with its official label; in an
 * empty file, the blank report `report-lint init` writes (src/init/generate.ts).
 */
import { dirname } from 'node:path';
import { propertiesAt } from '../check/schema/schemas.js';
import { blankJson, blankYaml } from '../init/generate.js';
import { schemaRefFor } from '../init/schema-copy.js';
import { t } from '../i18n/index.js';
import type { Template } from '../report-shape.js';
import type { Lang } from '../types.js';
import { templateFrom } from './hover.js';
import { markerPath, syntaxOf } from './syntax.js';

export interface KeyCompletion {
  key: string;
  /** The official label (schema title). */
  label: string;
  description?: string;
  /** Text that replaces [start, end). */
  insertText: string;
  start: number;
  end: number;
  order: number;
}

export interface SkeletonCompletion {
  year: number;
  template: Template;
  title: string;
  /** A snippet: the agency is its one placeholder. */
  snippet: string;
}

const MARKER = '__report_lint_completion__';

/** Blank reports for last year (the one usually being written) and this year. */
export function skeletons(kind: 'yaml' | 'json', file: string | undefined, lang: Lang, now = new Date()): SkeletonCompletion[] {
  const agency = t(lang, 'lsp.agencyPlaceholder');
  // A name that cannot occur elsewhere in the text, swapped for the snippet's placeholder.
  const sentinel = 'ReportLintAgencyPlaceholder';
  return [now.getFullYear() - 1, now.getFullYear()].map((year) => {
    const template: Template = year <= 2020 ? 2019 : 2021;
    // The same portable reference init writes: the nearest installed or copied schemas.
    const dir = file ? dirname(file) : process.cwd();
    const ref = schemaRefFor(template, dir, dir).ref;
    const text = (kind === 'json' ? blankJson : blankYaml)({ template, year, agency: sentinel, schemaRef: ref });
    const escaped = text.replace(/[\\$}]/g, '\\$&');
    const snippet = escaped.split(sentinel).join('${1:' + agency + '}');
    return { year, template, title: t(lang, 'lsp.skeleton', { year, template }), snippet };
  });
}

/** The missing keys of the mapping the cursor is in, replacing the word being typed. */
export function keyCompletions(text: string, offset: number, kind: 'yaml' | 'json', lang: Lang): KeyCompletion[] {
  // The word being typed (a key, maybe quoted in JSON) is replaced by a marker key, so that even
  // a half-typed line parses and tells which mapping it belongs to.
  const before = /["A-Za-z_]*$/.exec(text.slice(0, offset))![0];
  const after = /^[A-Za-z_"]*/.exec(text.slice(offset))![0];
  const start = offset - before.length;
  const end = offset + after.length;
  const rest = text.slice(end);
  const hasColon = /^\s*:/.test(rest);
  if (kind === 'json' && (before.match(/"/g)?.length ?? 0) + (after.match(/"/g)?.length ?? 0) > 2) return [];
  const marker = kind === 'json' ? `"${MARKER}"` + (hasColon ? '' : ': 0') : MARKER + (hasColon ? '' : ': 0');
  const probe = text.slice(0, start) + marker + rest;
  const syntax = syntaxOf(probe, kind, lang);
  if (!syntax) return [];
  const found = markerPath(syntax.doc, MARKER);
  if (!found) return [];
  const template = templateFrom(syntax, undefined) ?? 2021;
  const properties = propertiesAt(template, found.parent);
  const present = new Set(found.siblings);
  return Object.entries(properties)
    .map(([key, schema], order) => ({ key, schema, order }))
    .filter(({ key }) => !present.has(key))
    .map(({ key, schema, order }) => {
      const insert = kind === 'json' ? `"${key}"` : key;
      const item: KeyCompletion = { key, label: schema.title ?? key, insertText: hasColon ? insert : `${insert}: `, start, end, order };
      if (typeof schema.description === 'string') item.description = schema.description;
      return item;
    });
}
