import { Chalk } from 'chalk';
import { t } from '../i18n/index.js';
import type { Formatter } from '../types.js';
import { sanitize } from '../util/sanitize.js';

/**
 * For people at a terminal (ESLint's stylish): a header per file with problems, then
 * `line:col  severity  message  rule-id` in aligned columns, then one summary line.
 * File names, messages and rule ids come from the inputs: each is shown through `sanitize`
 * (the header would otherwise start a line with whatever the file name holds).
 * No results (every named file ignored, src/cli/run-lint.ts says so on stderr): nothing at all,
 * never "0 files, no problems".
 */
const stylish: Formatter = (results, { color, lang }) => {
  if (results.length === 0) return '';
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    if (r.diagnostics.length === 0) continue;
    out.push(c.underline(sanitize(r.file)));
    const rows = r.diagnostics.map((d) => [
      `${d.line}:${d.column}`,
      t(lang, d.severity === 'error' ? 'severity.error' : 'severity.warning'),
      sanitize(d.message),
      sanitize(d.ruleId),
    ]);
    const posWidth = Math.max(...rows.map((row) => row[0]!.length));
    const sevWidth = Math.max(...rows.map((row) => width(row[1]!)));
    r.diagnostics.forEach((d, i) => {
      const [pos, sev, message, ruleId] = rows[i]!;
      const sevText = sev + ' '.repeat(sevWidth - width(sev!));
      out.push(
        `  ${c.dim(pos!.padEnd(posWidth))}  ${d.severity === 'error' ? c.red(sevText) : c.yellow(sevText)}  ${message}  ${c.dim(ruleId)}`,
      );
    });
    out.push('');
  }
  const problems = errors + warnings;
  if (problems === 0) return c.green(`✔ ${singular(lang, t(lang, 'stylish.clean', { files: results.length }))}`) + '\n';
  const summary = `✖ ${singular(lang, t(lang, 'stylish.summary', { problems, errors, warnings }))}`;
  out.push(errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  return out.join('\n') + '\n';
};

/** English counts: `1 problems` → `1 problem` (Chinese has no plural). */
function singular(lang: string, text: string): string {
  return lang === 'en' ? text.replace(/(^|\D)1 (problem|error|warning|file)s\b/g, '$11 $2') : text;
}

/** Terminal cells: CJK characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
export default stylish;
