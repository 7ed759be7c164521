import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { formatNote, importDocx, importText } from '../src/import/index.js';
import { lintSource } from '../src/check/lint.js';
import { comparable, loadFixture } from './helpers/report-compare.js';

// CLI runs load modules lazily; a busy machine running the whole suite needs more than 5 s.
vi.setConfig({ testTimeout: 30_000 });

// A copy of ../shared/seeds/000_6ffe456dcd5c94ce.txt, the published report the project started from.
const SEED = 'fixtures/import/seed/000_6ffe456dcd5c94ce.txt';
const seedText = () => readFileSync(SEED, 'utf8');
const worked = loadFixture('fixtures/examples/2020-wanglejing.yaml');
const county = loadFixture('fixtures/examples/2021-county-market-regulation.yaml');

/** The data of a report without its text sections (compared separately). */
function tables(report: Record<string, unknown>) {
  const { overview: _o, problems: _p, other_matters: _m, published: _d, ...rest } = comparable(report);
  return rest;
}

async function run(argv: string[], stdin?: string | Buffer) {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _e, cb) => (write(String(chunk)), cb()) });
  const code = await main({
    argv,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
    env: { LANG: 'zh_CN.UTF-8' },
  });
  return { code, out, err };
}

describe('the seed imports to the worked example', () => {
  const result = importText(seedText(), 'txt');

  it('has exactly the numbers and structure of 2020-wanglejing.yaml', () => {
    expect(tables(result.report)).toEqual(tables(worked));
    expect(Object.keys(result.report)).toEqual(Object.keys(comparable(worked)));
  });

  it('splits the text sections at their headings, rejoining page-break splits', () => {
    const { overview, problems, other_matters } = result.report as Record<string, string>;
    expect(overview.startsWith('2020 年，我乡高度重视政府信息公开工作')).toBe(true);
    expect(overview.endsWith('扎实推进法治政府、廉洁政府、服务型政府建设。')).toBe(true);
    expect(overview).toContain('同时在民生服务大厅设立查询机');
    expect(overview).toContain('制定实施了《王乐井乡人民政府 2020 年政府开放日活动方案》');
    expect(overview.split('\n')).toHaveLength(5);
    expect(problems.startsWith('2020年，我乡虽按期完成了上级单位对信息公开的任务要求')).toBe(true);
    expect(problems).toContain('存在着群众关心的没有有效公开');
    expect(problems.endsWith('确保政公开时效性。')).toBe(true);
    expect(other_matters).toBe('无。');
  });

  it('says what it did, at the input lines', () => {
    const ids = result.notes.map((n) => `${n.line}:${n.messageId}`);
    // (六)其他处理 and (七)总计 print eight numbers: all equal, so the row is read, with a note.
    expect(ids).toContain('71:surplusResolved');
    expect(ids).toContain('72:surplusResolved');
    expect(ids).toContain('49:aliasLabel'); // 商业机构
    expect(ids).toContain('3:agencyCompleted');
    expect(ids).toContain('15:sentenceJoined');
    expect(ids).toContain('86:sentenceJoined');
    expect(result.notes.filter((n) => n.severity === 'warning').map((n) => n.line)).toEqual([71, 72]);
    for (const n of result.notes) expect(formatNote(n, 'zh', result.template)).not.toMatch(/\{\{/);
    for (const n of result.notes) expect(formatNote(n, 'en', result.template)).not.toMatch(/\{\{/);
  });

  it('lints clean', () => {
    expect(lintSource(stringify(result.report), 'seed.yaml').diagnostics).toEqual([]);
  });
});

describe('Word documents and saved web pages', () => {
  it('reads a page saved from Word (layout table, rowspan/colspan, <br> in labels)', () => {
    const result = importText(readFileSync('fixtures/import/word-2021.html', 'utf8'), 'html');
    expect(comparable(result.report)).toEqual(comparable(county));
    expect(result.notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('reads a .docx through mammoth (gridSpan, vMerge)', async () => {
    const result = await importDocx(readFileSync('fixtures/import/word-2021.docx'));
    const { published: _p, ...expected } = comparable(county);
    expect(comparable(result.report)).toEqual(expected);
  });

  it('reads rowspan/colspan tables whose cells are placed by the grid', () => {
    const html = `<h1>某县人民政府2021年政府信息公开工作年度报告</h1><h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td>2</td><td>0</td><td>0</td><td>3</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>4</td><td>4</td></tr></table>`;
    const result = importText(html, 'html');
    expect(result.report.review_litigation).toEqual({
      review: { upheld: 1, corrected: 2, other: 0, pending: 0, total: 3 },
      lawsuit_direct: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
      lawsuit_after_review: { upheld: 0, corrected: 0, other: 0, pending: 4, total: 4 },
    });
    expect(result.notes.find((n) => n.messageId === 'sectionMissing')).toBeDefined();
  });
});

describe('a PDF-style copy: cells separated by single spaces, short labels', () => {
  const result = importText(readFileSync('fixtures/import/pdf-copy-2021.txt', 'utf8'), 'txt');
  const r = result.report as any;

  it('reads every number (checked by hand against the file)', () => {
    expect(r.template).toBe(2021);
    expect(r.year).toBe(2021);
    expect(r.agency).toBe('某市某区人民政府');
    expect(r.proactive.normative_documents).toEqual({ issued: 5, repealed: 1, in_force: 20 });
    expect(r.proactive.licensing).toEqual({ decisions: 1234 });
    expect(r.proactive.coercion).toEqual({ decisions: 3 });
    expect(r.proactive.fees).toEqual({ amount: 12.5 });
    expect(r.applications.received).toEqual({ natural_person: 10, commercial: 1, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 11 });
    expect(r.applications.outcomes.partly_disclosed.total).toBe(1);
    expect(r.applications.outcomes.unavailable.not_held.total).toBe(2);
    expect(r.applications.outcomes.other.overdue_correction.natural_person).toBe(1);
    expect(r.applications.carried_forward.total).toBe(1);
    expect(r.review_litigation.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(r.other_matters).toBe('本年度未收取信息处理费。');
    expect(lintSource(stringify(result.report), 'x.yaml').diagnostics).toEqual([]);
  });

  it('notes the thousands separator and the full-width digit at their lines', () => {
    expect(result.notes.filter((n) => n.severity === 'warning').map((n) => `${n.line}:${n.messageId}`)).toEqual(['13:thousands', '17:fullWidth']);
  });
});

describe('number cells', () => {
  it('reads what a cell says, noting every change, and never turns 无 or a dash into 0', async () => {
    const { classifyCell, numberValue } = await import('../src/import/cells.js');
    const read = (raw: string, kind: 'count' | 'change' | 'money') => {
      const cell = classifyCell(raw);
      return cell.type === 'number' ? numberValue(cell, kind) : cell.type;
    };
    expect(read('251000元', 'money')).toEqual({ value: 25.1, notes: ['unitConverted'] });
    expect(read('5元', 'money')).toEqual({ value: 0.0005, notes: ['unitConverted'] });
    expect(read('160.5964万元', 'money')).toEqual({ value: 160.5964, notes: ['unitRemoved'] });
    expect(read('12.5万', 'money')).toEqual({ value: 12.5, notes: ['unitRemoved'] });
    expect(read('+19', 'change')).toEqual({ value: 19, notes: [] });
    expect(read('-3', 'change')).toEqual({ value: -3, notes: [] });
    expect(read('+19', 'count')).toEqual({ value: 19, notes: ['sign'] });
    expect(read('１２', 'count')).toEqual({ value: 12, notes: ['fullWidth'] });
    expect(read('1,234', 'count')).toEqual({ value: 1234, notes: ['thousands'] });
    expect(read('3件', 'count')).toEqual({ value: 3, notes: ['unitRemoved'] });
    for (const raw of ['/', '—', '——', '-', '无', '／']) expect(read(raw, 'count')).toBe('dash');
    for (const raw of ['', ' ', '\u3000', '&nbsp;'.replace('&nbsp;', '\u00a0')]) expect(read(raw, 'count')).toBe('blank');
    expect(read('1.属于国家秘密', 'count')).toBe('label');
  });
});

describe('titles', () => {
  const title = (text: string) => importText(text, 'txt').report;
  it('reads year and agency however the title is worded', () => {
    expect(title('某县人民政府2021年政府信息公开工作年度报告')).toMatchObject({ year: 2021, agency: '某县人民政府' });
    expect(title('政府信息公开年报\n某县人民政府二〇二一年政府信息公开工作年度报告_某县政府网')).toMatchObject({ year: 2021, agency: '某县人民政府' });
    expect(title('2022年某某市交通运输局政府信息公开工作年度报告')).toMatchObject({ year: 2022, agency: '某某市交通运输局' });
    expect(title('某某市生态环境局政府信息公开工作2023年度报告')).toMatchObject({ year: 2023, agency: '某某市生态环境局' });
    expect(title('政府信息公开工作年度报告')).toMatchObject({ year: null, agency: null });
  });
});

describe('section headings', () => {
  it('a sub-heading of 一 such as 三、依申请公开情况 does not start section 三', () => {
    const text = seedText().replace('**（三）主动公开信息，提升服务水平。**', '三、依申请公开情况\n\n**（三）主动公开信息，提升服务水平。**');
    const result = importText(text, 'txt');
    expect(tables(result.report)).toEqual(tables(worked));
    expect(result.report.overview).toContain('三、依申请公开情况');
  });
});

describe('HTML notes point at the line of the cell', () => {
  it('a blank cell in a rendered page', async () => {
    const { renderReport } = await import('../src/render/index.js');
    const html = renderReport(county, 'html').replace('<td data-path="/applications/received/commercial">3</td>', '<td data-path="/applications/received/commercial">&nbsp;</td>');
    const line = html.split('\n').findIndex((l) => l.includes('/applications/received/commercial')) + 1;
    const result = importText(html, 'html');
    expect((result.report as any).applications.received.commercial).toBeNull();
    expect(result.notes.filter((n) => n.severity === 'warning').map((n) => `${n.line}:${n.messageId}`)).toEqual([`${line}:blankCell`]);
  });
});

describe('a web page whose table 三 has its own column layout', () => {
  it('reads rows by their labels when the grid differs from the template', async () => {
    const { dataRows, tableModels } = await import('../src/render/layout.js');
    const { getIn } = await import('../src/report-shape.js');
    const [, applications] = tableModels(2021);
    // Two label columns instead of three, no 勾稽 note, groups as rowspan cells: 9 columns, not 10.
    const rows = dataRows(applications!).map((row, i, all) => {
      const group = row.path.length === 4 ? row.path[2] : undefined;
      const first = group && all.findIndex((r) => r.path[2] === group && r.path.length === 4) === i;
      const size = all.filter((r) => r.path.length === 4 && r.path[2] === group).length;
      const lead = group ? (first ? `<td rowspan="${size}">（${group}）</td>` : '') : '';
      const label = group ? `<td>${row.label}</td>` : `<td colspan="2">${row.label}</td>`;
      return `<tr>${lead}${label}${row.values.map((v) => `<td>${getIn(county, v.path)}</td>`).join('')}</tr>`;
    });
    const html = `<p>某县市场监督管理局2021年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td colspan="2" rowspan="2">项目</td><td colspan="7">申请人情况</td></tr>
<tr><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>
${rows.join('\n')}</table>`;
    const result = importText(html, 'html');
    expect(result.report.applications).toEqual(county.applications);
    expect(result.notes.filter((n) => n.severity === 'warning' && n.messageId !== 'sectionMissing').map((n) => n.messageId + JSON.stringify(n.data))).toEqual([]);
  });
});

describe('what cannot be determined is null, with a note', () => {
  it('a report without a title or tables', () => {
    const result = importText('随便一段文字。\n', 'txt');
    expect(result.report.year).toBeNull();
    expect(result.report.agency).toBeNull();
    expect(result.report.template).toBeNull();
    expect(result.report.overview).toBeNull();
    expect(result.notes.map((n) => n.messageId)).toEqual(expect.arrayContaining(['titleMissing', 'templateUnknown', 'sectionMissing']));
  });

  it('an unrecognised row label: its numbers are not put anywhere', () => {
    const text = seedText().replace('规范性文件\t0\t0\t0', '某某不明文件\t5\t5\t5');
    const result = importText(text, 'txt');
    expect((result.report.proactive as any).normative_documents).toEqual({ made: null, published: null, total_published: null });
    const unknown = result.notes.find((n) => n.messageId === 'unknownRow')!;
    expect(text.split('\n')[unknown.line - 1]).toContain('某某不明文件');
  });
});

describe('report-lint import (command line)', () => {
  it('writes YAML to stdout and the notes to stderr', async () => {
    const { code, out, err } = await run(['import', SEED]);
    expect(code).toBe(0);
    expect(out).toMatch(/^# 由 report-lint import 从 .* 生成/);
    expect(out).toContain('template: 2019');
    expect(out).toContain('received: { natural_person: 0, commercial: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 0 }');
    expect(err).toMatch(/71 +核对 +三、（六）其他处理：有 8 个数字，应为 7 个/);
  });

  it('--lint reports positions in the generated file', async () => {
    const broken = seedText().replace('一、\t本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、\t本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t0');
    const { code, out, err } = await run(['import', '-', '--input-type', 'txt', '--lint'], broken);
    expect(code).toBe(1);
    const yamlLines = out.split('\n');
    const line = yamlLines.findIndex((l) => l.startsWith('  received:')) + 1;
    expect(err).toContain(`${line}:`);
    expect(err).toMatch(/row-total/);
  });

  it('reads GB18030 text', async () => {
    const { code, out } = await run(['import', '-', '--input-type', 'txt'], iconv.encode(seedText(), 'gb18030'));
    expect(code).toBe(0);
    expect(out).toContain('agency: 盐池县王乐井乡人民政府');
  });

  it('needs --input-type for stdin and an input at all (exit 2, one line)', async () => {
    for (const argv of [['import', '-'], ['import'], ['import', 'x.pdf'], ['import', 'missing.txt']]) {
      const { code, err } = await run(argv, '');
      expect(code, argv.join(' ')).toBe(2);
      expect(err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('English notes with --lang en', async () => {
    const { err } = await run(['import', SEED, '--lang', 'en']);
    expect(err).toMatch(/71 +check +applications\.outcomes\.other: 8 numbers where 7 belong/);
    expect(err).not.toContain('核对');
  });
});

describe('report-lint import of a folder (evaluators)', () => {
  it('writes one report file per input, the lint results and a summary table', async () => {
    const { mkdtempSync, copyFileSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'published-'));
    const out = join(dir, 'out');
    const input = join(dir, 'in');
    await import('node:fs').then((fs) => fs.mkdirSync(join(input, 'sub'), { recursive: true }));
    copyFileSync(SEED, join(input, 'wanglejing.txt'));
    copyFileSync('fixtures/import/word-2021.html', join(input, 'sub', 'county.html'));
    copyFileSync('fixtures/import/word-2021.docx', join(input, 'sub', 'county.docx'));
    writeFileSync(join(input, 'notes.pdf'), 'not a report');
    writeFileSync(join(input, 'broken.docx'), 'not a zip');
    const { code, out: stdout, err } = await run(['import', input, '--out-dir', out, '--lint']);
    expect(code).toBe(2); // one input could not be imported
    expect(existsSync(join(out, 'wanglejing.yaml'))).toBe(true);
    expect(existsSync(join(out, 'sub', 'county.html.yaml'))).toBe(true);
    expect(existsSync(join(out, 'sub', 'county.docx.yaml'))).toBe(true);
    expect(stdout).toContain('✔ 已检查 3 个文件，没有发现问题');
    expect(stdout).toMatch(/wanglejing\.txt +\S+wanglejing\.yaml +2 +8 +0 +0/);
    expect(stdout).toContain('共 4 份：导入 3 份，无法导入 1 份；1 份有需要核对的导入问题，0 份检查有错误');
    expect(err).toContain('broken.docx: 无法读取 Word 文档');
    expect((await run(['import', input])).code).toBe(2); // a folder needs --out-dir
  });
});
