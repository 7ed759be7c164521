/**
 * The HTML report (`--format html`) in a real browser: a Chromium or Chrome of the machine driven
 * by playwright-core (test/helpers/browser.ts finds it; never downloaded; without one these
 * tests are skipped with a notice, or fail under REPORT_LINT_REQUIRE_BROWSER=1). Three pages: a clean report, a report with mistakes in every table, and a
 * batch of 50 reports. Screenshots go to test-output/html/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import html from '../src/format/html.js';
import { lintFile } from '../src/lint-file.js';
import { rules } from '../src/check/rules/index.js';
import type { FileResult, SeveritySetting } from '../src/types.js';
import { findBrowser, launchBrowser, NO_BROWSER_NOTICE, openPage, REQUIRE_BROWSER, type BrowserSession, type PageWatch } from './helpers/browser.js';
import { writeBatch, type BatchFile } from './helpers/html-batch.js';
import { fixtureOptions } from './helpers/markers.js';

const OUT = resolve('test-output/html');
const CLEAN = 'fixtures/html/clean.yaml';
const ERRORS = 'fixtures/html/errors-every-table.yaml';

/** No browser on the machine and none required: every test of this file is skipped, visibly. */
const SKIP = !REQUIRE_BROWSER && findBrowser() === undefined;
if (SKIP) process.stderr.write(`\n⚠ test/html-browser.test.ts: ${NO_BROWSER_NOTICE}\n\n`);
beforeEach(({ skip }) => skip(SKIP, NO_BROWSER_NOTICE));

/**
 * Started once, lazily. When the browser cannot be found or started, every test fails with
 * that message (a failing beforeAll would only mark them skipped).
 */
let launched: Promise<BrowserSession> | undefined;
const browser = () => (launched ??= launchBrowser());
/** A page opened on first use and shared by the tests of one describe block. */
const once = <T extends { page: Page }>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  const close = async () => {
    const opened = await made?.catch(() => undefined);
    await opened?.page.close();
  };
  return Object.assign(() => (made ??= make()), { close });
};

beforeAll(async () => {
  if (SKIP) return;
  mkdirSync(OUT, { recursive: true });
  // A failure to start is reported by the tests themselves.
  await browser().catch(() => undefined);
}, 120_000);

afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
});

it('starts the browser', async () => {
  expect(await browser()).toBeDefined();
});

/** Lint the files as the CLI does with --format html (data kept), write the page, open it. */
async function open(name: string, files: string[], options: Parameters<typeof lintFile>[1] = {}): Promise<PageWatch & { results: FileResult[] }> {
  const results = files.map((file) => lintFile(file, { ...fixtureOptions(file), ...options, lang: 'zh', keepData: true }));
  const file = resolve(OUT, `${name}.html`);
  writeFileSync(file, html(results, { cwd: process.cwd(), color: false, lang: 'zh' }));
  return { ...(await openPage(await browser(), file)), results };
}

/** No console error, no request other than the page file (every other one is aborted and recorded). */
function expectSelfContained(watch: PageWatch): void {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'requests other than the page file').toEqual([]);
}

describe('the browser checks themselves', () => {
  it('notice a request and a console error (so that the assertions below can fail)', async () => {
    const file = resolve(OUT, 'control.html');
    writeFileSync(file, '<!DOCTYPE html><title>x</title><img src="http://example.invalid/a.png"><script>console.error("boom")</script>');
    const watch = await openPage(await browser(), file);
    expect(watch.requests).toContain('http://example.invalid/a.png');
    expect(watch.errors.join('\n')).toContain('boom');
    await watch.page.close();
  });
});

describe('a clean report', () => {
  it('shows its tables with no marked cell and says it is clean', async () => {
    const watch = await open('clean', [CLEAN]);
    const { page } = watch;
    const section = page.locator('section.rl-file');
    await expect.poll(() => section.getAttribute('data-status')).toBe('clean');
    expect(await page.locator('.rl-status-clean').innerText()).toContain('没有发现问题');
    expect(await page.locator('.rl-status-clean').isVisible()).toBe(true);
    // Template 2019: 二 22 cells, 三 23 rows × 7 columns, 四 15 cells.
    expect(await page.locator('td[data-path]').count()).toBe(22 + 23 * 7 + 15);
    expect(await page.locator('td.rl-mark').count()).toBe(0);
    expect(await page.locator('.rl-diags li').count()).toBe(0);
    expect(await page.locator('td[data-path="/proactive/procurement/amount"]').innerText()).toBe('86.2514');
    expect(await page.locator('[data-stat="errors"] .rl-stat-value').innerText()).toBe('0');
    await page.screenshot({ path: resolve(OUT, 'clean.png'), fullPage: true });
    expectSelfContained(watch);
    await page.close();
  });
});

