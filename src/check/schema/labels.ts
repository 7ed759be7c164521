import type { JsonPath, Lang } from '../../types.js';
import { schemaAt } from './schemas.js';

/**
 * Name a cell by its official labels, taken from the schema titles along the path:
 * `三、（三）不予公开 · 1.属于国家秘密 · 自然人`. A section contributes only its number (三、),
 * and 三、本年度办理结果 is left out below it, as published reports name those rows by （一）…（七）.
 * English names the cell by its keys, which is what an English reader edits.
 */
export function cellLabel(template: number | undefined, path: JsonPath, lang: Lang): string {
  if (path.length === 0) return lang === 'zh' ? '报告' : 'report';
  if (lang === 'en' || (template !== 2019 && template !== 2021)) return path.join('.');
  return remembered(CELL_LABELS, template, path, () => buildCellLabel(template, path));
}

/**
 * Labels of the cells diagnostics name, built once per template and path: a batch names the same
 * cells again and again. Bounded: paths come from reports (a typo key is a path too).
 */
const CELL_LABELS = new Map<string, string>();
const SHORT_LABELS = new Map<string, string>();
function remembered(cache: Map<string, string>, template: number, path: JsonPath, build: () => string): string {
  const key = `${template}\u0000${path.join('\u0000')}`;
  let label = cache.get(key);
  if (label === undefined) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, (label = build()));
  }
  return label;
}

function buildCellLabel(template: 2019 | 2021, path: JsonPath): string {
  const chain = schemaAt(template, path);
  const parts: string[] = [];
  chain.forEach((schema, i) => {
    const title = schema.title ?? String(path[i]);
    if (i === 0 && path.length > 1 && /^[一二三四五六]、/.test(title)) parts.push(title.slice(0, 2));
    else if (i === 1 && path[0] === 'applications' && path[1] === 'outcomes' && path.length > 2) return;
    else parts.push(title);
  });
  // Keys the schema does not know (typos, extra keys) are named as written.
  for (let i = chain.length; i < path.length; i++) parts.push(String(path[i]));
  const [head, ...rest] = parts;
  return head!.endsWith('、') ? head + rest.join(' · ') : parts.join(' · ');
}

/** The title of one key in the mapping whose schema is known (for "missing key" messages). */
export function keyTitle(template: number | undefined, path: JsonPath, key: string): string {
  if (template !== 2019 && template !== 2021) return key;
  const chain = schemaAt(template, [...path, key]);
  return chain.length === path.length + 1 ? (chain[chain.length - 1]!.title ?? key) : key;
}

/**
 * A short name for an addend in an arithmetic message: `（一）`, `一、本年新收`, `自然人`, `结果维持`.
 * rules.md writes outcome groups by their number alone: `（一）2 + （二）1 + …`.
 */
export function shortLabel(template: number | undefined, path: JsonPath, lang: Lang): string {
  const last = String(path[path.length - 1]);
  // `outcomes.total`, not a bare `total` beside `received` and `carried_over` (balance).
  if (lang === 'en' || (template !== 2019 && template !== 2021)) return last === 'total' && path.length > 2 ? `${String(path[path.length - 2])}.total` : last;
  return remembered(SHORT_LABELS, template, path, () => buildShortLabel(template, path, last));
}

function buildShortLabel(template: 2019 | 2021, path: JsonPath, last: string): string {
  const title = schemaAt(template, path)[path.length - 1]?.title ?? last;
  const numbered = /^[（(][一二三四五六七八九][)）]/.exec(title);
  if (numbered) return title.length <= 6 ? title : numbered[0];
  const section = /^[一二三四]、/.exec(title);
  if (section) return title.slice(0, 6);
  return title.split(' · ').pop()!;
}
