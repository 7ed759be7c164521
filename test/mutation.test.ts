/**
 * For every single-cell change of a valid report, the set of
 * (ruleId, JSON pointer) reported equals what spec/rules.md says must be reported — no more,
 * no fewer. The expectation below is computed from rules.md and report-format.md on its own:
 * it does not import src/report-shape.ts or the rules.
 */
import { readFileSync } from 'node:fs';
import { isScalar, isMap, isSeq, parse, parseDocument, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintSource, type LintOptions } from '../src/check/lint.js';
import { rules } from '../src/check/rules/index.js';

const FILES = [
  'fixtures/examples/2020-wanglejing.yaml', // template 2019, all zeros
  'fixtures/examples/2021-county-market-regulation.yaml', // template 2021, block style
  'fixtures/examples/2021-county-market-regulation.json',
  'fixtures/rules/balance/valid-2019-flow.yaml', // template 2019, non-zero, flow style
];

// ---- rules.md, written out independently -------------------------------------------------
const PARTS = ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service', 'other'];
const COLUMNS = [...PARTS, 'total'];
const WITHHELD = ['state_secret', 'prohibited_by_law', 'security_stability', 'third_party_rights', 'internal_affairs', 'process_information', 'enforcement_files', 'administrative_query'];
const UNAVAILABLE = ['not_held', 'needs_creation', 'still_unclear'];
const NOT_PROCESSED = ['complaint', 'repeated', 'publication', 'excessive', 'confirmation'];
const OTHER_2021 = ['overdue_correction', 'unpaid_fee', 'other'];
const APPEALS = ['review', 'lawsuit_direct', 'lawsuit_after_review'];
/** rules.md ids a single numeric change can trigger; other rules (prose checks) are not part of this contract. */
const SPEC_RULES = new Set(['parse', 'schema', 'row-total', 'outcome-total', 'balance', 'appeal-total', 'template-year', 'publication-deadline', 'carry-over', 'in-force', 'item-count']);

type Data = Record<string, any>;

/** Paths (as pointers) of the outcome rows that add up to （七）总计. */
function outcomeRows(template: number): string[] {
  return [
    '/applications/outcomes/disclosed',
    '/applications/outcomes/partly_disclosed',
    ...WITHHELD.map((k) => `/applications/outcomes/withheld/${k}`),
    ...UNAVAILABLE.map((k) => `/applications/outcomes/unavailable/${k}`),
    ...NOT_PROCESSED.map((k) => `/applications/outcomes/not_processed/${k}`),
    ...(template === 2021 ? OTHER_2021.map((k) => `/applications/outcomes/other/${k}`) : ['/applications/outcomes/other']),
  ];
}

const at = (data: Data, pointer: string): any => pointer.split('/').slice(1).reduce((n, k) => n[k], data);

function expectedFindings(data: Data): Set<string> {
  const out = new Set<string>();
  const { template, year } = data;
  if (template !== 2019 && template !== 2021) return new Set(['schema /template']);
  // template-year
  if (year < 2019) out.add('template-year /year');
  else if (template !== (year <= 2020 ? 2019 : 2021)) out.add('template-year /template');
  // publication-deadline (default deadline 01-31 of the following year)
  if (typeof data.published === 'string' && data.published > `${year + 1}-01-31`) out.add('publication-deadline /published');
  // row-total: every row of 三
  const rows = ['/applications/received', '/applications/carried_over', ...outcomeRows(template), '/applications/outcomes/total', '/applications/carried_forward'];
  for (const row of rows) {
    const r = at(data, row);
    if (r.total !== PARTS.reduce((s, c) => s + r[c], 0)) out.add(`row-total ${row}/total`);
  }
  for (const c of COLUMNS) {
    // outcome-total
    const sum = outcomeRows(template).reduce((s, row) => s + at(data, row)[c], 0);
    const total = data.applications.outcomes.total[c];
    if (total !== sum) out.add(`outcome-total /applications/outcomes/total/${c}`);
    // balance: 一 + 二 = 三（七）+ 四
    const a = data.applications;
    if (a.received[c] + a.carried_over[c] !== total + a.carried_forward[c]) out.add(`balance /applications/carried_forward/${c}`);
  }
  // appeal-total
  for (const g of APPEALS) {
    const v = data.review_litigation[g];
    if (v.total !== v.upheld + v.corrected + v.other + v.pending) out.add(`appeal-total /review_litigation/${g}/total`);
  }
  return out;
}
// -----------------------------------------------------------------------------------------

/** Every numeric scalar of the document with its pointer and source range. */
function numericCells(text: string): { pointer: string; value: number; start: number; end: number }[] {
  const cells: { pointer: string; value: number; start: number; end: number }[] = [];
  const walk = (node: Node | null | undefined, pointer: string) => {
    if (isMap(node)) for (const p of node.items) walk(p.value as Node, `${pointer}/${String((p.key as { value: unknown }).value)}`);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n as Node, `${pointer}/${i}`));
    else if (isScalar(node) && typeof node.value === 'number') cells.push({ pointer, value: node.value, start: node.range![0], end: node.range![1] });
  };
  walk(parseDocument(text).contents as Node, '');
  return cells;
}

/** value ± 1, written as the clerk would (money keeps its 4 decimals exact). */
const shift = (value: number, delta: number) => String(Math.round((value + delta) * 10000) / 10000);

const options: LintOptions = {
  severities: Object.fromEntries(rules.filter((r) => !SPEC_RULES.has(r.meta.id)).map((r) => [r.meta.id, 'off' as const])),
};

describe('every single-cell change is reported exactly as rules.md says', () => {
  for (const file of FILES) {
    it(file, () => {
      const text = readFileSync(file, 'utf8');
      const cells = numericCells(text);
      expect(cells.length).toBeGreaterThan(100);
      expect(lintSource(text, file, options).diagnostics).toEqual([]);
      let broken = 0;
      for (const cell of cells) {
        for (const delta of cell.value > 0 ? [1, -1] : [1]) {
          const mutated = text.slice(0, cell.start) + shift(cell.value, delta) + text.slice(cell.end);
          const data = (file.endsWith('.json') ? JSON.parse(mutated) : parse(mutated)) as Data;
          const expected = [...expectedFindings(data)].sort();
          const actual = [...new Set(lintSource(mutated, file, options).diagnostics.map((d) => `${d.ruleId} ${toPointer(d.path)}`))].sort();
          expect(actual, `${file}: ${cell.pointer} ${cell.value} → ${shift(cell.value, delta)}`).toEqual(expected);
          if (expected.length > 0) broken++;
        }
      }
      // Most cells are in 三 and 四, where every change breaks a relation: the expectation is not trivially empty.
      expect(broken).toBeGreaterThan(cells.length / 2);
    });
  }
});

function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
