import type { Formatter } from '../types.js';
import { sanitizeLines } from '../util/sanitize.js';
import { relativePath } from './paths.js';

/**
 * Workflow-command data: the runner decodes %25, %0D, %0A, so a line break stays exact and
 * cannot start a line of its own. The runner has no escape for `##[`, which it looks for
 * anywhere in a line, nor for control characters: each line of the text goes through
 * `sanitizeLines` first (a file name with `##[` or ESC is shown escaped; such a name is
 * hostile, not a report).
 */
const escapeData = (s: string) => sanitizeLines(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values also end at `,` and `:`, so those are escaped too. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one `::error`/`::warning` per diagnostic, which the runner
 * shows as an annotation on the file and line. Nothing else is printed.
 */
const github: Formatter = (results, { cwd }) => {
  const lines: string[] = [];
  for (const r of results) {
    const file = relativePath(cwd, r.file);
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`report-lint (${d.ruleId})`)}`,
      ].join(',');
      lines.push(`::${d.severity} ${props}::${escapeData(d.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};
export default github;
