import { t } from '../../i18n/index.js';
import type { FileResult, Lang } from '../../types.js';
import { escapeHtml } from './escape.js';
import { fileId } from './file-section.js';
import { ruleShortName } from './rule-names.js';

interface RuleCount {
  ruleId: string;
  count: number;
  files: number;
}

/** Rules by how often they fired, most frequent first (ties by id, so the page is stable). */
export function countRules(results: readonly FileResult[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const r of results) {
    const seen = new Set<string>();
    for (const d of r.diagnostics) {
      const entry = counts.get(d.ruleId) ?? { ruleId: d.ruleId, count: 0, files: 0 };
      entry.count++;
      if (!seen.has(d.ruleId)) entry.files++;
      seen.add(d.ruleId);
      counts.set(d.ruleId, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
}

/** Files, errors, warnings and clean files as four large numbers. */
export function renderStats(results: readonly FileResult[], lang: Lang): string {
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  const clean = results.filter((r) => r.errorCount + r.warningCount === 0).length;
  const stat = (name: string, value: number, label: string, tone: string) =>
    `<div class="rl-stat rl-stat-${tone}" data-stat="${name}"><span class="rl-stat-value">${value}</span> <span class="rl-stat-label">${escapeHtml(label)}</span></div>`;
  return (
    '<div class="rl-stats">' +
    stat('files', results.length, t(lang, 'html.stat.files'), 'neutral') +
    stat('errors', errors, t(lang, 'html.stat.errors'), errors > 0 ? 'error' : 'neutral') +
    stat('warnings', warnings, t(lang, 'html.stat.warnings'), warnings > 0 ? 'warning' : 'neutral') +
    stat('clean', clean, t(lang, 'html.stat.clean'), 'clean') +
    '</div>'
  );
}

/**
 * Agencies × problems: one row per file (agency, year, file, errors, warnings, then a count
 * per rule that fired anywhere in the run), each linking to the file's section. The inline
 * script sorts it when a column heading is clicked; `data-sort` holds the value it sorts by.
 */
export function renderAgencyTable(results: readonly FileResult[], rules: readonly RuleCount[], lang: Lang): string {
  const th = (label: string, type: 'text' | 'number', extra = '') =>
    `<th scope="col" data-sort-type="${type}"${extra}><button type="button" class="rl-sort">${label}</button></th>`;
  const head = [
    th(escapeHtml(t(lang, 'html.col.agency')), 'text'),
    th(escapeHtml(t(lang, 'html.col.year')), 'number'),
    th(escapeHtml(t(lang, 'html.col.file')), 'text'),
    th(escapeHtml(t(lang, 'html.col.errors')), 'number', ' data-column="errors"'),
    th(escapeHtml(t(lang, 'html.col.warnings')), 'number', ' data-column="warnings"'),
    ...rules.map((r) => {
      const name = ruleShortName(lang, r.ruleId);
      const label = name === r.ruleId ? '' : `<span class="rl-rule-name">${escapeHtml(name)}</span>`;
      return th(`${label}<span class="rl-rule">${escapeHtml(r.ruleId)}</span>`, 'number', ` data-column="rule:${escapeHtml(r.ruleId)}"`);
    }),
  ];
  const rows = results.map((r, index) => {
    const data = r.data !== null && typeof r.data === 'object' ? (r.data as Record<string, unknown>) : {};
    const agency =
      typeof data.agency === 'string' && data.agency.trim() !== ''
        ? data.agency
        : t(lang, r.data === undefined ? 'html.agencyUnreadable' : 'html.agencyUnknown');
    const year = typeof data.year === 'number' ? String(data.year) : '';
    const status = r.errorCount > 0 ? 'error' : r.warningCount > 0 ? 'warning' : 'clean';
    const byRule = new Map<string, number>();
    for (const d of r.diagnostics) byRule.set(d.ruleId, (byRule.get(d.ruleId) ?? 0) + 1);
    const num = (value: number, tone = '') => `<td class="rl-num${value > 0 && tone ? ` rl-${tone}` : ''}" data-sort="${value}">${value === 0 ? '·' : value}</td>`;
    return (
      `<tr class="rl-row-${status}" data-file="${escapeHtml(r.file)}">` +
      `<td data-sort="${escapeHtml(agency)}"><a href="#${fileId(index)}">${escapeHtml(agency)}</a></td>` +
      `<td class="rl-num" data-sort="${year || '0'}">${escapeHtml(year)}</td>` +
      `<td class="rl-path" data-sort="${escapeHtml(r.file)}">${escapeHtml(r.file)}</td>` +
      num(r.errorCount, 'error') +
      num(r.warningCount, 'warning') +
      rules.map((rule) => num(byRule.get(rule.ruleId) ?? 0)).join('') +
      '</tr>'
    );
  });
  return (
    `<h2>${escapeHtml(t(lang, 'html.agencies.heading'))}</h2>` +
    `<p class="rl-hint">${escapeHtml(t(lang, 'html.agencies.sortHint'))}</p>` +
    `<div class="rl-scroll"><table class="rl-agencies" data-sortable><thead><tr>${head.join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`
  );
}

/** The most frequent rules as a horizontal bar chart in inline SVG (no script, prints as drawn). */
export function renderRuleChart(rules: readonly RuleCount[], lang: Lang, limit = 10): string {
  const shown = rules.slice(0, limit);
  if (shown.length === 0) return '';
  const labels = shown.map((r) => {
    const name = ruleShortName(lang, r.ruleId);
    if (name === r.ruleId) return r.ruleId;
    return lang === 'zh' ? `${name}（${r.ruleId}）` : `${name} (${r.ruleId})`;
  });
  // SVG text does not wrap or push its neighbours: make the label column as wide as the longest label.
  const labelWidth = Math.min(420, Math.max(120, ...labels.map(textWidth)) + 12);
  const barArea = 300;
  const countWidth = 190;
  const rowHeight = 26;
  const width = labelWidth + barArea + countWidth;
  const height = shown.length * rowHeight + 4;
  const max = Math.max(...shown.map((r) => r.count));
  const bars = shown.map((r, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(2, Math.round((r.count / max) * barArea));
    const label = labels[i]!;
    const count = t(lang, 'html.rules.count', { count: r.count, files: r.files });
    return (
      `<g class="rl-bar" data-rule="${escapeHtml(r.ruleId)}" data-count="${r.count}">` +
      `<title>${escapeHtml(`${label}: ${count}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="2"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 17}" class="rl-bar-count">${escapeHtml(count)}</text></g>`
    );
  });
  return (
    `<h2>${escapeHtml(t(lang, 'html.rules.heading'))}</h2>` +
    `<svg class="rl-chart" role="img" aria-label="${escapeHtml(t(lang, 'html.rules.chartLabel'))}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    bars.join('') +
    '</svg>'
  );
}

/** Rough width in pixels of a label at the chart's 13px: CJK characters are square, others about half. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 13 : 7.5;
  return Math.ceil(width);
}
