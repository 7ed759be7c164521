#!/usr/bin/env node
// The html site at province scale: peak RSS of `-f html -o DIR/` on 1,000 and 30,000 generated
// reports (runs of the two sizes interleaved), the site's total size and largest page, and how
// long its index takes to show its first rows in Debian's chromium. Not a test: it times real
// processes. Writes its section of bench/RESULTS.md (between the site markers; kept when rerun).
// Options (env): SITE_SIZES=1000,30000  SITE_RUNS=3  SITE_KEEP=1 (keep the temp folder)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generate } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.SITE_SIZES ?? '1000,30000').split(',').map(Number);
const RUNS = Number(process.env.SITE_RUNS ?? 3);
const BIN = join(ROOT, 'bin/report-lint.js');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function run(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lines = r.stderr.toString().trim().split('\n');
  if (r.status !== 0 && r.status !== 1) throw new Error(`report-lint ${args.join(' ')} exited ${r.status}: ${lines.slice(-3).join(' | ')}`);
  return { seconds, rssMB: Number(lines[lines.length - 1]) / 1024 };
}

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) files.push(...walk(path));
    else files.push({ path, size: st.size });
  }
  return files;
}

const tmp = mkdtempSync(join(tmpdir(), 'rl-site-bench-'));
const rows = [];
try {
  const inputs = new Map();
  for (const size of SIZES) {
    const dir = join(tmp, `in-${size}`);
    generate(dir, size, { format: 'yaml', seed: 2026, invalidShare: 0.1 });
    inputs.set(size, dir);
  }
  const measured = new Map(SIZES.map((s) => [s, { site: [], stylish: [] }]));
  // Interleaved: each round runs every size once, so the machine's drift touches all alike.
  for (let i = 0; i < RUNS; i++) {
    for (const size of SIZES) {
      const out = join(tmp, `site-${size}`);
      rmSync(out, { recursive: true, force: true });
      measured.get(size).site.push(run([inputs.get(size), '-f', 'html', '-o', out + '/']));
      measured.get(size).stylish.push(run([inputs.get(size), '-f', 'stylish']));
    }
  }
  // The single page of before, for the smallest size only (at 30,000 it is the problem this solves).
  const single = run([inputs.get(SIZES[0]), '-f', 'html', '-o', join(tmp, 'single.html')]);
  const singleSize = statSync(join(tmp, 'single.html')).size;

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  for (const size of SIZES) {
    const out = join(tmp, `site-${size}`);
    const files = walk(out);
    const index = files.find((f) => f.path.endsWith('index.html'));
    const pages = files.filter((f) => f !== index);
    const largest = pages.reduce((a, b) => (b.size > a.size ? b : a), { size: 0 });
    const opens = [];
    const filters = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      const start = Date.now();
      await page.goto(pathToFileURL(index.path).href);
      await page.waitForSelector('#rl-table tbody tr');
      opens.push((Date.now() - start) / 1000);
      const t0 = Date.now();
      await page.fill('#rl-q', '盐池县');
      await page.waitForFunction(() => document.getElementById('rl-pageinfo').textContent.includes('/'));
      filters.push((Date.now() - t0) / 1000);
      await page.close();
    }
    const m = measured.get(size);
    rows.push({
      size,
      siteSeconds: median(m.site.map((x) => x.seconds)),
      siteRss: median(m.site.map((x) => x.rssMB)),
      stylishRss: median(m.stylish.map((x) => x.rssMB)),
      total: files.reduce((n, f) => n + f.size, 0),
      pages: pages.length,
      largest: largest.size,
      index: index.size,
      open: median(opens),
      filter: median(filters),
    });
  }
  await browser.close();

  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  const base = rows[0];
  const section = [
    '<!-- site:start -->',
    '## html site at province scale (bench/site.mjs)',
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' / ')} ` +
      `(the machine was shared with other jobs: compare the sizes with each other, measured in interleaved rounds, ${RUNS} runs each, medians).`,
    `Generated YAML reports (bench/generate.mjs, 10% with a mistake); \`report-lint DIR -f html -o site/\`; peak RSS by \`/usr/bin/time -f %M\`; ` +
      'index open time: from navigation to the first table row drawn in Debian\'s chromium (headless), median of 5; filter: typing an agency name into the search box until the table is redrawn.',
    '',
    '| reports | site s | site peak RSS MB | vs smallest | lint only (stylish) peak RSS MB | pages | site total MB | index MB | largest page KB | index open s | filter s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.siteSeconds.toFixed(1)} | ${r.siteRss.toFixed(0)} | ${r.size === base.size ? '—' : `+${(r.siteRss - base.siteRss).toFixed(0)} MB`} | ${r.stylishRss.toFixed(0)} | ${r.pages} | ${mb(r.total)} | ${mb(r.index)} | ${(r.largest / 1024).toFixed(0)} | ${r.open.toFixed(2)} | ${r.filter.toFixed(2)} |`,
    ),
    '',
    `For comparison, the single page of ${SIZES[0]} reports (\`-o report.html\`): ${mb(singleSize)} MB, peak RSS ${single.rssMB.toFixed(0)} MB.`,
    '<!-- site:end -->',
  ].join('\n');
  const resultsFile = join(ROOT, 'bench/RESULTS.md');
  const text = readFileSync(resultsFile, 'utf8');
  const marked = /<!-- site:start -->[\s\S]*?<!-- site:end -->/;
  writeFileSync(resultsFile, marked.test(text) ? text.replace(marked, section) : text.replace(/\n## Notes \(bench\/NOTES\.md/, `\n${section}\n\n## Notes (bench/NOTES.md`));
  console.log(section);
} finally {
  if (!process.env.SITE_KEEP && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}
