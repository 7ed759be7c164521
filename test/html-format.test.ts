/**
 * `--format html` without a browser: what the page holds (marked cells, list, summary),
 * escaping, the script allowed by the page's own Content-Security-Policy, and the CLI path.
 * test/html-browser.test.ts looks at the same pages in chromium.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import html from '../src/format/html.js';
import { lintSource, type LintOptions } from '../src/check/lint.js';
import type { FileResult, Lang } from '../src/types.js';
import { expectDiagnosticsToMatch, expectedMarkers, fixtureOptions } from './helpers/markers.js';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const CLEAN = 'fixtures/html/clean.yaml';
const ERRORS = 'fixtures/html/errors-every-table.yaml';

function lintFixture(file: string, options: LintOptions = {}): FileResult {
  return lintSource(readFileSync(file), file, { ...fixtureOptions(file), ...options, keepData: true });
}

function page(results: FileResult[], lang: Lang = 'zh'): { text: string; elements: Element[] } {
  const text = html(results, { cwd: process.cwd(), color: false, lang });
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
    if ('content' in node) walk((node as DefaultTreeAdapterMap['template']).content);
  };
  walk(parse(text));
  return { text, elements };
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const hasClass = (el: Element, name: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(name);
const textOf = (node: Node): string =>
  'value' in node && node.nodeName === '#text' ? (node as { value: string }).value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
const markedCells = (elements: Element[]) =>
  Object.fromEntries(elements.filter((e) => e.tagName === 'td' && hasClass(e, 'rl-mark')).map((e) => [attr(e, 'data-path'), `${attr(e, 'data-severity')} ${attr(e, 'data-rule')}`]));

describe('the fixtures say what they hold', () => {
  it.each([CLEAN, ERRORS])('%s', (file) => expectDiagnosticsToMatch(lintFixture(file), expectedMarkers(file)));
});

describe('marked cells', () => {
  it('marks each cell a diagnostic points at, and nothing else', () => {
    const { elements } = page([lintFixture(ERRORS)]);
    expect(markedCells(elements)).toEqual({
      '/proactive/penalty/decisions': 'error schema',
      '/proactive/fees/amount': 'error schema',
      '/applications/received/total': 'error row-total',
      '/applications/outcomes/total/natural_person': 'error outcome-total',
      '/applications/outcomes/total/total': 'error outcome-total',
      '/applications/carried_forward/natural_person': 'error balance',
      '/review_litigation/review/total': 'warning appeal-total',
    });
    // The tables are complete (template 2021): 二 3 + 3 + 1 + 2 + 1 cells, 三 25 rows × 7, 四 15.
    const cells = elements.filter((e) => e.tagName === 'td' && attr(e, 'data-path') !== undefined);
    expect(cells.length).toBe(3 * 2 + 1 + 2 + 1 + 25 * 7 + 15);
    expect(page([lintFixture(CLEAN)]).elements.filter((e) => hasClass(e, 'rl-mark'))).toEqual([]);
  });

  it('marks the empty cells of a missing row, of a misspelt row key and beside a misspelt cell key', () => {
    const source = readFileSync(CLEAN, 'utf8');
    const row = (name: string) => ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service', 'other', 'total'].map((c) => `/applications/${name}/${c}`);
    const cases: [string, string, string[]][] = [
      // `received` left out: one `required` diagnostic at applications, the row's seven cells empty.
      [source.replace(/^ {2}received:.*\n/m, ''), 'required', row('received')],
      // `recieved`: an unknown key; the row it should have filled is empty.
      [source.replace('  received:', '  recieved:'), 'additionalProperties', row('received')],
      // `natural_persn` in 上年结转: only that cell is empty.
      [source.replace('carried_over: { natural_person', 'carried_over: { natural_persn'), 'additionalProperties', ['/applications/carried_over/natural_person']],
    ];
    for (const [text, messageId, expected] of cases) {
      const result = lintSource(text, 'case.yaml', { keepData: true });
      expect(result.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual([`schema/${messageId}`]);
      expect(Object.keys(markedCells(page([result]).elements)).sort()).toEqual([...expected].sort());
    }
  });

  it('puts the message with its addends in the title and the value it should hold in data-expected', () => {
    const { elements } = page([lintFixture(ERRORS)]);
    const cell = elements.find((e) => attr(e, 'data-path') === '/applications/carried_forward/natural_person')!;
    expect(attr(cell, 'title')).toBe(
      '7. 错误 · balance\n三、四、结转下年度继续办理 · 自然人：填报 1，按勾稽关系（第一项加第二项之和，等于第三项加第四项之和）应为 0（一、本年新收 37 + 二、上年结转 2 − （七）总计 39）',
    );
    expect(attr(cell, 'data-expected')).toBe('应为 0');
    expect(attr(cell, 'data-mark')).toBe('7');
    // A schema diagnostic has no computed value to show.
    expect(attr(elements.find((e) => attr(e, 'data-path') === '/proactive/penalty/decisions')!, 'data-expected')).toBeUndefined();
  });
});

describe('the list under the tables', () => {
  it('numbers every diagnostic; table ones link to their cell, the others give their line', () => {
    const { elements } = page([lintFixture(ERRORS)]);
    const items = elements.filter((e) => e.tagName === 'li' && hasClass(e, 'rl-diag'));
    expect(items.map((li) => attr(li, 'value'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const ids = new Set(elements.map((e) => attr(e, 'id')).filter(Boolean));
    for (const li of items) {
      const link = li.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'a');
      if (['/published', '/other_matters'].includes(attr(li, 'data-path')!)) {
        expect(link, attr(li, 'data-path')).toBeUndefined();
        expect(textOf(li)).toMatch(/第 (8|64) 行第 \d+ 列/);
        expect(textOf(li)).toContain('不在表格中');
      } else {
        expect(ids.has(attr(link!, 'href')!.slice(1)), attr(li, 'data-path')).toBe(true);
      }
    }
  });

  it('shows a file that does not parse without tables, its parse error with the line', () => {
    const result = lintSource('template: 2021\nyear: 2021\nyear: 2022\n', 'broken.yaml', { keepData: true });
    expect(result.data).toBeUndefined();
    const { elements, text } = page([result]);
    expect(elements.some((e) => e.tagName === 'table')).toBe(false);
    expect(text).toContain('此文件无法读取为报告数据，不能显示表格');
    const item = elements.find((e) => hasClass(e, 'rl-diag'))!;
    expect(attr(item, 'data-rule')).toBe('parse');
    expect(textOf(item)).toContain('第 3 行第 1 列');
    // A result linted without keepData says why there are no tables, not that the file is broken.
    expect(page([lintSource(readFileSync(CLEAN), CLEAN)]).text).toContain('检查结果中没有报告数据');
  });
});

describe('a page that is safe to open', () => {
  it('escapes file names, agencies and values from the report', () => {
    const text = readFileSync(CLEAN, 'utf8')
      .replace('agency: 某县某镇人民政府', 'agency: "<script>alert(1)</script>"')
      .replace('penalty:             { last_year_items: 3', 'penalty:             { last_year_items: "<img src=x>"');
    const result = lintSource(text, 'a"b<i>.yaml', { keepData: true });
    const { elements, text: out } = page([result, lintFixture(CLEAN)]);
    expect(elements.filter((e) => e.tagName === 'script')).toHaveLength(1);
    expect(elements.some((e) => e.tagName === 'img' || e.tagName === 'i')).toBe(false);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(elements.find((e) => e.tagName === 'section' && attr(e, 'data-file') === 'a"b<i>.yaml')).toBeDefined();
  });

  it('allows its one inline script by hash and nothing from outside', () => {
    const { elements } = page([lintFixture(CLEAN), lintFixture(ERRORS)]);
    const csp = attr(elements.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content')!;
    expect(csp).toMatch(/default-src 'none'/);
    const script = textOf(elements.find((e) => e.tagName === 'script')!);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(elements.filter((e) => attr(e, 'src') !== undefined)).toEqual([]);
    for (const link of elements.filter((e) => attr(e, 'href') !== undefined)) expect(attr(link, 'href')).toMatch(/^#/);
    const style = textOf(elements.find((e) => e.tagName === 'style')!);
    expect(style).not.toMatch(/url\(|@import/);
    expect(style).toMatch(/@page \{ size: A4/);
  });
});

describe('summary', () => {
  it('one file: the counts, no agency table or chart', () => {
    const { elements } = page([lintFixture(ERRORS)]);
    const stat = (name: string) => textOf(elements.find((e) => attr(e, 'data-stat') === name)!);
    expect(stat('files')).toContain('1');
    expect(stat('errors')).toContain('8');
    expect(stat('warnings')).toContain('1');
    expect(elements.some((e) => hasClass(e, 'rl-agencies') || hasClass(e, 'rl-chart'))).toBe(false);
  });

  it('many files: one sortable row per file linking to its section, bars per rule', () => {
    const results = [lintFixture(CLEAN), lintFixture(ERRORS)];
    const { elements } = page(results);
    const rows = elements.filter((e) => e.tagName === 'tr' && attr(e, 'data-file') !== undefined);
    expect(rows.map((r) => attr(r, 'data-file'))).toEqual([CLEAN, ERRORS]);
    expect(elements.filter((e) => e.tagName === 'table' && attr(e, 'data-sortable') !== undefined)).toHaveLength(1);
    const bars = elements.filter((e) => e.tagName === 'g' && hasClass(e, 'rl-bar')).map((g) => `${attr(g, 'data-rule')} ${attr(g, 'data-count')}`);
    expect(bars).toEqual(['schema 4', 'outcome-total 2', 'appeal-total 1', 'balance 1', 'row-total 1']);
    // A clean report in a batch: folded tables, a green status.
    const clean = elements.find((e) => e.tagName === 'section' && attr(e, 'data-file') === CLEAN)!;
    expect(attr(clean, 'data-status')).toBe('clean');
    expect(attr(clean, 'id')).toBe('f1');
  });

  it('speaks the run language', () => {
    const { elements, text } = page([lintFixture(ERRORS, { lang: 'en' })], 'en');
    expect(attr(elements.find((e) => e.tagName === 'html')!, 'lang')).toBe('en');
    expect(text).toContain('>Problems</h3>');
    expect(text).toContain('line 24, column 116');
    expect(text).not.toMatch(/问题列表|在表格中查看/);
  });
});

describe('report-lint --format html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
    const code = await main({ argv, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env: { LANG: 'zh_CN.UTF-8' } });
    return { code, stdout, stderr };
  }

  it('writes the page to --output with the tables of every file, exit 1 on errors', async () => {
    const out = join(dir, 'report.html');
    const { code, stdout, stderr } = await run(['--format', 'html', '--output', out, CLEAN, ERRORS]);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text.match(/<section class="rl-file /g)).toHaveLength(2);
    expect(text).toContain('data-path="/applications/received/total" class="rl-mark rl-error"');
  });

  it('keeps the data only for html: json output is unchanged', async () => {
    const { stdout } = await run(['--format', 'json', CLEAN]);
    expect(Object.keys(JSON.parse(stdout)[0]).sort()).toEqual(['diagnostics', 'errorCount', 'file', 'warningCount']);
    expect(lintSource(readFileSync(CLEAN), CLEAN).data).toBeUndefined();
  });
});
