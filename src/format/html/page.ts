import { createHash } from 'node:crypto';
import { t } from '../../i18n/index.js';
import type { FileResult, Lang } from '../../types.js';
import { escapeHtml } from './escape.js';
import { renderFileSection } from './file-section.js';
import { countRules, renderAgencyTable, renderRuleChart, renderStats } from './summary.js';

/** Every page's policy: nothing fetched, only the page's own script (by its hash) runs. */
export const CSP = (scriptHash: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; script-src '${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;

/**
 * The start of every page report-lint writes (the HTML report, the site's index and report
 * pages): language, the Content-Security-Policy that forbids every fetch, title and inline CSS.
 */
export function documentHead(lang: Lang, csp: string, title: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="report-lint">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/**
 * The whole page: one standalone file with its CSS and its one small script inline. The
 * Content-Security-Policy forbids every fetch (`default-src 'none'`), so the page works
 * offline and cannot leak what it shows even if a report's text held a URL.
 */
export function renderPage(results: readonly FileResult[], lang: Lang): string {
  const many = results.length > 1;
  const rules = countRules(results);
  const csp = CSP(SCRIPT_HASH);
  const summary: string[] = [renderStats(results, lang)];
  if (results.length === 0) summary.push(`<p class="rl-note">${escapeHtml(t(lang, 'html.noFiles'))}</p>`);
  if (results.some((r) => r.diagnostics.length > 0)) summary.push(`<p class="rl-legend">${escapeHtml(t(lang, 'html.legend'))}</p>`);
  if (many) {
    summary.push(renderAgencyTable(results, rules, lang));
    summary.push(renderRuleChart(rules, lang));
  }
  return `${documentHead(lang, csp, t(lang, 'html.title'), CSS)}
<body class="${many ? 'rl-many' : 'rl-single'}">
<div class="rl-page">
<header id="top" class="rl-header"><h1>${escapeHtml(t(lang, 'html.title'))}</h1><p class="rl-generator">${escapeHtml(t(lang, 'html.generator'))}</p></header>
<section id="summary" class="rl-summary">
${summary.join('\n')}
</section>
<main>
${results.map((r, i) => renderFileSection(r, i, lang, many)).join('\n')}
</main>
</div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Two small behaviours. The agencies table sorts by the clicked column (numbers start with the
 * largest, text in collation order). A marked cell shows its message at once in a box beside
 * it, on hover, on keyboard focus and when a list entry links to it; its title stays the
 * fallback without script (and is lifted only while the box shows, so two tooltips never overlap).
 */
export const SCRIPT = `
const tip = document.createElement('div');
tip.className = 'rl-tip';
tip.setAttribute('role', 'tooltip');
tip.hidden = true;
document.body.appendChild(tip);
let shown = null;
function showTip(cell, liftTitle) {
  if (shown === cell) return;
  hideTip();
  const text = cell.getAttribute('title') ?? cell.dataset.title ?? '';
  if (!text) return;
  if (liftTitle) {
    cell.dataset.title = text;
    cell.removeAttribute('title');
  }
  shown = cell;
  tip.textContent = text;
  tip.dataset.severity = cell.dataset.severity ?? 'error';
  tip.hidden = false;
  const box = cell.getBoundingClientRect();
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
  tip.style.left = left + window.scrollX + 'px';
  tip.style.top = box.bottom + window.scrollY + 6 + 'px';
}
function hideTip() {
  if (shown && shown.dataset.title !== undefined) {
    shown.setAttribute('title', shown.dataset.title);
    delete shown.dataset.title;
  }
  shown = null;
  tip.hidden = true;
}
for (const cell of document.querySelectorAll('td.rl-mark')) {
  cell.addEventListener('mouseenter', () => showTip(cell, true));
  cell.addEventListener('mouseleave', () => { if (shown === cell) hideTip(); });
  cell.addEventListener('focus', () => showTip(cell, false));
  cell.addEventListener('blur', () => { if (shown === cell) hideTip(); });
}
function showTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const cell = id && document.getElementById(id);
  if (cell && cell.matches('td.rl-mark')) showTip(cell, false);
}
window.addEventListener('hashchange', showTarget);
document.addEventListener('keydown', (event) => { if (event.key === 'Escape') hideTip(); });
showTarget();
for (const table of document.querySelectorAll('table[data-sortable]')) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const numeric = th.dataset.sortType === 'number';
      const current = th.getAttribute('aria-sort');
      const ascending = current ? current === 'descending' : !numeric;
      const collator = new Intl.Collator(document.documentElement.lang);
      const body = table.tBodies[0];
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const x = a.cells[column].dataset.sort ?? '', y = b.cells[column].dataset.sort ?? '';
        const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return ascending ? order : -order;
      });
      for (const row of rows) body.appendChild(row);
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    });
  });
}
`;
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

export const CSS = `
:root { --error: #c62828; --error-bg: #fdecea; --warning: #9a5b00; --warning-mark: #e09b00; --warning-bg: #fff3cd;
  --clean: #2e7d32; --clean-bg: #e8f5e9; --line: #d0d5dd; --muted: #5f6b7a; --ink: #1d2330; --bar: #4a6fa5; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: var(--ink); font: 14px/1.55 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif; }
.rl-page { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; }
.rl-header h1 { font-size: 22px; margin: 0; }
.rl-generator { margin: 0 0 14px; color: var(--muted); font-size: 12px; }
h2 { font-size: 17px; margin: 18px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.rl-tables h2 { font-size: 15px; margin: 14px 0 4px; }
.rl-summary, .rl-file { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 20px; margin: 0 0 18px; }
.rl-summary > h2:first-child { margin-top: 0; }
.rl-file { border-left: 6px solid var(--line); }
.rl-file-error { border-left-color: var(--error); }
.rl-file-warning { border-left-color: var(--warning-mark); }
.rl-file-clean { border-left-color: var(--clean); }
.rl-file-heading { margin: 0 0 8px; word-break: break-all; }
.rl-file-name { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 15px; }
.rl-file-agency { font-weight: 400; color: var(--muted); margin-left: 8px; }
.rl-stats { display: flex; flex-wrap: wrap; gap: 12px; }
.rl-stat { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.rl-stat-value { display: block; font-size: 28px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.rl-stat-label { color: var(--muted); }
.rl-stat-error .rl-stat-value { color: var(--error); }
.rl-stat-warning .rl-stat-value { color: var(--warning); }
.rl-stat-clean .rl-stat-value { color: var(--clean); }
.rl-legend, .rl-hint, .rl-note { color: var(--muted); margin: 10px 0 0; }
.rl-note { background: #f6f7f9; border: 1px dashed var(--line); padding: 8px 12px; border-radius: 4px; }
.rl-status { display: inline-block; margin: 0 0 10px; padding: 4px 12px; border-radius: 4px; font-weight: 700; }
.rl-status-icon { margin-right: 6px; }
.rl-status-clean { color: var(--clean); background: var(--clean-bg); font-size: 17px; }
.rl-status-error { color: var(--error); background: var(--error-bg); }
.rl-status-warning { color: var(--warning); background: var(--warning-bg); }

/* The official tables, as the renderer writes them. */
.rl-tables { overflow-x: auto; }
.rl-tables table { border-collapse: collapse; margin: 6px 0 14px; background: #fff; font-size: 13px; }
.rl-tables caption { text-align: left; font-weight: 700; padding: 6px 0 4px; }
.rl-tables th, .rl-tables td { border: 1px solid #8c95a3; padding: 3px 7px; vertical-align: middle; }
.rl-tables th { background: #f1f3f6; font-weight: 600; }
.rl-tables td[data-path] { text-align: right; font-variant-numeric: tabular-nums; min-width: 3.2em; }
.rl-tables-fold summary { cursor: pointer; color: var(--muted); }

/* Marked cells: the colour says how bad, the badge which list entry, the small line what it should be. */
td.rl-mark { position: relative; outline: 2px solid; outline-offset: -2px; font-weight: 700; cursor: help; padding-top: 13px; }
td.rl-mark.rl-error { background: var(--error-bg); outline-color: var(--error); color: var(--error); }
td.rl-mark.rl-warning { background: var(--warning-bg); outline-color: var(--warning-mark); color: var(--warning); }
td.rl-mark::before { content: attr(data-mark); position: absolute; top: 2px; left: 3px; padding: 0 4px; border-radius: 6px;
  font-size: 10px; line-height: 12px; font-weight: 700; color: #fff; background: var(--error); }
td.rl-mark.rl-warning::before { background: var(--warning-mark); }
td.rl-mark[data-expected]::after { content: attr(data-expected); display: block; font-size: 11px; font-weight: 400; white-space: nowrap; }
td.rl-mark:target, td.rl-mark:focus { box-shadow: 0 0 0 4px rgba(198, 40, 40, 0.35); }
td.rl-mark:focus { outline-width: 3px; }
.rl-tip { position: absolute; z-index: 10; max-width: 34em; padding: 8px 11px; border-radius: 5px; white-space: pre-line;
  background: #fff; color: var(--ink); font-size: 13px; font-weight: 400; line-height: 1.5; text-align: left;
  border: 1px solid var(--line); border-left: 5px solid var(--error); box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18); pointer-events: none; }
.rl-tip[data-severity="warning"] { border-left-color: var(--warning-mark); }
.rl-tip[hidden] { display: none; }

.rl-diags { margin: 4px 0 0; padding-left: 2.2em; }
.rl-diags li { margin: 3px 0; padding: 2px 4px; border-radius: 3px; }
.rl-diags li:target { background: #fff8d6; }
.rl-sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 700; color: #fff; }
.rl-diag.rl-error .rl-sev { background: var(--error); }
.rl-diag.rl-warning .rl-sev { background: var(--warning-mark); }
.rl-pos, .rl-outside { color: var(--muted); font-size: 12px; white-space: nowrap; }
.rl-rule { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
.rl-goto { font-size: 12px; white-space: nowrap; }
.rl-back { margin: 10px 0 0; font-size: 12px; }
a { color: #1a56a8; }

.rl-scroll { overflow-x: auto; }
.rl-agencies { border-collapse: collapse; width: 100%; font-size: 13px; }
.rl-agencies th, .rl-agencies td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; }
.rl-agencies th { background: #f1f3f6; white-space: nowrap; }
.rl-agencies td.rl-num { text-align: right; font-variant-numeric: tabular-nums; }
.rl-agencies td.rl-error { color: var(--error); background: var(--error-bg); font-weight: 700; }
.rl-agencies td.rl-warning { color: var(--warning); background: var(--warning-bg); font-weight: 700; }
.rl-agencies th { vertical-align: bottom; }
.rl-agencies .rl-rule-name { display: block; font-size: 12px; font-weight: 400; white-space: normal; }
.rl-agencies .rl-path { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; min-width: 16em; }
.rl-agencies td:first-child { min-width: 9em; }
.rl-agencies tbody tr:hover { background: #f7f9fc; }
.rl-sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] .rl-sort::after { content: " ▲"; }
th[aria-sort="descending"] .rl-sort::after { content: " ▼"; }
.rl-chart { max-width: 100%; height: auto; display: block; margin: 4px 0; }
.rl-chart text { font-size: 13px; fill: var(--ink); }
.rl-chart rect { fill: var(--bar); }
.rl-chart .rl-bar-count { fill: var(--muted); font-size: 12px; }

@page { size: A4; margin: 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10pt; }
  .rl-page { max-width: none; padding: 0; }
  .rl-summary, .rl-file { border: 0; border-radius: 0; padding: 0; margin: 0 0 6mm; }
  .rl-many .rl-file { break-before: page; }
  .rl-tables { overflow: visible; }
  .rl-tables table { font-size: 7.5pt; }
  .rl-tables th, .rl-tables td { padding: 1px 3px; }
  .rl-tables tr, .rl-diags li, .rl-agencies tr { break-inside: avoid; }
  .rl-back, .rl-hint, .rl-goto, .rl-tip, .rl-tables-fold:not([open]) { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;
