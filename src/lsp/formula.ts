/**
 * The arithmetic behind a cell, for hover: which total it is, its addends with their current
 * values, and the value they give. Worked out by the rules themselves, never by a copy of them:
 * the cell is set to a value that cannot be right and the arithmetic rules are run on that copy
 * of the data; the message of the rule that reports at the cell carries the addends.
 */
import { lintLoaded } from '../check/lint.js';
import { rules } from '../check/rules/index.js';
import { catalogueFor, type MessageKey } from '../i18n/index.js';
import type { JsonPath, Lang, SeveritySetting } from '../types.js';

/** The rules whose findings are a sum: the ones a formula can be shown for. */
const ARITHMETIC = ['row-total', 'outcome-total', 'appeal-total', 'balance'];

export interface Formula {
  ruleId: string;
  /** As the rule prints them: `自然人 2 + 商业企业 0 + …`. */
  addends: string;
  /** What the addends give. */
  expected: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The formulas that compute the cell at `path`, or [] (not a total, or the table does not fit its schema). */
export function formulasAt(data: unknown, path: JsonPath, file: string, lang: Lang): Formula[] {
  if (data === null || typeof data !== 'object' || path.length < 2) return [];
  const section = String(path[0]);
  if (section !== 'applications' && section !== 'review_litigation') return [];
  const current = getPath(data, path);
  if (current !== undefined && current !== null && !isCount(current)) return [];
  // Two values that differ: whatever a rule's sum is, one of them is wrong for it.
  const first = (isCount(current) ? current : 0) + 1;
  const byRule = new Map<string, Formula>();
  for (const probe of [first, first + 1]) {
    for (const f of runWith(data, path, probe, file, lang)) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f);
  }
  return ARITHMETIC.flatMap((id) => byRule.get(id) ?? []);
}

function runWith(data: object, path: JsonPath, probe: number, file: string, lang: Lang): Formula[] {
  let copy: unknown;
  try {
    copy = structuredClone(data);
  } catch {
    return [];
  }
  if (!setPath(copy, path, probe)) return [];
  const severities: Record<string, SeveritySetting> = {};
  for (const r of rules) severities[r.meta.id] = ARITHMETIC.includes(r.meta.id) ? 'error' : 'off';
  const result = lintLoaded({ data: copy, findings: [] }, file, { lang, severities });
  const key = JSON.stringify(path);
  return result.diagnostics.flatMap((d) => {
    if (!ARITHMETIC.includes(d.ruleId) || JSON.stringify(d.path) !== key || d.expected === undefined) return [];
    const addends = addendsOf(d.ruleId, d.messageId, d.message, lang);
    return addends === undefined ? [] : [{ ruleId: d.ruleId, addends, expected: d.expected }];
  });
}

/** The `{{addends}}` part of a rule's message, read back with the catalogue text the message was made from. */
function addendsOf(ruleId: string, messageId: string, message: string, lang: Lang): string | undefined {
  const key = rules.find((r) => r.meta.id === ruleId)?.meta.messages[messageId];
  const template = key === undefined ? undefined : catalogueFor(lang)[key as MessageKey];
  if (template === undefined || !template.includes('{{addends}}')) return undefined;
  const pattern = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => (part === '{{addends}}' ? '([\\s\\S]*)' : /^\{\{\w+\}\}$/.test(part) ? '[\\s\\S]*?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).exec(message)?.[1];
}

function getPath(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

function setPath(data: unknown, path: JsonPath, value: number): boolean {
  const parent = getPath(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return false;
  (parent as Record<string, unknown>)[String(path[path.length - 1])] = value;
  return true;
}
