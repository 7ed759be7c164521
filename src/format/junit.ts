import { t } from '../i18n/index.js';
import { allRules, type RuleInfo } from '../check/rule-catalog.js';
import type { Diagnostic, FileResult, FormatContext, Formatter } from '../types.js';
import { sanitize, sanitizeLines } from '../util/sanitize.js';
import { relativePath } from './paths.js';

/**
 * XML text and attribute values. Every text from the inputs (file names, messages, rule ids)
 * has been through `sanitize` before (GitLab and Jenkins show the bodies, and a report printed
 * to a CI log must not forge runner commands), so it holds no control character; what XML 1.0
 * cannot hold at all is still dropped here, as a last guard for well-formed XML.
 */
const xml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
/** In attributes a parser turns raw line breaks and tabs into spaces; character references keep them. */
const attr = (s: string) => xml(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * JUnit XML for GitLab, Jenkins and other test-report consumers: one testsuite per file, one
 * testcase per rule; a rule with diagnostics fails (type error or warning) and lists them as
 * `file:line:col`. When a file does not parse, its other rules are skipped, not passed.
 */
export function junitReport(results: readonly FileResult[], { cwd, lang }: FormatContext, catalog: readonly RuleInfo[]): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const r of results) {
    const file = sanitize(relativePath(cwd, r.file));
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of r.diagnostics) {
      // A message keeps its line breaks (the body is multi-line text); each of its lines is made safe.
      const shown = { ...d, ruleId: sanitize(d.ruleId), message: sanitizeLines(d.message) };
      byRule.set(shown.ruleId, [...(byRule.get(shown.ruleId) ?? []), shown]);
    }
    const unparsed = byRule.has('parse');
    // Ids outside the catalogue (a plugin, a future stage) still get their own testcase.
    const ids = [...catalog.map((c) => c.id), ...[...byRule.keys()].filter((id) => !catalog.some((c) => c.id === id))];
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const id of ids) {
      const open = `    <testcase classname="${attr(file)}" name="${attr(id)}"`;
      const found = byRule.get(id);
      if (found) {
        failures++;
        const type = found.some((d) => d.severity === 'error') ? 'error' : 'warning';
        const body = found.map((d) => `${file}:${d.line}:${d.column}  ${t(lang, `severity.${d.severity}`)}  ${d.message}`).join('\n');
        const message = found.length === 1 ? found[0]!.message : t(lang, 'junit.problems', { count: found.length, first: found[0]!.message });
        cases.push(`${open}>\n      <failure type="${type}" message="${attr(message)}">${xml(body)}</failure>\n    </testcase>`);
      } else if (unparsed) {
        skipped++;
        cases.push(`${open}>\n      <skipped message="${attr(t(lang, 'junit.notChecked'))}"/>\n    </testcase>`);
      } else cases.push(`${open}/>`);
    }
    totalTests += ids.length;
    totalFailures += failures;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${ids.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="report-lint" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const junit: Formatter = (results, ctx) => junitReport(results, ctx, allRules());
export default junit;
