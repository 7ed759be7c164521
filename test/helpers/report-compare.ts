/** Helpers shared by the import/render tests: load fixtures, and compare reports as data. */
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { parse } from 'yaml';
import { paragraphs } from '../../src/render/values.js';

export function loadFixture(file: string): Record<string, unknown> {
  return parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Every valid report fixture: the worked examples and the valid-* fixtures of rules and schema. */
export function validFixtures(): string[] {
  return globSync(['fixtures/examples/*.{yaml,yml,json}', 'fixtures/rules/**/valid-*.{yaml,yml,json}', 'fixtures/schema/**/valid-*.{yaml,yml,json}']).sort();
}

/**
 * What a rendered report can carry: not the editor's `$schema`, not `x-` extensions, and text
 * sections as their paragraphs (line breaks and blank lines are layout in a published page).
 */
export function comparable(report: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (key === '$schema' || key.startsWith('x-')) continue;
    if (['overview', 'problems', 'other_matters'].includes(key) && typeof value === 'string') out[key] = paragraphs(value).join('\n');
    else if (key === 'published' && value instanceof Date) out[key] = value.toISOString().slice(0, 10);
    else out[key] = value;
  }
  return out;
}
