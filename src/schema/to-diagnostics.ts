import type { ErrorObject } from 'ajv';
import { t, type MessageKey } from '../i18n/index.js';
import type { Finding, JsonPath, Lang } from '../types.js';
import { fromPointer } from '../util/json-pointer.js';
import { cellLabel, keyTitle } from './labels.js';
import { propertiesAt } from './schemas.js';
import { validate } from './validator.js';

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

  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const err of validate(template, data)) {
    const path = fromPointer(err.instancePath);
    const finding = toFinding(err, path, template, data, lang);
    // One finding per problem: a value that is both not an integer and negative is one mistake.
    const key = `${finding.path.join('/')}\u0000${finding.atKey ? 'k' : 'v'}\u0000${err.keyword === 'required' ? (err.params as { missingProperty: string }).missingProperty : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
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
      return { ...base, message: t(lang, 'schema.required', { cell, key, label: keyTitle(template, path, key) }) };
    }
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const keyPath = [...path, key];
      const other = template === 2019 ? 2021 : 2019;
      const allowed = Object.keys(propertiesAt(template, path));
      const suggestion = nearest(key, allowed);
      let message: string;
      if (suggestion) {
        message = t(lang, 'schema.unknownKeySuggest', { cell, key, suggestion, label: keyTitle(template, path, suggestion) });
      } else if (key in propertiesAt(other, path)) {
        message = t(lang, 'schema.unknownKeyTemplate', { cell: cellLabel(other, keyPath, lang), key, template });
      } else {
        message = t(lang, 'schema.unknownKey', { cell, key });
      }
      return { ...base, message, path: keyPath, atKey: true };
    }
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

/** Show a wrong value as the clerk typed it: strings quoted, so "3" is visibly not 3. */
export function describe(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return t(lang, 'value.null');
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value instanceof Uint8Array) return t(lang, 'value.binary');
  if (Array.isArray(value)) return t(lang, 'value.list');
  if (typeof value === 'object') return t(lang, 'value.mapping');
  return String(value);
}

/** The allowed key a typo most likely meant: small edit distance relative to length. */
export function nearest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor((best?.length ?? 0) / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return row[b.length]!;
}
