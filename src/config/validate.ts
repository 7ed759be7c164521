import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { ConfigError } from '../errors.js';
import { t, type MessageKey } from '../i18n/index.js';
import { locate } from '../parse/locate.js';
import type { Lang } from '../types.js';
import { fromPointer } from '../util/json-pointer.js';
import { dotted } from './path.js';
import { ruleIdProblem } from './rule-ids.js';
import type { ReportLintConfig } from './types.js';

export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/config/report-lint-config.schema.json', import.meta.url));

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as object);
  return compiled;
}

interface Source {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Check a parsed config against its JSON Schema, then its rule ids against the rules that
 * exist. The first problem becomes a one-line ConfigError `file:line:col: …` (exit 2).
 */
export function validateConfig(data: unknown, source: Source, lang: Lang): ReportLintConfig {
  const validate = validator();
  if (!validate(data)) {
    // `if` only says that a `then`/`else` failed, `propertyNames` repeats its `pattern` error: drop both.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
    fail(errors[0]!, errors.length - 1, source, lang);
  }
  const config = data as ReportLintConfig;
  const ruleIds: { id: string; path: (string | number)[] }[] = [];
  for (const id of Object.keys(config.rules ?? {})) ruleIds.push({ id, path: ['rules', id] });
  config.overrides?.forEach((o, i) => Object.keys(o.rules ?? {}).forEach((id) => ruleIds.push({ id, path: ['overrides', i, 'rules', id] })));
  config.ignore?.forEach((e, i) => e.rule !== undefined && ruleIds.push({ id: e.rule, path: ['ignore', i, 'rule'] }));
  for (const { id, path } of ruleIds) {
    const problem = ruleIdProblem(id, lang);
    if (problem) throw new ConfigError(`${where(source, path, path[0] !== 'ignore')}: ${problem}`);
  }
  return config;
}

function fail(error: ErrorObject, more: number, source: Source, lang: Lang): never {
  const path: (string | number)[] = fromPointer(error.instancePath);
  const at = dotted(path, lang);
  const p = error.params as Record<string, unknown>;
  let key: MessageKey;
  let data: Record<string, string | number> = { at };
  let atKey = false;
  const last = path[path.length - 1];
  switch (error.keyword) {
    case 'additionalProperties':
      key = 'config.unknownKey';
      data.key = String(p.additionalProperty);
      path.push(String(p.additionalProperty));
      atKey = true;
      break;
    case 'required':
      key = 'config.required';
      data.key = String(p.missingProperty);
      break;
    case 'enum':
      key = 'config.enum';
      data = { at, allowed: (p.allowedValues as unknown[]).join(', '), actual: JSON.stringify(valueAt(source, path)) };
      break;
    case 'type':
      key = 'config.type';
      data.expected = t(lang, `config.kind.${String(p.type)}` as MessageKey);
      break;
    case 'pattern':
      // A propertyNames failure: Ajv names the offending key on the error itself.
      if (error.propertyName !== undefined) {
        key = 'config.ruleIdPattern';
        data.actual = JSON.stringify(error.propertyName);
        path.push(error.propertyName);
        atKey = true;
        break;
      }
      key = last === 'deadline' ? 'config.deadline' : last === 'path' ? 'config.pointer' : 'config.ruleIdPattern';
      data.actual = JSON.stringify(valueAt(source, path));
      break;
    case 'minLength':
    case 'minItems':
      key = 'config.empty';
      break;
    case 'maxProperties':
      key = 'config.noOptions';
      data.rule = String(path[path.length - 2]);
      break;
    default:
      key = 'config.other';
      data.detail = error.message ?? error.keyword;
  }
  const message = t(lang, key, data) + (more > 0 ? t(lang, 'config.more', { count: more }) : '');
  throw new ConfigError(`${where(source, path, atKey)}: ${message}`);
}

/** `file:line:col` of a config path; a config file has at most a few dozen lines, so this is cheap. */
function where(source: Source, path: readonly (string | number)[], atKey = false): string {
  const pos = locate(source.doc, source.lineCounter, path, atKey);
  return `${source.file}:${pos.line}:${pos.column}`;
}

function valueAt(source: Source, path: readonly (string | number)[]): unknown {
  const node = source.doc.getIn(path, false);
  return node === undefined ? null : node;
}