describe('a report with mistakes in every table', () => {
  // Checked by hand against fixtures/html/errors-every-table.yaml: the cell each diagnostic
  // points at, its list number (diagnostics sorted by line) and its severity.
  const MARKED: Record<string, { n: string; severity: string; rule: string }> = {
    '/proactive/penalty/decisions': { n: '2', severity: 'error', rule: 'schema' },
    '/proactive/fees/amount': { n: '3', severity: 'error', rule: 'schema' },
    '/applications/received/total': { n: '4', severity: 'error', rule: 'row-total' },
    '/applications/outcomes/total/natural_person': { n: '5', severity: 'error', rule: 'outcome-total' },
    '/applications/outcomes/total/total': { n: '6', severity: 'error', rule: 'outcome-total' },
    '/applications/carried_forward/natural_person': { n: '7', severity: 'error', rule: 'balance' },
    '/review_litigation/review/total': { n: '8', severity: 'warning', rule: 'appeal-total' },
  };
  const errorsPage = once(() => open('errors', [ERRORS]));
  afterAll(errorsPage.close);

  it('marks exactly the cells the diagnostics point at, red for errors and amber for warnings', async () => {
    const watch = await errorsPage();
    const { page } = watch;
    const marked = await page.locator('td.rl-mark').evaluateAll((cells) =>
      cells.map((c) => ({
        path: c.getAttribute('data-path'),
        n: c.getAttribute('data-mark'),
        severity: c.getAttribute('data-severity'),
        rule: c.getAttribute('data-rule'),
        background: getComputedStyle(c).backgroundColor,
      })),
    );
    expect(Object.fromEntries(marked.map((m) => [m.path, { n: m.n, severity: m.severity, rule: m.rule }]))).toEqual(MARKED);
    for (const m of marked) expect(m.background, m.path!).toBe(m.severity === 'error' ? 'rgb(253, 236, 234)' : 'rgb(255, 243, 205)');
    // The missing 本年收费金额 is an empty cell, marked so the clerk sees where the number goes.
    expect(await page.locator('td[data-path="/proactive/fees/amount"]').innerText()).toBe('');
  });

  it('shows the message and the addends on hover, and the value the cell should hold', async () => {
    const watch = await errorsPage();
    const { page } = watch;
    const cell = page.locator('td[data-path="/applications/received/total"]');
    const title = (await cell.getAttribute('title'))!;
    expect(title).toContain('4. 错误 · row-total');
    expect(title).toContain('三、一、本年新收政府信息公开申请数量 · 总计：填报 45，按各类申请人相加应为 44');
    expect(title).toContain('自然人 37 + 商业企业 3 + 科研机构 1 + 社会公益组织 0 + 法律服务机构 2 + 其他 1');
    expect(await cell.getAttribute('data-expected')).toBe('应为 44');
    // The hint under the number is drawn by CSS from data-expected: it is part of what the reader sees.
    const after = await cell.evaluate((c) => getComputedStyle(c, '::after').content);
    expect(after).toBe('"应为 44"');
    const warning = page.locator('td[data-path="/review_litigation/review/total"]');
    expect(await warning.getAttribute('title')).toContain('警告 · appeal-total\n四、行政复议 · 总计：填报 5，按各项结果相加应为 4（结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 1）');
    // Hover shows the message at once in a box beside the cell; the title is lifted meanwhile and comes back.
    await cell.hover();
    const tip = page.locator('.rl-tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toBe(title);
    expect(await cell.getAttribute('title')).toBeNull();
    const cellBox = (await cell.boundingBox())!;
    const tipBox = (await tip.boundingBox())!;
    expect(tipBox.y).toBeGreaterThanOrEqual(cellBox.y + cellBox.height);
    await page.mouse.move(0, 0);
    expect(await tip.isVisible()).toBe(false);
    expect(await cell.getAttribute('title')).toBe(title);
    // By keyboard: a marked cell takes focus and shows the same box.
    await warning.focus();
    expect(await tip.innerText()).toContain('appeal-total');
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
  });

  it('lists every diagnostic under the tables, linking to its cell or giving its line', async () => {
    const watch = await errorsPage();
    const { page } = watch;
    const items = await page.locator('.rl-diags li').evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.id,
        rule: li.getAttribute('data-rule'),
        line: li.getAttribute('data-line'),
        link: li.querySelector('a.rl-goto')?.getAttribute('href') ?? null,
        text: (li as HTMLElement).innerText,
      })),
    );
    expect(items.map((i) => `${i.line} ${i.rule}`)).toEqual([
      '8 schema', '17 schema', '19 schema', '24 row-total', '52 outcome-total', '52 outcome-total', '53 balance', '57 appeal-total', '64 schema',
    ]);
    // Metadata and text sections are not in a table: no link, but the line.
    expect(items[0]!.link).toBeNull();
    expect(items[0]!.text).toContain('第 8 行第 12 列');
    expect(items[0]!.text).toContain('不在表格中');
    expect(items[8]!.link).toBeNull();
    expect(items[8]!.text).toContain('六、其他需要报告的事项');
    // Every other entry links to a cell that names it back.
    for (const item of items.slice(1, 8)) {
      expect(item.link, item.id).toMatch(/^#f1-c\d+$/);
      const target = page.locator(item.link!);
      expect(await target.count()).toBe(1);
      expect((await target.getAttribute('data-diagnostics'))!.split(' ')).toContain(item.id);
    }
    // Following a link scrolls the cell into view and makes it the :target.
    await page.locator('#f1-d8 a.rl-goto').click();
    const target = page.locator('td[data-path="/review_litigation/review/total"]');
    expect(await target.evaluate((c) => c.matches(':target'))).toBe(true);
    expect(await page.locator('.rl-tip').innerText()).toContain('四、行政复议 · 总计：填报 5');
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  });

  it('needs nothing from the network, logs no error, and is screenshotted', async () => {
    const watch = await errorsPage();
    const { page } = watch;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(OUT, 'errors.png'), fullPage: true });
    const table = page.locator('table.report-table-applications');
    await table.screenshot({ path: resolve(OUT, 'errors-table-3.png') });
    // The view for the README (docs/img/html-report.png is copied from it): the lower part of
    // table 三 with its marked cells, one of them hovered and showing its message.
    const hovered = table.locator('td[data-path="/applications/outcomes/total/natural_person"]');
    await hovered.scrollIntoViewIfNeeded();
    await hovered.hover();
    // Boxes are relative to the viewport; a full-page clip is in page coordinates.
    const scrollY = await page.evaluate(() => window.scrollY);
    const tableBox = (await table.boundingBox())!;
    const tipBox = (await page.locator('.rl-tip').boundingBox())!;
    const top = tableBox.y + tableBox.height - 330;
    const bottom = Math.max(tableBox.y + tableBox.height, tipBox.y + tipBox.height) + 12;
    await page.screenshot({
      path: resolve(OUT, 'readme.png'),
      fullPage: true,
      clip: { x: tableBox.x - 10, y: top + scrollY, width: tableBox.width + 20, height: bottom - top },
    });
    await page.mouse.move(0, 0);
    expectSelfContained(watch);
  });

  it('prints on A4: in print media at the width of an A4 page less its margins, nothing sticks out', async () => {
    const watch = await errorsPage();
    const { page } = watch;
    const viewport = page.viewportSize()!;
    // 210 mm − 2 × 12 mm margins (the page's @page rule) = 186 mm ≈ 703 CSS pixels.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(703);
      await page.screenshot({ path: resolve(OUT, 'errors-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(resolve(OUT, 'errors.pdf'), pdf);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(viewport);
    }
  });
});

