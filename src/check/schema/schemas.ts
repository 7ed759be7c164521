import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** schemas/ at the package root (this file is dist/check/schema/schemas.js or src/check/schema/schemas.ts). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));

export interface JsonSchema {
  $id?: string;
  $ref?: string;
  title?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  required?: string[];
  [k: string]: unknown;
}

let cache: Map<string, JsonSchema> | undefined;

/** Every schema file, keyed by its $id (= file name), read once. */
export function loadSchemas(): Map<string, JsonSchema> {
  if (!cache) {
    cache = new Map();
    for (const name of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
      const schema = JSON.parse(readFileSync(SCHEMA_DIR + name, 'utf8')) as JsonSchema;
      cache.set(schema.$id ?? name, schema);
    }
  }
  return cache;
}

/** Follow `$ref`s from a schema in file `base`; returns the target and the file it lives in. */
export function deref(schema: JsonSchema, base: string): { schema: JsonSchema; base: string } {
  // Labels and layout checks follow the same references for every report with a diagnostic: once.
  let byBase = DEREFERENCED.get(schema);
  const known = byBase?.get(base);
  if (known) return known;
  const result = followRefs(schema, base);
  if (!byBase) DEREFERENCED.set(schema, (byBase = new Map()));
  byBase.set(base, result);
  return result;
}

const DEREFERENCED = new WeakMap<JsonSchema, Map<string, { schema: JsonSchema; base: string }>>();

function followRefs(schema: JsonSchema, base: string): { schema: JsonSchema; base: string } {
  const schemas = loadSchemas();
  let s = schema;
  let b = base;
  for (let i = 0; i < 10 && s.$ref; i++) {
    const [file, pointer = ''] = s.$ref.split('#');
    if (file) b = file;
    let target: unknown = schemas.get(b);
    for (const seg of pointer.split('/').filter(Boolean)) target = (target as Record<string, unknown>)[seg];
    s = target as JsonSchema;
  }
  return { schema: s, base: b };
}

/** The schema of the value at `path` in a report of `template`, or undefined where the schema has none. */
export function schemaAt(template: number, path: readonly (string | number)[]): readonly JsonSchema[] {
  const key = `${template}\u0000${path.join('\u0000')}`;
  const known = SCHEMA_AT.get(key);
  if (known) return known;
  // Paths come from reports (a typo key is a path too): bounded, so a long run cannot grow it.
  if (SCHEMA_AT.size >= 10_000) SCHEMA_AT.clear();
  const chain = chainAt(template, path);
  SCHEMA_AT.set(key, chain);
  return chain;
}

const SCHEMA_AT = new Map<string, readonly JsonSchema[]>();

function chainAt(template: number, path: readonly (string | number)[]): JsonSchema[] {
  const chain: JsonSchema[] = [];
  let cur = deref(loadSchemas().get(`report-${template}.schema.json`)!, `report-${template}.schema.json`);
  for (const seg of path) {
    const prop = ownProperty(cur.schema, seg);
    if (!prop) break;
    chain.push(prop);
    cur = deref(prop, cur.base);
  }
  return chain;
}

/**
 * A cheap necessary condition for `value` to match the schema of `path` in `template`: its
 * top-level `required` keys are present and, under `additionalProperties: false` (without
 * patternProperties), it has no other keys. False means it cannot match; true means maybe
 * (spares loading Ajv for matchesRef when the keys already say no).
 */
export function keysCouldMatch(template: number, path: readonly (string | number)[], value: object): boolean {
  let cur = deref(loadSchemas().get(`report-${template}.schema.json`)!, `report-${template}.schema.json`);
  for (const seg of path) {
    const prop = ownProperty(cur.schema, seg);
    if (!prop) return true;
    cur = deref(prop, cur.base);
  }
  return keysFit(cur.schema, cur.base, value, 0);
}

/** keysCouldMatch's test, down the nested mappings (a deeper layout difference is what usually tells). */
function keysFit(schema: JsonSchema, base: string, value: object, depth: number): boolean {
  for (const key of schema.required ?? []) if (!Object.hasOwn(value, key)) return false;
  const closed = schema.additionalProperties === false && schema.patternProperties === undefined;
  for (const [key, child] of Object.entries(value)) {
    const prop = ownProperty(schema, key);
    if (!prop) {
      if (closed) return false;
      continue;
    }
    if (child === null || typeof child !== 'object' || Array.isArray(child) || depth >= 8) continue;
    const inner = deref(prop, base);
    if (!keysFit(inner.schema, inner.base, child as object, depth + 1)) return false;
  }
  return true;
}

/** Property names and titles allowed in the mapping at `path`. */
export function propertiesAt(template: number, path: readonly (string | number)[]): Record<string, JsonSchema> {
  let cur = deref(loadSchemas().get(`report-${template}.schema.json`)!, `report-${template}.schema.json`);
  for (const seg of path) {
    const prop = ownProperty(cur.schema, seg);
    if (!prop) return {};
    cur = deref(prop, cur.base);
  }
  return cur.schema.properties ?? {};
}

/**
 * A reference Ajv can resolve (`file#/json/pointer`) to the schema of the value at `path`,
 * or undefined where the template has no schema for it.
 */
export function schemaRefAt(template: number, path: readonly (string | number)[]): string | undefined {
  let file = `report-${template}.schema.json`;
  let pointer = '';
  let schema = loadSchemas().get(file)!;
  const follow = () => {
    for (let i = 0; i < 10 && schema.$ref; i++) {
      const [refFile, refPointer = ''] = schema.$ref.split('#');
      if (refFile) file = refFile;
      pointer = refPointer;
      let target: unknown = loadSchemas().get(file);
      for (const seg of pointer.split('/').filter(Boolean)) target = (target as Record<string, unknown>)[seg];
      schema = target as JsonSchema;
    }
  };
  for (const seg of path) {
    const prop = ownProperty(schema, seg);
    if (!prop) return undefined;
    pointer += `/properties/${String(seg).replace(/~/g, '~0').replace(/\//g, '~1')}`;
    schema = prop;
    follow();
  }
  return `${file}#${pointer}`;
}

/** A declared property only: `constructor` or `__proto__` in a report must not find Object.prototype's. */
function ownProperty(schema: JsonSchema, key: string | number): JsonSchema | undefined {
  const props = schema.properties;
  return props && Object.hasOwn(props, String(key)) ? props[String(key)] : undefined;
}
