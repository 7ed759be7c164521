/**
 * `report-lint rules` (README, Rules): every rule id a diagnostic can carry, with its default
 * severity, a description from the catalogues and a docs link. A rule added without a
 * `rule.<id>.description` key in zh.ts and en.ts fails here, naming the rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { zh } from '../src/i18n/zh.js';
import { descriptionKey, SUPPRESSION_RULES } from '../src/check/rule-catalog.js';
import { rules, STAGES } from '../src/check/rules/index.js';
import { runBin, runMain } from './helpers/run-main.js';

const everyId = [...Object.keys(STAGES), ...rules.map((r) => r.meta.id), ...Object.keys(SUPPRESSION_RULES)];

describe('descriptions', () => {
  it.each(everyId)('%s has rule.<id>.description in both catalogues', (id) => {
    expect(zh, `add '${descriptionKey(id)}' to src/i18n/zh.ts`).toHaveProperty([descriptionKey(id)]);
    expect(en, `add '${descriptionKey(id)}' to src/i18n/en.ts`).toHaveProperty([descriptionKey(id)]);
  });
});

describe('report-lint rules', () => {
  it('--format json: id, default severity, description, docs link for every rule', async () => {
    const r = await runMain(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as { id: string; severity: string; description: string; docs: string }[];
    expect(listed.map((x) => x.id)).toEqual(everyId);
    const severity = (id: string) =>
      STAGES[id as keyof typeof STAGES] ?? SUPPRESSION_RULES[id as keyof typeof SUPPRESSION_RULES] ?? rules.find((x) => x.meta.id === id)!.meta.severity;
    for (const x of listed) {
      expect(x.severity, x.id).toBe(severity(x.id));
      expect(x.description, x.id).toBe((zh as Record<string, string>)[descriptionKey(x.id)]);
      expect(x.docs).toBe(`https://github.com/report-lint/report-lint/blob/main/docs/rules.md#${x.id}`);
    }
  });

  it('text: one rule per entry with its docs link on the next line; English with --lang en', async () => {
    const r = await runMain(['rules', '--lang', 'en']);
    const lines = r.stdout.split('\n');
    const balance = lines.findIndex((l) => l.startsWith('balance '));
    expect(lines[balance]).toMatch(/^balance +error +Table 3: item 1 plus item 2 equals item 3 plus item 4 \(the official balance\)$/);
    expect(lines[balance + 1]!.trim()).toBe('https://github.com/report-lint/report-lint/blob/main/docs/rules.md#balance');
    expect(lines.filter((l) => /^[a-z]/.test(l)).length).toBe(everyId.length);
  });

  it('the suppression rules are documented in docs/rules.md', () => {
    const doc = readFileSync('docs/rules.md', 'utf8');
    // The docs link is docs/rules.md#<id>: a `## <id>` heading makes that anchor.
    for (const id of Object.keys(SUPPRESSION_RULES)) expect(doc).toMatch(new RegExp(`^## ${id}$`, "m"));
  });

  it('the real bin', () => {
    const r = runBin(['rules', '-f', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(everyId.length);
  });
});