describe('a batch of 50 reports', () => {
  const batch: BatchFile[] = writeBatch('test-output/html/batch', 50);
  const batchPage = once(() => {
    // Only the planned rules (and the parse and schema stages): rules added later must not change the batch.
    const severities: Record<string, SeveritySetting> = Object.fromEntries(rules.map((r) => [r.meta.id, 'off']));
    Object.assign(severities, { 'row-total': 'error', balance: 'error', 'appeal-total': 'warning' });
    return open('batch', batch.map((b) => b.file), { severities });
  });
  afterAll(batchPage.close);

  const planned = () => batch.flatMap((b) => b.expectedRules);
  const count = (rule: string) => planned().filter((r) => r === rule).length;

  it('the generated batch trips exactly the planned rules', async () => {
    const watch = await batchPage();
    for (const [i, b] of batch.entries()) expect(watch.results[i]!.diagnostics.map((d) => d.ruleId).sort(), b.file).toEqual(b.expectedRules);
  });

  it('sums up files, errors and warnings at the top', async () => {
    const watch = await batchPage();
    const { page } = watch;
    const stat = (name: string) => page.locator(`[data-stat="${name}"] .rl-stat-value`).innerText();
    const warnings = count('appeal-total');
    expect(await stat('files')).toBe('50');
    expect(await stat('errors')).toBe(String(planned().length - warnings));
    expect(await stat('warnings')).toBe(String(warnings));
    expect(await stat('clean')).toBe(String(batch.filter((b) => b.expectedRules.length === 0).length));
    expect(await page.locator('section.rl-file').count()).toBe(50);
  });

  it('draws the most frequent rules as bars, largest first', async () => {
    const watch = await batchPage();
    const bars = await watch.page.locator('svg.rl-chart g.rl-bar').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-rule'), Number(g.getAttribute('data-count'))]));
    const expected = [...new Set(planned())].map((rule) => [rule, count(rule)] as [string, number]);
    expected.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(bars).toEqual(expected);
    const widths = await watch.page.locator('svg.rl-chart rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
  });

  it('links every agency in the table to its file section', async () => {
    const watch = await batchPage();
    const { page } = watch;
    const rows = await page.locator('table.rl-agencies tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ file: tr.getAttribute('data-file'), href: tr.querySelector('a')!.getAttribute('href'), agency: tr.querySelector('a')!.textContent })),
    );
    expect(rows).toHaveLength(50);
    for (const [i, row] of rows.entries()) {
      expect(row.agency).toBe(batch[i]!.expectedRules.includes('parse') ? '（文件无法读取）' : batch[i]!.agency);
      expect(await page.locator(`section${row.href}`).getAttribute('data-file')).toBe(row.file);
    }
    await page.locator('table.rl-agencies a', { hasText: batch[21]!.agency }).click();
    expect(await page.evaluate(() => location.hash)).toBe(rows[21]!.href);
    const box = (await page.locator(rows[21]!.href!).boundingBox())!;
    expect(Math.abs(box.y)).toBeLessThan(5);
  });

  it('sorts the agencies table by the clicked column', async () => {
    const watch = await batchPage();
    const { page } = watch;
    const column = async (name: string) => {
      const index = await page.locator('table.rl-agencies thead th').evaluateAll((ths, n) => ths.findIndex((th) => th.textContent!.trim().startsWith(n)), name);
      return page.locator('table.rl-agencies tbody tr').evaluateAll((trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]!.getAttribute('data-sort')!), index);
    };
    const errorsHeader = page.locator('table.rl-agencies th', { hasText: '错误' });
    await errorsHeader.locator('button').click();
    expect(await errorsHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = (await column('错误')).map(Number);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending[descending.length - 1]!);
    await errorsHeader.locator('button').click();
    expect(await errorsHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await column('错误')).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('table.rl-agencies th', { hasText: '机关' }).locator('button').click();
    const agencies = await column('机关');
    expect(agencies).toEqual([...agencies].sort(new Intl.Collator('zh-CN').compare));
    expect(await errorsHeader.getAttribute('aria-sort')).toBeNull();
  });

  it('marks the wrong cells inside each file section and lists parse errors with their line', async () => {
    const watch = await batchPage();
    const { page } = watch;
    const rowTotal = batch.findIndex((b) => b.expectedRules.includes('row-total'));
    const section = page.locator(`#f${rowTotal + 1}`);
    expect(await section.locator('td.rl-mark').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-path')).sort())).toEqual(
      ['/applications/carried_forward/total', '/applications/received/total'],
    );
    const parse = batch.findIndex((b) => b.expectedRules.includes('parse'));
    const broken = page.locator(`#f${parse + 1}`);
    expect(await broken.locator('table').count()).toBe(0);
    expect(await broken.locator('.rl-note').innerText()).toContain('不能显示表格');
    expect(await broken.locator('.rl-diags li').innerText()).toMatch(/第 \d+ 行第 \d+ 列/);
    // A clean file's tables are folded away in a batch, but there.
    const clean = batch.findIndex((b) => b.expectedRules.length === 0);
    expect(await page.locator(`#f${clean + 1} details.rl-tables-fold td[data-path]`).count()).toBeGreaterThan(0);
  });

  it('needs nothing from the network, logs no error, and is screenshotted', async () => {
    const watch = await batchPage();
    const { page } = watch;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(OUT, 'batch-top.png') });
    await page.locator('#summary').screenshot({ path: resolve(OUT, 'batch-summary.png') });
    const errors = batch.findIndex((b) => b.expectedRules.length >= 3);
    await page.locator(`#f${errors + 1}`).screenshot({ path: resolve(OUT, 'batch-file.png') });
    expectSelfContained(watch);
  });
});
