import { LIMITS } from '../limits.js';
import { UNUSUAL, utf8Of, type RangedNode } from './fast-yaml.js';

/**
 * Fast path for JSON reports: JSON.parse plus the two things it does not do that the `yaml`
 * parser (the reference for .json files too) does: reject duplicate keys, and keep the same
 * values. Undefined means "not sure": the caller then takes the `yaml` path. In latin1 mode
 * the text is UTF-8 bytes one per character (src/parse/fast/fast-path.ts: checked for UNUSUAL
 * characters, no \u escapes) and string values are decoded here.
 */
export function fastJson(text: string, latin1 = false): Record<string, unknown> | undefined {
  // (`__proto__` keys and integers beyond double precision are left to the reference path: walk.)
  if (!latin1 && UNUSUAL.test(text)) return undefined;
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
  return keyEnds(text) === walk(data, 1, latin1) ? (data as Record<string, unknown>) : undefined;
}

/** How many times `"[ \n]*:` occurs (a search for ':' runs at memchr speed; a regular expression does not). */
function keyEnds(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x0a)) j--;
    if (j >= 0 && text.charCodeAt(j) === 0x22) n++;
  }
  return n;
}

/**
 * The number of keys under `value`, or -1 where the fast path is not sure: beyond the resource
 * limits (src/parse/limits.ts: the full parser reports those), a `__proto__` key, an integer
 * beyond double precision (JSON.parse and the `yaml` package's parseInt may round it apart;
 * other numbers both read with the same correctly rounded conversion), or a key that is not
 * ASCII in latin1 mode. In latin1 mode it also decodes the string values in place.
 */
function walk(value: object, depth: number, latin1: boolean): number {
  if (depth > LIMITS.depth) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    if (value.length > LIMITS.items) return -1;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') {
        if (latin1 && NON_ASCII.test(item)) value[i] = utf8Of(item);
        continue;
      }
      const k = keysUnder(item, depth, latin1);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  const record = value as Record<string, unknown>;
  let keys = 0;
  for (const key in record) {
    n++;
    if (++keys > LIMITS.keys || key.length > 1024 || key === '__proto__' || (latin1 && NON_ASCII.test(key))) return -1;
    const item = record[key];
    if (typeof item === 'string') {
      if (latin1 && NON_ASCII.test(item)) record[key] = utf8Of(item);
      continue;
    }
    const k = keysUnder(item, depth, latin1);
    if (k < 0) return -1;
    n += k;
  }
  return n;
}

const NON_ASCII = /[\x80-\xff]/;

/** walk for a value that is not a string, one level below `depth`: 0 for a scalar it accepts. */
function keysUnder(item: unknown, depth: number, latin1: boolean): number {
  if (typeof item === 'number') return Number.isInteger(item) && !Number.isSafeInteger(item) ? -1 : 0;
  return item !== null && typeof item === 'object' ? walk(item, depth + 1, latin1) : 0;
}

/** Source ranges of valid JSON (only text JSON.parse took), as the `yaml` parser reports them for the same text. */
export function jsonRanges(text: string): RangedNode {
  let p = 0;
  // Character codes, not one-character strings: this runs for every JSON file with a diagnostic.
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(p);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      p++;
    }
  };
  const string = (): [number, number] => {
    const start = p++;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 0x22 || p >= text.length) break;
      p += c === 0x5c ? 2 : 1;
    }
    p++;
    return [start, p];
  };
  const value = (): RangedNode => {
    ws();
    const start = p;
    const c = text.charCodeAt(p);
    if (c === 0x7b /* { */) {
      p++;
      const entries = new Map<string, { key: [number, number]; value: RangedNode }>();
      ws();
      while (p < text.length && text.charCodeAt(p) !== 0x7d) {
        const key = string();
        ws();
        p++; // ':'
        const v = value();
        const raw = text.slice(key[0] + 1, key[1] - 1);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (!entries.has(name)) entries.set(name, { key, value: v });
        ws();
        if (text.charCodeAt(p) === 0x2c) p++;
        ws();
      }
      p++;
      return { range: [start, p, p], entries };
    }
    if (c === 0x5b /* [ */) {
      p++;
      const items: RangedNode[] = [];
      ws();
      while (p < text.length && text.charCodeAt(p) !== 0x5d) {
        items.push(value());
        ws();
        if (text.charCodeAt(p) === 0x2c) p++;
        ws();
      }
      p++;
      return { range: [start, p, p], items };
    }
    if (c === 0x22) {
      const [s, e] = string();
      return { range: [s, e, e] };
    }
    for (;;) {
      const d = text.charCodeAt(p);
      if (p >= text.length || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09 || d === 0x2c || d === 0x5d || d === 0x7d) break;
      p++;
    }
    return { range: [start, p, p] };
  };
  return value();
}
