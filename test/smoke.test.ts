import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { lintSource } from '../src/check/lint.js';
import { rules } from '../src/check/rules/index.js';

const EXAMPLES = readdirSync('fixtures/examples').sort().map((f) => `fixtures/examples/${f}`);

describe('smoke', () => {
  it('has the worked example, a 2021 report and its JSON twin', () => {
    expect(EXAMPLES).toEqual([
      'fixtures/examples/2020-wanglejing.yaml',
      'fixtures/examples/2021-county-market-regulation.json',
      'fixtures/examples/2021-county-market-regulation.yaml',
    ]);
  });
  for (const file of EXAMPLES) {
    it(`${file} lints clean`, () => {
      expect(lintSource(readFileSync(file), file).diagnostics).toEqual([]);
      expect(lintSource(readFileSync(file), file, { lang: 'en' }).diagnostics).toEqual([]);
    });
  }
  // shared/ stands beside the checkout in sessions and CI; a plain clone elsewhere has only the copy.
  it.skipIf(!existsSync('../shared/spec/examples/2020-wanglejing.yaml'))('the worked example is the spec’s seed report, unchanged', () => {
    expect(readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8')).toBe(readFileSync('../shared/spec/examples/2020-wanglejing.yaml', 'utf8'));
  });
  it('the 2021 example is realistic: dozens of applications, non-zero numbers in every part', () => {
    const data = parse(readFileSync('fixtures/examples/2021-county-market-regulation.yaml', 'utf8'));
    expect(data).toEqual(JSON.parse(readFileSync('fixtures/examples/2021-county-market-regulation.json', 'utf8')));
    expect(data.template).toBe(2021);
    expect(data.applications.received.total).toBeGreaterThanOrEqual(24);
    expect(data.applications.carried_over.total).toBeGreaterThan(0);
    expect(data.applications.carried_forward.total).toBeGreaterThan(0);
    for (const group of ['withheld', 'unavailable', 'not_processed', 'other']) {
      const rows = Object.values(data.applications.outcomes[group]) as { total: number }[];
      expect(rows.some((r) => r.total > 0), group).toBe(true);
    }
    for (const g of ['review', 'lawsuit_direct', 'lawsuit_after_review']) expect(data.review_litigation[g].total).toBeGreaterThan(0);
    expect(data.proactive.fees.amount % 1).not.toBe(0);
  });
});

describe('a rule that throws', () => {
  it('is a bug report naming the rule and the file, not a diagnostic', () => {
    const rule = rules.find((r) => r.meta.id === 'balance')!;
    const spy = vi.spyOn(rule, 'check').mockImplementation(() => {
      throw new TypeError('boom');
    });
    try {
      expect(() => lintSource(readFileSync(EXAMPLES[0]!), 'r.yaml')).toThrow('while running rule "balance" on r.yaml: boom');
    } finally {
      spy.mockRestore();
    }
    expect(lintSource(readFileSync(EXAMPLES[0]!), 'r.yaml').diagnostics).toEqual([]);
  });
});
