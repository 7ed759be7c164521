import { UNUSUAL, type RangedNode } from './fast-yaml.js';

/**
 * Fast path for JSON reports: JSON.parse plus the two things it does not do that the `yaml`
 * parser (the reference for .json files too) does: reject duplicate keys, and keep the same
 * values. Undefined means "not sure": the caller then takes the `yaml` path.
 */
export function fastJson(text: string): Record<string, unknown> | undefined {
  // __proto__ keys and digit runs beyond double precision are left to the reference path.
  if (UNUSUAL.test(text) || text.includes('__proto__') || /\d{16}/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  // Every key in the text ends with `"` + optional whitespace + `:`; a string value can only
  // contain that as `\":`, which over-counts and so only sends the file down the slow path.
  // Equal counts therefore mean JSON.parse merged no duplicate keys.
  let tokens = 0;
  const keyEnd = /"[ \n]*:/g;
  while (keyEnd.exec(text)) tokens++;
  return tokens === countKeys(data) ? (data as Record<string, unknown>) : undefined;
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

/** Source ranges of valid JSON, as the `yaml` parser reports them for the same text. */
export function jsonRanges(text: string): RangedNode {
  let p = 0;
  const ws = () => {
    while (p < text.length && ' \n\r\t'.includes(text[p]!)) p++;
  };
  const string = (): [number, number] => {
    const start = p++;
    while (text[p] !== '"') p += text[p] === '\\' ? 2 : 1;
    p++;
    return [start, p];
  };
  const value = (): RangedNode => {
    ws();
    const start = p;
    const c = text[p];
    if (c === '{') {
      p++;
      const entries = new Map<string, { key: [number, number]; value: RangedNode }>();
      ws();
      while (text[p] !== '}') {
        const key = string();
        ws();
        p++; // ':'
        const v = value();
        const raw = text.slice(key[0] + 1, key[1] - 1);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (!entries.has(name)) entries.set(name, { key, value: v });
        ws();
        if (text[p] === ',') p++;
        ws();
      }
      p++;
      return { range: [start, p, p], entries };
    }
    if (c === '[') {
      p++;
      const items: RangedNode[] = [];
      ws();
      while (text[p] !== ']') {
        items.push(value());
        ws();
        if (text[p] === ',') p++;
        ws();
      }
      p++;
      return { range: [start, p, p], items };
    }
    if (c === '"') {
      const [s, e] = string();
      return { range: [s, e, e] };
    }
    while (p < text.length && !' \n\r\t,]}'.includes(text[p]!)) p++;
    return { range: [start, p, p] };
  };
  return value();
}
