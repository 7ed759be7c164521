/**
 * The html site (`--format html --output DIR/`) in Debian's chromium: the index sorts, filters
 * by agency, year, rule and status and pages through the reports; its links name report pages
 * that exist and mark the cells of the rules the index counted. Expected counts come from the
 * batch's plan (test/helpers/html-batch.ts), not from the linter's output.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../src/check/rules/index.js';
import { launchBrowser, openPage, type BrowserSession, type PageWatch } from './helpers/browser.js';
import { writeBatch, type BatchFile } from './helpers/html-batch.js';
import { runMain } from './helpers/run-main.js';

const COUNT = 150;
let dir: string;
let batch: BatchFile[];
let launched: Promise<BrowserSession> | undefined;
const browser = () => (launched ??= launchBrowser());
let index: PageWatch | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rl-site-browser-'));
  batch = writeBatch(join(dir, 'reports'), COUNT);
  // Only the planned rules (and the parse and schema stages): rules added later must not change the batch.
  const off = rules.map((r) => r.meta.id).filter((id) => !['row-total', 'balance', 'appeal-total'].includes(id));
  const run = await runMain([join(dir, 'reports'), '-f', 'html', '-o', 'site/', ...off.flatMap((id) => ['--rule', `${id}:off`])], { cwd: dir });
  expect(run.stderr).toBe('');
  await browser().catch(() => undefined);
}, 600_000);

afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openIndex(): Promise<PageWatch> {
  if (index) {
    await index.page.reload();
    return index;
  }
  return (index = await openPage(await browser(), join(dir, 'site/index.html')));
}

const yearOf = (b: BatchFile) => (b.expectedRules.includes('parse') ? undefined : Number(/^year: (\d+)$/m.exec(readFileSync(b.file, 'utf8'))![1]));
const pagerText = (w: PageWatch) => w.page.locator('#rl-pageinfo').textContent();
const column = (w: PageWatch, n: number) => w.page.locator(`#rl-table tbody tr td:nth-child(${n})`).allTextContents();

describe('index', () => {
  it('opens offline without errors and shows the first page of rows', async () => {
    const w = await openIndex();
    expect(w.errors).toEqual([]);
    expect(w.requests).toEqual([]);
    expect(await w.page.locator('[data-stat="files"] .rl-stat-value').textContent()).toBe(String(COUNT));
    expect(await w.page.locator('#rl-table tbody tr').count()).toBe(100);
    expect(await pagerText(w)).toBe(`第 1 / 2 页，共 ${COUNT} 份报告`);
    await w.page.click('#rl-next');
    expect(await pagerText(w)).toBe(`第 2 / 2 页，共 ${COUNT} 份报告`);
    expect(await w.page.locator('#rl-table tbody tr').count()).toBe(COUNT - 100);
  });

  it('sorts by errors (most first) and, on a click, by agency in collation order', async () => {
    const w = await openIndex();
    const errors = (await column(w, 4)).map((s) => (s === '·' ? 0 : Number(s)));
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
    // The plan's largest: row-total + balance + appeal-total + schema in one file.
    expect(errors[0]).toBe(Math.max(...batch.map((b) => b.expectedRules.length)));
    await w.page.click('#rl-table th[data-key="agency"] button');
    expect(await w.page.locator('#rl-table th[data-key="agency"]').getAttribute('aria-sort')).toBe('ascending');
    const agencies = await w.page.$$eval('#rl-table tbody tr', (rows) => rows.map((r) => r.cells[0]!.textContent ?? ''));
    const inOrder = await w.page.evaluate((names) => {
      const c = new Intl.Collator(document.documentElement.lang);
      // Reports without an agency (parse errors) sort first, shown with a placeholder.
      const keys = names.map((n) => (n.startsWith('（') ? '' : n));
      return keys.every((k, i) => i === 0 || c.compare(keys[i - 1]!, k) <= 0);
    }, agencies);
    expect(inOrder).toBe(true);
    await w.page.click('#rl-table th[data-key="agency"] button');
    expect(await w.page.locator('#rl-table th[data-key="agency"]').getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by agency, year, rule and status', async () => {
    const w = await openIndex();
    const agency = batch[7]!.agency;
    await w.page.fill('#rl-q', agency);
    const byAgency = batch.filter((b) => b.agency === agency && !b.expectedRules.includes('parse'));
    expect(await pagerText(w)).toBe(`第 1 / 1 页，共 ${byAgency.length} 份报告`);
    expect((await column(w, 3)).sort()).toEqual(byAgency.map((b) => relative(dir, b.file)).sort());
    await w.page.fill('#rl-q', '');

    const year = yearOf(batch[0]!)!;
    await w.page.selectOption('#rl-year', String(year));
    expect(await pagerText(w)).toContain(`共 ${batch.filter((b) => yearOf(b) === year).length} 份报告`);
    await w.page.selectOption('#rl-year', '');

    await w.page.selectOption('#rl-rule', 'appeal-total');
    const withAppeal = batch.filter((b) => b.expectedRules.includes('appeal-total'));
    expect(withAppeal.length).toBeGreaterThan(5);
    expect(await pagerText(w)).toBe(`第 1 / 1 页，共 ${withAppeal.length} 份报告`);
    expect((await column(w, 3)).sort()).toEqual(withAppeal.map((b) => relative(dir, b.file)).sort());

    await w.page.selectOption('#rl-rule', '');
    await w.page.selectOption('#rl-status', 'clean');
    const clean = batch.filter((b) => b.expectedRules.length === 0);
    expect(await pagerText(w)).toBe(`第 1 / 1 页，共 ${clean.length} 份报告`);
    // A clean report has no page unless --html-clean-pages: its row names it without a link.
    expect(await w.page.locator('#rl-table tbody a').count()).toBe(0);

    await w.page.fill('#rl-q', 'no such agency');
    expect(await w.page.locator('#rl-table tbody td.rl-empty').textContent()).toBe('没有符合条件的报告');
  });

  it('links each report with problems to its page, which marks the cells of its rules', async () => {
    const w = await openIndex();
    await w.page.selectOption('#rl-rule', 'row-total');
    const row = w.page.locator('#rl-table tbody tr').first();
    const file = await row.locator('td:nth-child(3)').textContent();
    const href = await row.locator('td:first-child a').getAttribute('href');
    expect(href).toMatch(/^reports\/\d+\.html$/);
    const planned = batch.find((b) => relative(dir, b.file) === file)!;
    expect(planned.expectedRules).toContain('row-total');

    const report = await openPage(await browser(), join(dir, 'site', href!));
    expect(report.errors).toEqual([]);
    expect(report.requests).toEqual([]);
    expect(await report.page.locator('.rl-file-name').textContent()).toBe(file);
    const marked = await report.page.$$eval('td.rl-mark', (cells) => cells.map((c) => c.getAttribute('data-rule') ?? ''));
    expect(marked.some((rules) => rules.split(' ').includes('row-total'))).toBe(true);
    const listed = await report.page.$$eval('.rl-diags li', (items) => items.map((i) => i.getAttribute('data-rule')));
    expect(listed.sort()).toEqual(planned.expectedRules);
    // Hovering a marked cell shows its message, as on the single page.
    await report.page.locator('td.rl-mark').first().hover();
    expect(await report.page.locator('.rl-tip').isVisible()).toBe(true);
    expect(await report.page.locator('a.rl-to-index').getAttribute('href')).toBe('../index.html');
    await report.page.close();
  });

  it('writes a page only for the reports with problems', () => {
    const withProblems = batch.filter((b) => b.expectedRules.length > 0).map((b) => relative(dir, b.file));
    const pages = readdirSync(join(dir, 'site/reports'));
    expect(pages).toHaveLength(withProblems.length);
    const named = pages.map((p) => /<span class="rl-file-name">([^<]*)<\/span>/.exec(readFileSync(join(dir, 'site/reports', p), 'utf8'))![1]);
    expect(named.sort()).toEqual(withProblems.sort());
  });
});
