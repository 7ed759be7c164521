import { createHash } from 'node:crypto';
import { t } from '../i18n/index.js';
import { escapeHtml } from '../format/html/escape.js';
import { CSP, documentHead, CSS } from '../format/html/page.js';
import { ruleShortName } from '../format/html/rule-names.js';
import { countRules, renderRuleChart, renderStats } from '../format/html/summary.js';
import { relativePath } from '../format/paths.js';
import type { FileResult, Lang } from '../types.js';
import { SITE_CSS } from './report-page.js';

/** What the index knows of a report besides its result: its page, and the notes of an import. */
export interface IndexEntry {
  /** `reports/<n>.html`, or undefined for a clean report without a page. */
  page?: string;
  /** Notes of `import --lint`: how many to check (核对) and how many for information (说明). */
  notes?: { warnings: number; infos: number };
}

/** Rows shown at once: the table is drawn a page at a time, so 30,000 reports stay as quick as 100. */
const PAGE_SIZE = 100;

/**
 * The site's index.html: the counts and the bar chart of the single page, and the agencies ×
 * rules table as data (one inline JSON block, a few dozen bytes per report) that the page's
 * script filters (agency or file, year, rule, status), sorts and shows a page of rows at a time.
 * The data block is not a script (`type="application/json"`), so the CSP's hash covers only the
 * script itself; `<` is written as `\u003c` so no report text can close the block.
 */
