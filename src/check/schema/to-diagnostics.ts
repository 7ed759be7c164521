import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Finding, JsonPath, Lang } from '../../types.js';
import { fromPointer } from '../../util/json-pointer.js';
import { cellLabel, keyTitle } from './labels.js';
import { keysCouldMatch, propertiesAt, schemaRefAt } from './schemas.js';
import { matchesRef, validate } from './validator.js';

/**
 * Schema stage: pick the template's schema from `template` first (so a 2021 report never
 * gets 2019's errors), then turn each Ajv error into one finding a clerk can act on.
 */
export function schemaFindings(data: unknown, lang: Lang): Finding[] {
  const f = (messageId: string, message: string, path: JsonPath, atKey = false): Finding => ({
    ruleId: 'schema', messageId, message, path, atKey,
  });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [f('type', t(lang, 'schema.root', { actual: describe(data, lang) }), [])];
  }
  const template = (data as Record<string, unknown>).template;
  if (template === undefined) return [f('required', t(lang, 'schema.templateMissing'), [])];
  if (template !== 2019 && template !== 2021) {
    return [f('enum', t(lang, 'schema.template', { actual: describe(template, lang) }), ['template'])];
  }

  // Ajv's multipleOf divides floats: 86741978.2446 / 0.0001 is not an integer in binary, so
  // large amounts with 4 decimals would be rejected. Count the decimals as written instead.
  const errors = validate(template, data).filter((err) => !(err.keyword === 'multipleOf' && decimalsOf(valueAt(data, fromPointer(err.instancePath))) <= 4));
  // Most reports fit their schema: nothing more to build.
  if (errors.length === 0) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const push = (finding: Finding, extra = '') => {
    // One finding per problem: a value that is both not an integer and negative is one mistake.
    const key = `${finding.path.join('/')}\u0000${finding.atKey ? 'k' : 'v'}\u0000${finding.messageId === 'templateShape' ? '' : extra}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  const typos = typoTargets(errors, template);
  // A mapping written the other template's way (e.g. 2019's single （六）其他处理 row in a
  // 2021 report) is one mistake, not one per key inside it; a whole section in the other
  // layout is one mistake, not one per row.
  const shapes = errors.map((err) => otherTemplateShape(template, fromPointer(err.instancePath), data));
  const shapedPaths = shapes.filter((x) => x !== undefined).map((x) => x.path);
  const outermost = (p: string[]) => shapedPaths.filter((q) => q.length < p.length && q.every((seg, i) => p[i] === seg)).sort((a, b) => a.length - b.length)[0] ?? p;
  for (const [i, err] of errors.entries()) {
    const path = fromPointer(err.instancePath);
    const shapedHere = shapes[i];
    const shaped = shapedHere && { ...shapedHere, path: outermost(shapedHere.path) };
    if (shaped) {
      push({ ruleId: 'schema', messageId: 'templateShape', path: shaped.path, message: t(lang, 'schema.templateShape', {
        cell: cellLabel(template, shaped.path, lang), other: shaped.other, template, keys: Object.keys(propertiesAt(template, shaped.path)).join(lang === 'zh' ? '、' : ', '),
      }) });
      continue;
    }
    if (err.keyword === 'required') {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      // The typo `natual_person` already says "did you mean natural_person": no second finding.
      if (typos.has(`${err.instancePath}/${missing}`)) continue;
      push(toFinding(err, path, template, data, lang), missing);
      continue;
    }
    push(toFinding(err, path, template, data, lang));
  }
  return findings;
}

/** `instancePath/key` of required keys that an unknown key in the same mapping is a typo of. */
function typoTargets(errors: ErrorObject[], template: 2019 | 2021): Set<string> {
  const targets = new Set<string>();
  const missingAt = new Map<string, string[]>();
  for (const err of errors) {
    if (err.keyword === 'required') {
      const list = missingAt.get(err.instancePath) ?? [];
      list.push((err.params as { missingProperty: string }).missingProperty);
      missingAt.set(err.instancePath, list);
    }
  }
  for (const err of errors) {
    if (err.keyword !== 'additionalProperties') continue;
    const key = (err.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys(propertiesAt(template, fromPointer(err.instancePath)));
    const suggestion = nearest(key, allowed);
    if (suggestion && missingAt.get(err.instancePath)?.includes(suggestion)) targets.add(`${err.instancePath}/${suggestion}`);
  }
  return targets;
}

/**
 * The longest non-root prefix of `path` whose value fits the other template's schema there
 * (and not this one's): the clerk used the other template's layout for that part. Longest,
 * because most of 三 is the same in both templates: the whole section would fit too.
 */
function otherTemplateShape(template: 2019 | 2021, path: string[], data: unknown): { path: string[]; other: 2019 | 2021 } | undefined {
  const other = template === 2019 ? 2021 : 2019;
  for (let n = path.length; n >= 1; n--) {
    const prefix = path.slice(0, n);
    const value = valueAt(data, prefix);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const mine = schemaRefAt(template, prefix);
    const theirs = schemaRefAt(other, prefix);
    if (!mine || !theirs || mine === theirs) continue;
    // Only where this template wants a mapping too (2019's `other` count vs 2021's `other` row is no layout).
    if (Object.keys(propertiesAt(template, prefix)).length === 0) continue;
    if (keysCouldMatch(other, prefix, value) && matchesRef(theirs, value) && !matchesRef(mine, value)) return { path: prefix, other };
  }
  return undefined;
}

function toFinding(err: ErrorObject, path: string[], template: 2019 | 2021, data: unknown, lang: Lang): Finding {
  const cell = cellLabel(template, path, lang);
  const base = { ruleId: 'schema', messageId: err.keyword, path } as const;
  // The placeholder `report-lint init` writes into text sections (common.schema.json text/not).
  if (err.keyword === 'not' && err.schemaPath.endsWith('definitions/text/not')) {
    return { ...base, messageId: 'placeholder', message: t(lang, 'schema.placeholder', { cell }) };
  }
  switch (err.keyword) {
    case 'required': {
      const key = (err.params as { missingProperty: string }).missingProperty;
      // At the parent mapping's key (`received:`), where the missing key has to be added.
      return { ...base, message: t(lang, 'schema.required', { cell, key, label: keyTitle(template, path, key) }), atKey: path.length > 0 };
    }
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const keyPath = [...path, key];
      const other = template === 2019 ? 2021 : 2019;
      const allowed = Object.keys(propertiesAt(template, path));
      const suggestion = nearest(key, allowed);
      let message: string;
      if (key === 'total' && path.length === 3 && path[0] === 'applications' && path[1] === 'outcomes') {
        message = t(lang, 'schema.subtotal', { cell, key });
      } else if (suggestion) {
        message = t(lang, 'schema.unknownKeySuggest', { cell, key, suggestion, label: keyTitle(template, path, suggestion) });
      } else if (Object.hasOwn(propertiesAt(other, path), key)) {
        message = t(lang, 'schema.unknownKeyTemplate', { cell: cellLabel(other, keyPath, lang), key, template });
      } else {
        message = t(lang, 'schema.unknownKey', { cell, key });
      }
      return { ...base, message, path: keyPath, atKey: true };
    }
    case 'maximum':
    case 'minimum':
      if (err.keyword === 'maximum' || /definitions\/change\//.test(err.schemaPath)) {
        return { ...base, message: t(lang, 'schema.outOfRange', { cell, actual: describe(valueAt(data, path), lang) }) };
      }
      return { ...base, message: t(lang, 'schema.type', { cell, expected: t(lang, kindOf(err, path)), actual: describe(valueAt(data, path), lang) }) };
    case 'type':
      // `published: 20220125` (a number) is a date written wrong, not "text expected".
      if (path.length === 1 && path[0] === 'published') return { ...base, message: t(lang, 'schema.format', { cell, actual: describe(valueAt(data, path), lang) }) };
      return { ...base, message: t(lang, 'schema.type', { cell, expected: t(lang, kindOf(err, path)), actual: describe(valueAt(data, path), lang) }) };
    case 'format':
      return { ...base, message: t(lang, 'schema.format', { cell, actual: describe(valueAt(data, path), lang) }) };
    default: {
      const expected = t(lang, kindOf(err, path));
      return { ...base, message: t(lang, 'schema.type', { cell, expected, actual: describe(valueAt(data, path), lang) }) };
    }
  }
}

/** What kind of value the failing schema wants, from where the error came from. */
function kindOf(err: ErrorObject, path: string[]): MessageKey {
  const def = /definitions\/(count|change|money|text)\//.exec(err.schemaPath)?.[1];
  if (def) return `kind.${def}` as MessageKey;
  if (path.length === 1 && path[0] === 'year') return 'kind.year';
  if (err.keyword === 'type' && (err.params as { type: string }).type === 'object') return 'kind.mapping';
  if (err.keyword === 'type' && (err.params as { type: string }).type === 'string') return 'kind.string';
  return 'kind.value';
}

function valueAt(data: unknown, path: string[]): unknown {
  let v = data;
  for (const seg of path) v = (v as Record<string, unknown>)?.[seg];
  return v;
}

/** Decimal places of a number in its shortest form (`1.5e-7` → 8), Infinity for a non-number. */
export function decimalsOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return Infinity;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
  if (!m) return Infinity;
  return Math.max(0, (m[2]?.length ?? 0) - Number(m[3] ?? 0));
}

/** Show a wrong value as the clerk typed it: strings quoted, so "3" is visibly not 3. */
export function describe(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return t(lang, 'value.null');
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value instanceof Uint8Array) return t(lang, 'value.binary');
  if (Array.isArray(value)) return t(lang, 'value.list');
  if (typeof value === 'object') return t(lang, 'value.mapping');
  return String(value);
}

/** fastest-levenshtein (CommonJS), loaded at the first typo search: a clean run never needs it. */
let levenshtein: typeof import('fastest-levenshtein').distance | undefined;
const distance = (a: string, b: string): number =>
  (levenshtein ??= (createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein')).distance)(a, b);

/** The allowed key a typo most likely meant: small edit distance relative to length. */
export function nearest(key: string, allowed: string[]): string | undefined {
  // No key name is longer than 30 characters: a longer key is not a typo of one (and the distance is quadratic).
  if (key.length > 40) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor((best?.length ?? 0) / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
