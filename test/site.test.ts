/**
 * The html site without a browser: when an output becomes a site, which pages it writes, that
 * the cross-year rules' second pass rewrites a page, that report text cannot close the index's
 * data block, and that the pages keep the single page's Content-Security-Policy.
 * test/site-browser.test.ts uses the site in chromium.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSiteOutput, openSite } from '../src/site/index.js';
import { SiteWriter } from '../src/site/site-writer.js';
import type { FileResult } from '../src/types.js';
import { runMain } from './helpers/run-main.js';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-site-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const EXAMPLE = readFileSync('fixtures/examples/2021-county-market-regulation.yaml', 'utf8');

describe('which html output is a site', () => {
  it('a trailing slash or an existing folder always; a name without extension from 500 files on; never a .html file', () => {
    const dir = temp();
    mkdirSync(join(dir, 'existing'));
    expect(isSiteOutput('site/', dir, 1)).toBe(true);
    expect(isSiteOutput('existing', dir, 1)).toBe(true);
    expect(isSiteOutput('site', dir, 499)).toBe(false);
    expect(isSiteOutput('site', dir, 500)).toBe(true);
    expect(isSiteOutput('report.html', dir, 30_000)).toBe(false);
  });

  it('warns when a large run still writes one page', () => {
    let stderr = '';
    const sink = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream;
    const plan = [{ name: 'html', file: 'report.html' }];
    expect(openSite(plan, 600, { cwd: temp(), lang: 'zh' }, sink).site).toBeUndefined();
    expect(stderr).toBe('report-lint: 600 份报告写在同一个网页中，浏览器可能很慢或打不开；给 --output 一个文件夹（如 -o site/），可写成首页加每份报告一页的网站\n');
    stderr = '';
    openSite(plan, 499, { cwd: temp(), lang: 'zh' }, sink);
    expect(stderr).toBe('');
  });
});

describe('the site of a run', () => {
  it('writes pages for reports with problems only, or for all with --html-clean-pages', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in/clean.yaml'), EXAMPLE);
    writeFileSync(join(dir, 'in/wrong.yaml'), EXAMPLE.replace(/^agency: .*$/m, 'agency: 某县教育局').replace(/^year: .*$/m, 'year: "2021"'));
    const run = await runMain([join(dir, 'in'), '-f', 'html', '-o', 'site/'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readdirSync(join(dir, 'site/reports'))).toEqual(['2.html']);
    expect(readFileSync(join(dir, 'site/reports/2.html'), 'utf8')).toContain('<span class="rl-file-name">in/wrong.yaml</span>');
    await runMain([join(dir, 'in'), '-f', 'html', '-o', 'all/', '--html-clean-pages'], { cwd: dir });
    expect(readdirSync(join(dir, 'all/reports')).sort()).toEqual(['1.html', '2.html']);
    expect(readFileSync(join(dir, 'all/reports/1.html'), 'utf8')).toContain('没有发现问题');
  });

  it('rewrites a page when the cross-year rules lint its report again with last year\'s', async () => {
    const dir = temp();
    cpSync('fixtures/cross-year/run', join(dir, 'in'), { recursive: true });
    const json = await runMain([join(dir, 'in'), '-f', 'json'], { cwd: dir });
    const carry = (JSON.parse(json.stdout) as { file: string; diagnostics: { ruleId: string }[] }[]).filter((r) => r.diagnostics.some((d) => d.ruleId === 'carry-over'));
    expect(carry.length).toBeGreaterThan(0);
    await runMain([join(dir, 'in'), '-f', 'html', '-o', 'site/'], { cwd: dir });
    const pages = readdirSync(join(dir, 'site/reports')).map((p) => readFileSync(join(dir, 'site/reports', p), 'utf8'));
    for (const r of carry) {
      const name = `in/${r.file.split('/').pop()}`;
      const page = pages.find((p) => p.includes(`<span class="rl-file-name">${name}</span>`));
      expect(page, name).toBeDefined();
      expect(page).toContain('data-rule="carry-over"');
    }
  });

  it('keeps report text inside the index\'s data block and allows only the index\'s own script', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in/a.yaml'), EXAMPLE.replace(/^agency: .*$/m, 'agency: "</script><script>alert(1)</script>"').replace(/^year: .*$/m, 'year: "x"'));
    await runMain([join(dir, 'in'), '-f', 'html', '-o', 'site/'], { cwd: dir });
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(index).not.toContain('<script>alert(1)');
    expect(index).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
    const scripts = [...index.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(index).toContain(`script-src 'sha256-${hash}'`);
    expect(index).toContain("default-src 'none'");
    const page = readFileSync(join(dir, 'site/reports/1.html'), 'utf8');
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('import at province scale', () => {
  it('import --out-dir --lint -f html -o DIR/ writes the site with each report\'s import notes on its page and counted in the index', async () => {
    const dir = temp();
    const run = await runMain(['import', join(process.cwd(), 'fixtures/import/pdf-copy-2021.txt'), join(process.cwd(), 'fixtures/import/word-2021.html'), '--out-dir', join(dir, 'imported'), '--lint', '-f', 'html', '-o', join(dir, 'site/')], { cwd: dir });
    expect(run.code).toBe(0);
    // pdf-copy-2021.txt: one 说明 (the template read from the labels), two 核对 (a thousands separator, a full-width digit).
    const pages = readdirSync(join(dir, 'site/reports')).map((p) => readFileSync(join(dir, 'site/reports', p), 'utf8'));
    const pdf = pages.find((p) => p.includes('imported/pdf-copy-2021.yaml'))!;
    expect([...pdf.matchAll(/<li class="rl-note-(warning|info)"/g)].map((m) => m[1])).toEqual(['info', 'warning', 'warning']);
    expect(pdf).toContain('去掉千位分隔符');
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain('data-key="notes"');
    const data = JSON.parse(/<script type="application\/json" id="rl-data">([\s\S]*?)<\/script>/.exec(index)![1]!) as { rows: unknown[][] };
    const row = data.rows.find((r) => String(r[0]).endsWith('pdf-copy-2021.yaml'))!;
    expect([row[7], row[8]]).toEqual([2, 1]);
  });
});

describe('SiteWriter', () => {
  it('drops the report data from the result once its page is written', () => {
    const dir = temp();
    const writer = new SiteWriter({ dir: 'out/', cwd: dir, lang: 'en' });
    const result: FileResult = {
      file: 'a.yaml',
      errorCount: 1,
      warningCount: 0,
      data: { agency: 'X' },
      info: { agency: 'X' },
      diagnostics: [{ ruleId: 'schema', messageId: 'required', severity: 'error', message: 'm', path: [], line: 1, column: 1, endLine: 1, endColumn: 1 }],
    };
    const kept = writer.add(result);
    expect(kept.data).toBeUndefined();
    expect(kept.info).toEqual({ agency: 'X' });
    writer.finish([kept]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['index.html', 'reports']);
    // With --quiet a page shows errors only.
    const quiet = new SiteWriter({ dir: 'q/', cwd: dir, lang: 'en', errorsOnly: true });
    quiet.add({ ...result, errorCount: 0, warningCount: 1, diagnostics: [{ ...result.diagnostics[0]!, severity: 'warning' }] });
    expect(existsSync(join(dir, 'q'))).toBe(false);
  });
});
