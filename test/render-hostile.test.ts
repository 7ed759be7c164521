/**
 * `render` on hostile input and the file it writes: the same input policy as lint (a regular file
 * only, --max-file-size), values that try to become markup (Markdown, HTML), the page's CSP, and
 * `-o` written atomically, into new folders, never onto the input.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderReport } from '../src/render/index.js';
import { mdText } from '../src/render/text.js';
import { isOneCleanLine, runMeasured, type MeasuredRun } from './helpers/measured-bin.js';

const EXAMPLE = 'fixtures/examples/2021-county-market-regulation.json';
const work = mkdtempSync(join(tmpdir(), 'report-lint-render-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.platform !== 'win32';
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>;

let n = 0;
const folder = () => {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

function expectRefused(r: MeasuredRun, expected: RegExp, label: string): void {
  expect(r.timedOut, `${label}: still running`).toBe(false);
  expect(r.ms, `${label}: took ${r.ms} ms`).toBeLessThan(process.env.CI ? 20_000 : 10_000);
  expect(r.rssMb!, `${label}: peak memory`).toBeLessThan(500);
  expect(r.code, `${label}\n${r.stderr}`).toBe(2);
  expect(isOneCleanLine(r.stderr), `${label}: not one clean line:\n${r.stderr.slice(0, 2000)}`).toBe(true);
  expect(r.stderr, label).toMatch(expected);
}

describe('render reads as lint reads', () => {
  it.skipIf(!posix)('render /dev/zero: "not a regular file", exit 2 at once (the old code grew to 3 GB)', () => {
    expectRefused(runMeasured(['render', '/dev/zero', '--to', 'md'], { timeoutMs: 30_000 }), /^report-lint: \/dev\/zero 不是普通文件（命名管道、设备或套接字），不读取$/m, '/dev/zero');
  });

  it('a file over --max-file-size (default 10 MB) is not read', () => {
    const dir = folder();
    writeFileSync(join(dir, 'big.yaml'), 'overview: ' + 'x'.repeat(11 * 1024 * 1024) + '\n');
    expectRefused(runMeasured(['render', 'big.yaml', '--to', 'txt'], { cwd: dir }), /big\.yaml 无法解析：文件大小 11 MB 超过上限 10 MB/, 'big');
    expectRefused(runMeasured(['render', EXAMPLE, '--to', 'txt', '--max-file-size', '1KB']), /文件大小 \d+(\.\d)? KB 超过上限 1 KB/, 'max-file-size');
    expectRefused(runMeasured(['render', '-', '--to', 'txt', '--max-file-size', '1KB'], { input: readFileSync(EXAMPLE) }), /文件大小 > \d+(\.\d)? KB 超过上限 1 KB/, 'stdin');
  });

  it('a text section of 200,000 lines renders (the old code spread them as call arguments)', () => {
    const dir = folder();
    const report = example();
    report.overview = Array.from({ length: 200_000 }, (_, i) => `第${i}段。`).join('\n');
    writeFileSync(join(dir, 'long.json'), JSON.stringify(report));
    for (const to of ['md', 'txt', 'html']) {
      const r = runMeasured(['render', 'long.json', '--to', to, '-o', `long.${to}`], { cwd: dir });
      expect(r.code, `${to}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(dir, `long.${to}`), 'utf8')).toContain('第199999段。');
    }
  });
});

describe('render writes with -o', () => {
  it('into folders that do not exist yet; onto a folder is one clear line (the old code said "internal error")', () => {
    const dir = folder();
    expect(runMeasured(['render', join(process.cwd(), EXAMPLE), '--to', 'html', '-o', 'a/b/x.html'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'a', 'b', 'x.html'), 'utf8')).toContain('<table');
    mkdirSync(join(dir, 'adir'));
    expectRefused(runMeasured(['render', join(process.cwd(), EXAMPLE), '--to', 'md', '-o', 'adir'], { cwd: dir }), /无法写入 adir：这不是普通文件（目录、命名管道或设备）/, '-o dir');
  });

  it('-o onto the input is refused and the input stays whole', () => {
    const dir = folder();
    writeFileSync(join(dir, 'r.json'), readFileSync(EXAMPLE));
    const before = readFileSync(join(dir, 'r.json'));
    expectRefused(runMeasured(['render', 'r.json', '--to', 'md', '-o', 'r.json'], { cwd: dir }), /输出文件 r\.json 是本次的输入文件/, 'onto input');
    expect(readFileSync(join(dir, 'r.json')).equals(before)).toBe(true);
  });

  it.skipIf(!posix)('a failed write (ulimit -f) keeps the old file byte for byte and leaves no temporary file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'r.json'), readFileSync(EXAMPLE));
    writeFileSync(join(dir, 'page.html'), 'old page\n');
    const r = runMeasured(['render', 'r.json', '--to', 'html', '-o', 'page.html'], { cwd: dir, shell: 'ulimit -f 4' });
    expectRefused(r, /^report-lint: 无法写入 page\.html：超过文件大小上限（原有文件未改动）$/m, 'ulimit');
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('old page\n');
    expect(readdirSync(dir).sort()).toEqual(['page.html', 'r.json']);
  });
});

describe('values cannot become markup', () => {
  const hostile = () => {
    const report = example();
    report.agency = '<script>alert(1)</script>[点击](javascript:alert(1))';
    report.published = '**2021**-01-01 <img src=x onerror=alert(1)>';
    report.overview = '# 标题\n- 列表\n1. 编号\n> 引用\n访问 https://evil.example 或 www.evil.example，邮件 a@evil.example\n`代码` _斜体_ ~~删除~~ | 竖线 \\ 反斜杠 &amp; 实体\n\u001b[2J清屏\u202e反向';
    report.applications.received.total = '<b>45</b>](http://x)';
    report.proactive.fees.amount = '![图](http://evil.example/x.png)';
    return report;
  };

  it('Markdown: every value is text — no HTML, link, image, emphasis, heading, list, quote or autolink', () => {
    const md = renderReport(hostile() as any, 'md');
    expect(md).not.toContain('<');
    expect(md).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/); // no [text](url)
    expect(md).not.toMatch(/(?<!\\)https?:\/\/|(?<!\\)www\./);
    expect(md).not.toMatch(/^(?:# 标题|- |> |1\. )/m);
    expect(md).not.toMatch(/[\u001b\u202e]/);
    expect(md).toContain('# &lt;script&gt;alert(1)&lt;/script&gt;\\[点击\\](javascript:alert(1))2021年政府信息公开工作年度报告');
    expect(md).toContain('发布日期：\\*\\*2021\\*\\*-01-01 &lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('\n\\# 标题\n\n\\- 列表\n\n1\\. 编号\n\n&gt; 引用\n\n访问 https\\://evil.example 或 www\\.evil.example，邮件 a\\@evil.example\n\n\\`代码\\` \\_斜体\\_ \\~\\~删除\\~\\~ \\| 竖线 \\\\ 反斜杠 &amp;amp; 实体\n\n\\\\u001b\\[2J清屏\\\\u202e反向\n');
    // A number cell that holds text is shown as that text, escaped (render works on any data, as the HTML report does).
    expect(md).toContain('| &lt;b&gt;45&lt;/b&gt;\\](http\\://x) |');
    expect(md).toContain('!\\[图\\](http\\://evil.example/x.png)');
  });

  it('mdText leaves ordinary report text as it is', () => {
    expect(mdText('2020 年，我乡高度重视政府信息公开工作（一）主动公开：136 条。')).toBe('2020 年，我乡高度重视政府信息公开工作（一）主动公开：136 条。');
    expect(mdText('-3')).toBe('-3'); // a cell: no list can start there
    expect(mdText('-3', true)).toBe('\\-3');
  });

  it('HTML: the page has the HTML report\'s CSP and every value is escaped', () => {
    const html = renderReport(hostile() as any, 'html');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u001b[2J清屏\\u202e反向');
    expect(html).not.toMatch(/[\u001b\u202e]/);
    const tags = [...html.matchAll(/<\/?([a-zA-Z0-9!]+)/g)].map((m) => m[1]!.toLowerCase());
    expect(new Set(tags)).toEqual(new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'p', 'h2', 'table', 'tbody', 'tr', 'th', 'td']));
  });

  it('plain text: controls and bidi characters are shown, not obeyed', () => {
    const txt = renderReport(hostile() as any, 'txt');
    expect(txt).not.toMatch(/[\u001b\u202e]/);
    expect(txt).toContain('\\u001b[2J清屏\\u202e反向');
  });

  it('the rendered Markdown of the examples is unchanged by the escaping (no ASCII markup in them)', () => {
    const county = renderReport(example() as any, 'md');
    const wanglejing = renderReport(parseYaml(readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8')), 'md');
    for (const md of [county, wanglejing]) expect(md).not.toMatch(/\\[^\\]/);
  });
});
