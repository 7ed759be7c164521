/** `report-lint render`: a report file → the official tables and text sections. */
import type { Report } from '../types.js';
import { renderReportHtml } from './html.js';
import { renderReportMarkdown, renderReportText } from './text.js';

export const RENDER_TARGETS = ['md', 'html', 'txt'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

export function renderReport(report: Report, to: RenderTarget): string {
  if (to === 'html') return renderReportHtml(report);
  if (to === 'md') return renderReportMarkdown(report);
  return renderReportText(report);
}

export { renderReportHtml, renderTablesHtml } from './html.js';
