/**
 * Damaged copies of rendered reports: the importer either recovers the exact numbers or says
 * at the damaged line that it could not — never a wrong number without a note.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importText, type ImportResult } from '../src/import/index.js';
import { dataRows, tableModels } from '../src/render/layout.js';
import { getIn } from '../src/report-shape.js';
import type { Report } from '../src/types.js';
import { damages, type Damaged } from './helpers/damage.js';
import { arbitraryReport } from './helpers/report-arbitrary.js';
import { comparable, loadFixture } from './helpers/report-compare.js';

const worked = loadFixture('fixtures/examples/2020-wanglejing.yaml') as Report;
const county = loadFixture('fixtures/examples/2021-county-market-regulation.yaml') as Report;
const generated = fc.sample(arbitraryReport(), { numRuns: 4, seed: 20261128 }) as Report[];
const bases: [string, Report][] = [
  ['2020-wanglejing (2019)', worked],
  ['2021-county (2021)', county],
  ...generated.map((r, i) => [`generated #${i} (${r.template})`, r] as [string, Report]),
];

function valuePaths(report: Report): string[][] {
  return tableModels(report.template).flatMap((m) => dataRows(m).flatMap((r) => r.values.map((v) => v.path)));
}

/** The invariant: every cell is exact, or a warning about it (or its row) sits on a damaged line. */
function expectNoSilentError(original: Report, damaged: Damaged, result: ImportResult): string[][] {
  const wrong: string[][] = [];
  for (const path of valuePaths(original)) {
    const got = getIn(result.report, path);
    if (got === getIn(original, path)) continue;
    wrong.push(path);
    const flagged = result.notes.some(
      (n) =>
        n.severity === 'warning' &&
        damaged.lines.has(n.line) &&
        ((n.cellPath && n.cellPath.join('/') === path.join('/')) || (n.rowPath && path.join('/').startsWith(n.rowPath.join('/') + '/'))),
    );
    expect(flagged, `${path.join('/')}: ${got} instead of ${getIn(original, path)} without a note on lines ${[...damaged.lines]}`).toBe(true);
  }
  return wrong;
}

const numbersOf = (r: Record<string, unknown>) => {
  const { overview: _o, problems: _p, other_matters: _m, ...rest } = comparable(r);
  return rest;
};

