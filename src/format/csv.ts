import type { Formatter } from '../types.js';
import { findingsSheet, type Cell } from './table-rows.js';

/**
 * `--format csv`: one row per finding (src/format/table-rows.ts), for spreadsheets. UTF-8 with a
 * byte-order mark, because Excel reads a csv without one in the system's legacy code page (GBK
 * on a Chinese Windows) and garbles every Chinese character; CRLF line ends and quoting as in
 * RFC 4180. A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first)
 * gets a leading apostrophe, the usual guard: an agency name is typed by whoever wrote the report.
 */
const csv: Formatter = (results, { cwd, lang }) => {
  const sheet = findingsSheet(results, cwd, lang);
  const lines = [sheet.header.map(field).join(',')];
  for (const row of sheet.rows) lines.push(row.map(field).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
};
export default csv;

function field(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
