import { Writable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseHtml } from 'parse5';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { renderReport, renderReportHtml, renderTablesHtml } from '../src/render/index.js';
import { loadFixture } from './helpers/report-compare.js';

// CLI runs load modules lazily; a busy machine running the whole suite needs more than 5 s.
vi.setConfig({ testTimeout: 30_000 });

const worked = loadFixture('fixtures/examples/2020-wanglejing.yaml');
const county = loadFixture('fixtures/examples/2021-county-market-regulation.yaml');

/** official-tables.md, read as the spec: every label of the template's tables, in order. */
function specLabels(template: 2019 | 2021): string[] {
  const spec = readFileSync('docs/official-tables.md', 'utf8');
  const part = template === 2019 ? spec.slice(spec.indexOf('## Template 2019'), spec.indexOf('## Template 2021')) : spec.slice(spec.indexOf('## Template 2021'));
  const labels: string[] = [];
  for (const line of part.split('\n')) {
    if (/^\|\s*(一级|#|---|信息内容 \| *$)/.test(line) || !line.startsWith('|')) continue;
    for (const cell of line.split('|').map((c) => c.trim())) {
      if (cell && !/^\*|^-+$|^\d+$|^(Group|Column)$/.test(cell)) labels.push(cell);
    }
  }
  return labels;
}

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _e, cb) => (write(String(chunk)), cb()) });
  const code = await main({ argv, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env: {} });
  return { code, out, err };
}

describe('render: the official tables with their exact labels', () => {
  for (const [name, report] of [['2019', worked], ['2021', county]] as const) {
    it(`${name}: every label of official-tables.md appears in md, txt and html`, () => {
      const labels = specLabels(report.template as 2019 | 2021).filter((l) => !/[ ·]/.test(l) || l.includes('（'));
      expect(labels.length).toBeGreaterThan(40);
      for (const to of ['md', 'txt', 'html'] as const) {
        const text = renderReport(report, to).replace(/&quot;/g, '"');
        for (const label of labels) expect(text, `${to}: ${label}`).toContain(label);
      }
    });
  }

  it('draws 三 with the 申请人情况 / 法人或其他组织 spans and the 勾稽 note', () => {
    const html = renderTablesHtml(worked);
    expect(html).toContain('<th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th>');
    expect(html).toContain('<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th>');
    expect(html).toContain('<th rowspan="20">三、本年度办理结果</th>');
    expect(renderTablesHtml(county)).toContain('<th rowspan="22">三、本年度办理结果</th>');
    expect(renderTablesHtml(county)).toContain('<th rowspan="3">（六）其他处理</th>');
    expect(html).toContain('<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>');
  });

  it('every row of every table fills the same number of grid columns', () => {
    for (const report of [worked, county]) {
      const doc = parseHtml(renderTablesHtml(report)) as any;
      const tables: any[] = [];
      const walk = (n: any) => (n.nodeName === 'table' ? tables.push(n) : n.childNodes?.forEach(walk));
      walk(doc);
      expect(tables).toHaveLength(3);
      for (const table of tables) {
        const rows = table.childNodes.find((n: any) => n.nodeName === 'tbody').childNodes.filter((n: any) => n.nodeName === 'tr');
        const used: number[] = rows.map(() => 0);
        rows.forEach((tr: any, r: number) => {
          for (const cell of tr.childNodes.filter((n: any) => n.nodeName === 'td' || n.nodeName === 'th')) {
            const attr = (name: string) => Number(cell.attrs.find((a: any) => a.name === name)?.value ?? 1);
            for (let dr = 0; dr < attr('rowspan'); dr++) used[r + dr] = (used[r + dr] ?? 0) + attr('colspan');
          }
        });
        expect(new Set(used).size, 'grid width').toBe(1);
      }
    }
  });

  it('puts the text sections in order', () => {
    for (const to of ['md', 'txt', 'html'] as const) {
      const text = renderReport(county, to);
      const at = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'].map((h) => text.indexOf(h));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(text.indexOf('2021 年，县市场监督管理局')).toBeGreaterThan(at[0]!);
    }
  });

  it('HTML is a standalone page with <table> markup', () => {
    const html = renderReportHtml(county);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>某县市场监督管理局2021年政府信息公开工作年度报告</title>');
    expect(html.match(/<table /g)).toHaveLength(3);
  });
});

describe('renderTablesHtml for the HTML lint report', () => {
  it('marks every number cell with its JSON pointer and the decoration', () => {
    const html = renderTablesHtml(county, {
      decorateCell: (pointer) => (pointer === '/applications/received/total' ? { className: 'bad', title: '应为 <45>', attributes: { 'data-rule': 'row-total', 'bad name': 'x' } } : undefined),
    });
    expect(html).toContain('<td data-path="/applications/received/total" class="bad" title="应为 &lt;45&gt;" data-rule="row-total">45</td>');
    expect(html).not.toContain('bad name');
    // 2021: 二 has 10 numbers, 三 25 rows of 7, 四 15.
    expect(html.match(/<td /g)).toHaveLength(10 + 25 * 7 + 15);
  });

  it('shows wrong values raw and missing ones empty, escaped', () => {
    const report = structuredClone(county) as any;
    report.applications.received.total = '45<script>';
    report.applications.received.natural_person = null;
    delete report.applications.carried_over;
    report.proactive.fees = { amount: [1, 2] };
    const html = renderTablesHtml(report);
    expect(html).toContain('<td data-path="/applications/received/total">45&lt;script&gt;</td>');
    expect(html).toContain('<td data-path="/applications/received/natural_person"></td>');
    expect(html).toContain('<td data-path="/applications/carried_over/total"></td>');
    expect(html).toContain('<td data-path="/proactive/fees/amount" colspan="3">[1,2]</td>');
  });

  it('never throws, whatever the data', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ template: fc.anything(), year: fc.anything(), proactive: fc.anything(), applications: fc.anything() })), (data) => {
        for (const to of ['md', 'txt', 'html'] as const) expect(typeof renderReport(data as any, to)).toBe('string');
        expect(typeof renderTablesHtml(data as any, { decorateCell: () => ({ className: 'x' }) })).toBe('string');
      }),
      { numRuns: 100 },
    );
  });
});

describe('report-lint render (command line)', () => {
  it('writes to stdout or -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const out = join(dir, 'report.html');
    expect((await run(['render', 'fixtures/examples/2020-wanglejing.yaml', '--to', 'html', '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<table ');
    const md = await run(['render', 'fixtures/examples/2021-county-market-regulation.json', '--to', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 38 | 3 | 1 | 0 | 2 | 1 | 45 |');
  });

  it('exit 2 with one line for a missing --to, an unreadable file or a file that is not a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    writeFileSync(join(dir, 'list.yaml'), '- 1\n- 2\n');
    writeFileSync(join(dir, 'broken.yaml'), 'a: [\n');
    for (const argv of [
      ['render', 'fixtures/examples/2020-wanglejing.yaml'],
      ['render', 'missing.yaml', '--to', 'md'],
      ['render', join(dir, 'list.yaml'), '--to', 'md'],
      ['render', join(dir, 'broken.yaml'), '--to', 'txt'],
    ]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });
});