export function renderIndexPage(results: readonly FileResult[], entries: ReadonlyMap<string, IndexEntry>, cwd: string, lang: Lang): string {
  const rules = countRules(results);
  const ruleIds = rules.map((r) => r.ruleId);
  const column = new Map(ruleIds.map((id, i) => [id, i]));
  const withNotes = [...entries.values()].some((e) => e.notes !== undefined);
  const rows = results.map((r) => {
    const counts: number[][] = [];
    const byRule = new Map<number, number>();
    for (const d of r.diagnostics) byRule.set(column.get(d.ruleId)!, (byRule.get(column.get(d.ruleId)!) ?? 0) + 1);
    for (const [i, n] of byRule) counts.push([i, n]);
    const entry = entries.get(r.file);
    const agency = r.info?.agency ?? '';
    return [relativePath(cwd, r.file), agency, r.info?.year ?? null, r.errorCount, r.warningCount, entry?.page ?? '', counts, entry?.notes?.warnings ?? 0, entry?.notes?.infos ?? 0];
  });
  const years = [...new Set(results.map((r) => r.info?.year).filter((y): y is number => y !== undefined))].sort((a, b) => b - a);
  const text = {
    pager: t(lang, 'site.pager'),
    empty: t(lang, 'site.empty'),
    noAgency: t(lang, 'html.agencyUnknown'),
  };
  const data = JSON.stringify({ pageSize: PAGE_SIZE, rules: ruleIds, text, rows }).replace(/</g, '\\u003c');

  const th = (label: string, key: string, type: 'text' | 'number') =>
    `<th scope="col" data-key="${escapeHtml(key)}" data-sort-type="${type}"><button type="button" class="rl-sort">${label}</button></th>`;
  const head = [
    th(escapeHtml(t(lang, 'html.col.agency')), 'agency', 'text'),
    th(escapeHtml(t(lang, 'html.col.year')), 'year', 'number'),
    th(escapeHtml(t(lang, 'html.col.file')), 'file', 'text'),
    th(escapeHtml(t(lang, 'html.col.errors')), 'errors', 'number'),
    th(escapeHtml(t(lang, 'html.col.warnings')), 'warnings', 'number'),
    ...(withNotes ? [th(escapeHtml(t(lang, 'site.col.notes')), 'notes', 'number')] : []),
    ...ruleIds.map((id) => {
      const name = ruleShortName(lang, id);
      const label = name === id ? '' : `<span class="rl-rule-name">${escapeHtml(name)}</span>`;
      return th(`${label}<span class="rl-rule">${escapeHtml(id)}</span>`, `rule:${id}`, 'number');
    }),
  ];
  const option = (value: string, label: string) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const filters =
    '<div class="rl-filters" role="search">' +
    `<label>${escapeHtml(t(lang, 'site.filter.search'))} <input type="search" id="rl-q" autocomplete="off"></label>` +
    `<label>${escapeHtml(t(lang, 'html.col.year'))} <select id="rl-year">${option('', t(lang, 'site.filter.all'))}${years.map((y) => option(String(y), String(y))).join('')}</select></label>` +
    `<label>${escapeHtml(t(lang, 'site.filter.rule'))} <select id="rl-rule">${option('', t(lang, 'site.filter.all'))}${ruleIds
      .map((id) => option(id, ruleShortName(lang, id) === id ? id : `${ruleShortName(lang, id)} (${id})`))
      .join('')}</select></label>` +
    `<label>${escapeHtml(t(lang, 'site.filter.status'))} <select id="rl-status">${option('', t(lang, 'site.filter.all'))}${option('problems', t(lang, 'site.status.problems'))}${option(
      'error',
      t(lang, 'site.status.error'),
    )}${option('warning', t(lang, 'site.status.warning'))}${option('clean', t(lang, 'site.status.clean'))}</select></label>` +
    '</div>';
  const pager =
    '<div class="rl-pager">' +
    `<button type="button" id="rl-prev">${escapeHtml(t(lang, 'site.prev'))}</button> <span id="rl-pageinfo" aria-live="polite"></span> ` +
    `<button type="button" id="rl-next">${escapeHtml(t(lang, 'site.next'))}</button></div>`;
  const notesStat = withNotes
    ? `<p class="rl-hint" data-stat="notes">${escapeHtml(
        t(lang, 'site.notes.total', {
          warnings: [...entries.values()].reduce((n, e) => n + (e.notes?.warnings ?? 0), 0),
          infos: [...entries.values()].reduce((n, e) => n + (e.notes?.infos ?? 0), 0),
        }),
      )}</p>`
    : '';

  return `${documentHead(lang, CSP(INDEX_SCRIPT_HASH), t(lang, 'html.title'), CSS + SITE_CSS + INDEX_CSS)}
<body class="rl-many rl-site-index">
<div class="rl-page">
<header id="top" class="rl-header"><h1>${escapeHtml(t(lang, 'html.title'))}</h1><p class="rl-generator">${escapeHtml(t(lang, 'html.generator'))}</p></header>
<section id="summary" class="rl-summary">
${renderStats(results, lang)}
${notesStat}
${results.length === 0 ? `<p class="rl-note">${escapeHtml(t(lang, 'html.noFiles'))}</p>` : ''}
${renderRuleChart(rules, lang)}
</section>
<section id="reports" class="rl-summary">
<h2>${escapeHtml(t(lang, 'html.agencies.heading'))}</h2>
<p class="rl-hint">${escapeHtml(t(lang, 'site.hint'))}</p>
${filters}
${pager}
<div class="rl-scroll"><table class="rl-agencies" id="rl-table"><thead><tr>${head.join('')}</tr></thead><tbody></tbody></table></div>
</section>
</div>
<script type="application/json" id="rl-data">${data}</script>
<script>${INDEX_SCRIPT}</script>
</body>
</html>
`;
}

const INDEX_CSS = `
.rl-filters { display: flex; flex-wrap: wrap; gap: 10px 18px; margin: 10px 0; }
.rl-filters input, .rl-filters select { font: inherit; padding: 2px 6px; }
.rl-filters input { width: 16em; }
.rl-pager { margin: 6px 0; color: var(--muted); }
.rl-pager button { font: inherit; }
.rl-agencies td.rl-empty { color: var(--muted); text-align: center; padding: 16px; }
`;

/**
 * Filters, sorting and paging of the index table. Rows are drawn with textContent and
 * setAttribute only (never innerHTML), so no report text becomes markup.
 */
