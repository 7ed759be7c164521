/**
 * Prose parsing (src/check/narrative) against hand-read phrasings in fixtures/narrative/, Chinese
 * numerals, and one run of the real bin showing where a prose warning points.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseChineseNumeral, normalizeDigits } from '../src/check/narrative/numbers.js';
import { prepare, sumStatements, tableClaims } from '../src/check/narrative/prose.js';

interface SumCase {
  text: string;
  expect: 'holds' | 'mismatch' | 'silent';
  total?: number;
  parts?: number[];
}
const sumCases = parse(readFileSync('fixtures/narrative/sum-phrases.yaml', 'utf8')) as SumCase[];
const tableCases = parse(readFileSync('fixtures/narrative/table-phrases.yaml', 'utf8')) as { text: string; claims: [string, number][] }[];

/** What narrative-sum concludes about a text: the rule's own decision, on the parsed statements. */
function verdict(text: string): string {
  const statements = sumStatements(prepare(text));
  const judged = statements.map((s) => {
    const sum = s.parts.reduce((a, p) => a + p.value, 0);
    if (sum === s.total) return 'holds';
    return sum > s.total || s.exhaustive ? 'mismatch' : 'silent';
  });
  return judged.find((j) => j !== 'silent') ?? 'silent';
}

describe('Chinese numerals and digits', () => {
  it.each([
    ['三十', 30],
    ['十二', 12],
    ['一百三十六', 136],
    ['一百零五', 105],
    ['两', 2],
    ['两万三千', 23000],
    ['零', 0],
  ])('%s = %d', (s, n) => expect(parseChineseNumeral(s)).toBe(n));
  it.each(['三三', '十十', '百', '三十x'])('%s is not a number', (s) => expect(parseChineseNumeral(s)).toBeUndefined());
  it('full-width digits become ASCII one for one', () => expect(normalizeDigits('共１３６条')).toBe('共136条'));
});

describe('narrative-sum phrasings', () => {
  for (const c of sumCases) {
    it(`${c.expect}: ${c.text.slice(0, 40)}`, () => {
      expect(verdict(c.text)).toBe(c.expect);
      if (c.total !== undefined) {
        const [s] = sumStatements(prepare(c.text));
        expect(s?.total).toBe(c.total);
        expect(s?.parts.map((p) => p.value)).toEqual(c.parts);
      }
    });
  }
});

describe('narrative-table phrasings', () => {
  for (const c of tableCases) {
    it(c.text.slice(0, 40), () => {
      expect(tableClaims(prepare(c.text), 2020).map((x) => [x.kind, x.value])).toEqual(c.claims);
    });
  }
});

describe('through the real bin', () => {
  it('a prose warning inside a block scalar points at the line and column of the stated total', () => {
    const r = spawnSync(process.execPath, [resolve('bin/report-lint.js'), 'fixtures/rules/narrative-sum/invalid-block-literal.yaml', '--format', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [d] = JSON.parse(r.stdout)[0].diagnostics;
    expect(d).toMatchObject({ ruleId: 'narrative-sum', severity: 'warning', path: '/overview', line: 10, column: 26, expected: 146, actual: 136 });
    expect(d.message).toContain('政府工作报告、年度… 13');
  });
});
