/**
 * The project's own consistency (design.md §2.5, after ESLint's checkRuleFiles): rule files,
 * the rule list, fixtures, message catalogues and schemas agree with each other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { zh } from '../src/i18n/zh.js';
import { rules } from '../src/check/rules/index.js';
import { expectedMarkers, fixtureFiles } from './helpers/markers.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ruleFiles = readdirSync('src/check/rules').filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => basename(f, '.ts')).sort();

describe('rules', () => {
  it('src/check/rules/*.ts and rules/index.ts list the same rules', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(ruleFiles);
  });

  it('ids are unique and kebab-case', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      it('its module exports the rule with id === file name', async () => {
        const mod = (await import(/* @vite-ignore */ resolve(`src/check/rules/${id}.ts`))) as { default: { meta: { id: string } } };
        expect(mod.default.meta.id).toBe(id);
      });

      const dir = join('fixtures/rules', id);
      const files = fixtureFiles(dir).map((f) => basename(f));
      it('has fixtures/rules/<id>/ with valid-* and invalid-*', () => {
        expect(existsSync(dir), dir).toBe(true);
        expect(files.some((f) => f.startsWith('valid-'))).toBe(true);
        expect(files.some((f) => f.startsWith('invalid-'))).toBe(true);
      });

      it('every messageId is used by a fixture, and is in both catalogues', () => {
        const rule = rules.find((r) => r.meta.id === id)!;
        const used = new Set(
          fixtureFiles(dir)
            .flatMap((f) => expectedMarkers(f))
            .map((m) => m.id),
        );
        // Markers in any other folder (fixtures of other rules) count too.
        for (const other of readdirSync('fixtures/rules')) {
          for (const f of fixtureFiles(join('fixtures/rules', other))) for (const m of expectedMarkers(f)) used.add(m.id);
        }
        for (const [messageId, key] of Object.entries(rule.meta.messages)) {
          expect(used.has(`${id}/${messageId}`), `${id}/${messageId} has no fixture`).toBe(true);
          expect(key in zh && key in en, `catalogue key ${key}`).toBe(true);
        }
      });
    });
  }
});

describe('docs/rules.md', () => {
  it('has one "## <rule-id>" section per rule, parse and schema included', () => {
    const headings = new Set([...readFileSync('docs/rules.md', 'utf8').matchAll(/^## (\S+)\s*$/gm)].map((m) => m[1]));
    const missing = ['parse', 'schema', ...rules.map((r) => r.meta.id)].filter((id) => !headings.has(id));
    expect(missing).toEqual([]);
  });
});

describe('message catalogues', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  it('zh.ts and en.ts have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
});

describe('schemas', () => {
  const names = readdirSync('schemas').filter((f) => f.endsWith('.schema.json')).sort();
  const schemas = names.map((n) => JSON.parse(readFileSync(join('schemas', n), 'utf8')) as { $id: string });

  it('every file in schemas/ compiles under Ajv strict mode', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    for (const s of schemas) ajv.addSchema(s);
    for (const s of schemas) expect(() => ajv.getSchema(s.$id), s.$id).not.toThrow();
    for (const s of schemas) expect(ajv.getSchema(s.$id), s.$id).toBeTypeOf('function');
  });

  it('each $id is its file name', () => {
    expect(schemas.map((s) => s.$id)).toEqual(names);
  });

  it('every property of the report schemas carries its Chinese label as title', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties) {
        for (const [key, prop] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof prop.title !== 'string' || !/[\u4e00-\u9fff]/.test(prop.title)) missing.push(`${where}/${key}`);
          walk(prop, `${where}/${key}`);
        }
      }
      for (const key of ['definitions', 'patternProperties']) {
        for (const [k, v] of Object.entries((n[key] as Record<string, unknown>) ?? {})) walk(v, `${where}/${key}/${k}`);
      }
    };
    schemas.forEach((s) => walk(s, s.$id));
    expect(missing).toEqual([]);
  });

  it('the template-selecting report.schema.json validates both examples (editors use it)', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, multipleOfPrecision: 6 });
    addFormats(ajv, ['date']);
    for (const s of schemas) ajv.addSchema(s);
    const validate = ajv.getSchema('report.schema.json')!;
    for (const file of ['fixtures/examples/2021-county-market-regulation.json']) {
      expect(validate(JSON.parse(readFileSync(file, 'utf8'))), file).toBe(true);
    }
    expect(validate({ template: 2021, year: 2021 })).toBe(false);
  });
});