const INDEX_SCRIPT = `
const data = JSON.parse(document.getElementById('rl-data').textContent);
const rows = data.rows.map((r) => {
  const row = { file: r[0], agency: r[1], year: r[2], errors: r[3], warnings: r[4], page: r[5], notes: r[7] };
  for (const [i, n] of r[6]) row['rule:' + data.rules[i]] = n;
  row.search = (r[1] + ' ' + r[0]).toLowerCase();
  return row;
});
const table = document.getElementById('rl-table');
const body = table.tBodies[0];
const headers = [...table.tHead.rows[0].cells];
const keys = headers.map((th) => th.dataset.key);
const q = document.getElementById('rl-q');
const year = document.getElementById('rl-year');
const rule = document.getElementById('rl-rule');
const status = document.getElementById('rl-status');
const info = document.getElementById('rl-pageinfo');
const prev = document.getElementById('rl-prev');
const next = document.getElementById('rl-next');
const collator = new Intl.Collator(document.documentElement.lang);
let sortKey = 'errors', ascending = false, page = 0, shown = rows;
function value(row, key) { return row[key] ?? 0; }
function apply() {
  const text = q.value.trim().toLowerCase();
  const y = year.value, ruleKey = rule.value && 'rule:' + rule.value, s = status.value;
  shown = rows.filter((row) =>
    (!text || row.search.includes(text)) &&
    (!y || String(row.year) === y) &&
    (!ruleKey || row[ruleKey] > 0) &&
    (!s || (s === 'problems' ? row.errors + row.warnings > 0 : s === 'error' ? row.errors > 0 : s === 'warning' ? row.errors === 0 && row.warnings > 0 : row.errors + row.warnings === 0)));
  const numeric = headers[keys.indexOf(sortKey)].dataset.sortType === 'number';
  shown.sort((a, b) => {
    const order = numeric ? value(a, sortKey) - value(b, sortKey) : collator.compare(a[sortKey] || '', b[sortKey] || '');
    return (ascending ? order : -order) || collator.compare(a.file, b.file);
  });
  for (const th of headers) th.removeAttribute('aria-sort');
  headers[keys.indexOf(sortKey)].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  page = 0;
  draw();
}
function cell(tr, content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (content instanceof Node) td.appendChild(content); else td.textContent = content;
  tr.appendChild(td);
  return td;
}
function num(tr, n, tone) {
  cell(tr, n === 0 ? '·' : String(n), 'rl-num' + (n > 0 && tone ? ' rl-' + tone : ''));
}
function draw() {
  const pages = Math.max(1, Math.ceil(shown.length / data.pageSize));
  page = Math.min(page, pages - 1);
  const fragment = document.createDocumentFragment();
  for (const row of shown.slice(page * data.pageSize, (page + 1) * data.pageSize)) {
    const tr = document.createElement('tr');
    tr.className = 'rl-row-' + (row.errors > 0 ? 'error' : row.warnings > 0 ? 'warning' : 'clean');
    tr.dataset.file = row.file;
    const name = row.agency || data.text.noAgency;
    if (row.page) {
      const a = document.createElement('a');
      a.href = row.page;
      a.textContent = name;
      cell(tr, a);
    } else cell(tr, name);
    cell(tr, row.year === null ? '' : String(row.year), 'rl-num');
    cell(tr, row.file, 'rl-path');
    for (const key of keys.slice(3)) num(tr, value(row, key), key === 'errors' ? 'error' : key === 'warnings' || key === 'notes' ? 'warning' : '');
    fragment.appendChild(tr);
  }
  if (shown.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, data.text.empty, 'rl-empty').colSpan = keys.length;
    fragment.appendChild(tr);
  }
  body.replaceChildren(fragment);
  info.textContent = data.text.pager.replace('{{page}}', page + 1).replace('{{pages}}', pages).replace('{{count}}', shown.length);
  prev.disabled = page === 0;
  next.disabled = page >= pages - 1;
}
headers.forEach((th) => th.querySelector('button').addEventListener('click', () => {
  const key = th.dataset.key;
  if (key === sortKey) ascending = !ascending;
  else { sortKey = key; ascending = th.dataset.sortType !== 'number'; }
  apply();
}));
for (const control of [q, year, rule, status]) control.addEventListener('input', apply);
prev.addEventListener('click', () => { page--; draw(); });
next.addEventListener('click', () => { page++; draw(); });
apply();
`;
const INDEX_SCRIPT_HASH = `sha256-${createHash('sha256').update(INDEX_SCRIPT).digest('base64')}`;

export { PAGE_SIZE };
