import { t } from '../i18n/index.js';
import { escapeHtml } from '../format/html/escape.js';
import { renderFileSection } from '../format/html/file-section.js';
import { CSP, documentHead, CSS, SCRIPT, SCRIPT_HASH } from '../format/html/page.js';
import type { FileResult, Lang } from '../types.js';

/** A note an import left on a report (核对/说明, src/import/notes.ts), as its page shows it above the tables. */
export interface PageNote {
  severity: 'warning' | 'info';
  message: string;
  line?: number;
}


export const SITE_CSS = `
.rl-crumb { margin: 0 0 6px; font-size: 13px; }
.rl-notes { margin: 0 0 12px; padding-left: 1.6em; }
.rl-notes li { margin: 2px 0; }
.rl-note-warning .rl-sev { background: var(--warning-mark); }
.rl-note-info .rl-sev { background: var(--muted); }
`;

/**
 * One report's page of a site (src/site/site-writer.ts): the file's section as the single page
 * draws it (official tables with the marked cells, the numbered list), a link back to the index,
 * and, for a run of `import --lint`, the import's notes on the report.
 */
export function renderReportPage(result: FileResult, lang: Lang, notes: readonly PageNote[] = []): string {
  const title = `${result.file} · ${t(lang, 'html.title')}`;
  const notesHtml =
    notes.length === 0
      ? ''
      : `<section class="rl-summary rl-import-notes"><h2>${escapeHtml(t(lang, 'site.notes.heading'))}</h2><ol class="rl-notes">` +
        notes
          .map(
            (n) =>
              `<li class="rl-note-${n.severity}" data-severity="${n.severity}"><span class="rl-sev">${escapeHtml(t(lang, `import.severity.${n.severity}`))}</span> ` +
              (n.line !== undefined ? `<span class="rl-pos">${escapeHtml(t(lang, 'site.notes.line', { line: n.line }))}</span> ` : '') +
              `${escapeHtml(n.message)}</li>`,
          )
          .join('') +
        '</ol></section>';
  return `${documentHead(lang, CSP(SCRIPT_HASH), title, CSS + SITE_CSS)}
<body class="rl-single">
<div class="rl-page">
<header id="top" class="rl-header"><p class="rl-crumb"><a href="../index.html" class="rl-to-index">${escapeHtml(t(lang, 'site.toIndex'))}</a></p><h1>${escapeHtml(t(lang, 'html.title'))}</h1><p class="rl-generator">${escapeHtml(t(lang, 'html.generator'))}</p></header>
${notesHtml}
<main>
${renderFileSection(result, 0, lang, false)}
</main>
</div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