describe('damaged copies: exact numbers or a note at the damaged line', () => {
  for (const [name, base] of bases) {
    describe(name, () => {
      const run = (damaged: Damaged) => {
        const result = importText(damaged.text, damaged.type);
        return { result, wrong: expectNoSilentError(base, damaged, result) };
      };

      it('one cell per line with | and empty cells: exact', () => {
        const { result, wrong } = run(damages.cellPerLine(base));
        expect(wrong).toEqual([]);
        expect(comparable(result.report)).toEqual(comparable(base));
      });

      it('blank cells: read as missing, each with a note', () => {
        const damaged = damages.blankCells(base);
        const { result, wrong } = run(damaged);
        expect(wrong.length).toBeGreaterThan(0);
        for (const path of wrong) expect(getIn(result.report, path)).toBeNull();
        expect(result.notes.filter((n) => n.messageId === 'blankCell').length).toBe(wrong.length);
      });

      it('/ and — in number cells: read as missing, with a note', () => {
        const { result, wrong } = run(damages.dashCells(base));
        expect(wrong.map((p) => p.join('/'))).toEqual(valuePaths(base).filter((p) => p[1] === 'regulations').slice(0, 2).map((p) => p.join('/')));
        expect(result.notes.filter((n) => n.messageId === 'dashCell')).toHaveLength(2);
      });

      for (const kind of ['signs', 'fullWidth', 'labelTypos', 'labelSpaces', 'commercialInstitution', 'rewordedHeadings'] as const) {
        it(`${kind}: exact numbers`, () => {
          const damaged = damages[kind](base);
          const { result, wrong } = run(damaged);
          expect(wrong).toEqual([]);
          expect(result.template).toBe(base.template);
          if (kind === 'labelTypos') {
            const typos = result.notes.filter((n) => n.messageId === 'fuzzyLabel');
            expect(typos.length).toBe(base.template === 2021 ? 3 : 1);
            for (const n of typos) expect(damaged.lines.has(n.line)).toBe(true);
          }
          if (kind === 'commercialInstitution') expect(result.notes.some((n) => n.messageId === 'aliasLabel' && damaged.lines.has(n.line))).toBe(true);
          if (kind === 'rewordedHeadings') expect(comparable(result.report)).toEqual(comparable(base));
        });
      }

      for (const yuan of [false, true]) {
        it(`units (${yuan ? '251000元' : '160.5964万元'}): converted to 万元 and said so`, () => {
          const damaged = damages.units(base, yuan);
          const result = importText(damaged.text, damaged.type);
          const path = base.template === 2019 ? ['proactive', 'procurement', 'amount'] : ['proactive', 'fees', 'amount'];
          expect(getIn(result.report, path)).toBe(yuan ? 25.1 : 160.5964);
          const note = result.notes.find((n) => n.messageId === (yuan ? 'unitConverted' : 'unitRemoved'));
          expect(note?.line).toBe([...damaged.lines][0]);
        });
      }

      it('truncated mid-table: what was read is exact, the rest missing with notes at the last line', () => {
        const damaged = damages.truncated(base);
        const { result, wrong } = run(damaged);
        expect(wrong.length).toBeGreaterThan(0);
        for (const path of wrong) expect(getIn(result.report, path)).toBeNull();
        expect(getIn(result.report, ['applications', 'received'])).toEqual(getIn(base, ['applications', 'received']));
        expect(result.notes.some((n) => n.messageId === 'truncated')).toBe(true);
        expect(result.report.problems).toBeNull();
      });

      it('page breaks inside a sentence and a table: exact numbers, sentence rejoined', () => {
        const { result, wrong } = run(damages.pageBreaks(base));
        expect(wrong).toEqual([]);
        expect(comparable(result.report)).toEqual(comparable(base));
      });

      it('a row with one number missing: the row is missing, with a note', () => {
        const { result, wrong } = run(damages.missingNumber(base, '二、上年结转政府信息公开申请数量', 3));
        for (const path of wrong) expect(getIn(result.report, path)).toBeNull();
        expect(getIn(result.report, ['applications', 'carried_over', 'total'])).toBeNull();
        expect(result.notes.some((n) => n.messageId === 'shortfall')).toBe(true);
      });

      it('a row with one number too many: exact when it can be told, else missing with a note', () => {
        const equal = run(damages.surplusNumber(base, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '7', 2));
        expect(equal.result.notes.some((n) => n.messageId === 'surplusResolved' || n.messageId === 'surplus')).toBe(true);
        const zeroRow = valuePaths(base).some((p) => p[1] === 'regulations' && getIn(base, p) !== 0)
          ? undefined
          : run(damages.surplusNumber(base, '规章', '0', 0));
        if (zeroRow) expect(numbersOf(zeroRow.result.report)).toEqual(numbersOf(base));
      });
    });
  }
});

describe('any input: a report or notes, never an exception', () => {
  const piece = fc.oneof(
    fc.constantFrom('二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '（三）不予公开', '1.属于国家秘密', '规章', '总计', '自然人', '|', '\t', '\n', '<td rowspan="9999">', '<table>', '</tr>', '0', '+19', '251000元', '—', '某县2021年政府信息公开工作年度报告'),
    fc.string({ maxLength: 8 }),
    fc.nat({ max: 999 }).map(String),
  );
  it('imports random mixtures of labels, numbers and markup as txt, md and html', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.constantFrom('txt' as const, 'md' as const, 'html' as const), (pieces, type) => {
        const result = importText(pieces.join(''), type);
        expect(typeof result.report).toBe('object');
      }),
      { numRuns: 150 },
    );
  });
});
