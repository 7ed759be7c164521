import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { t } from '../i18n/index.js';
import { allRules, ruleDescription, ruleName, type RuleInfo } from '../check/rule-catalog.js';
import type { FileResult, FormatContext, Formatter } from '../types.js';
import { toPointer } from '../util/json-pointer.js';
import { sanitizeJson } from '../util/sanitize.js';
import { artifactUri } from './paths.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/report-lint/report-lint';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in tool.driver.rules (so results can name
 * them by index), results located by region, and a fingerprint that survives unrelated edits.
 */
export function sarifLog(results: readonly FileResult[], ctx: FormatContext, version: string, catalog: readonly RuleInfo[] = allRules()): Log {
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = catalog.map((r) => {
    const description = ruleDescription(ctx.lang, r.id);
    return {
      id: r.id,
      name: ruleName(r.id),
      shortDescription: { text: description },
      fullDescription: { text: t(ctx.lang, 'sarif.fullDescription', { description, severity: t(ctx.lang, `severity.${r.severity}`) }) },
      help: {
        text: t(ctx.lang, 'sarif.help', { description, url: r.docsUrl }),
        markdown: t(ctx.lang, 'sarif.helpMarkdown', { description, url: r.docsUrl }),
      },
      helpUri: r.docsUrl,
      defaultConfiguration: { level: r.severity },
    };
  });

  const sarifResults: Result[] = [];
  const seen = new Map<string, number>();
  for (const file of results) {
    const location = artifactUri(ctx.cwd, file.file);
    for (const d of file.diagnostics) {
      const pointer = toPointer(d.path);
      // Line numbers move with unrelated edits; the rule, file and JSON path do not.
      const base = `${d.ruleId}\u0000${location.uri}\u0000${pointer}\u0000${d.messageId}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const fingerprint = createHash('sha256').update(base).digest('hex').slice(0, 32) + (occurrence > 1 ? `:${occurrence}` : '');
      const ruleIndex = index.get(d.ruleId);
      const result: Result = {
        ruleId: d.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: d.severity,
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
        partialFingerprints: { 'reportLint/v1': fingerprint },
        properties: {
          jsonPointer: pointer,
          ...(d.expected !== undefined ? { expected: d.expected } : {}),
          ...(d.actual !== undefined ? { actual: d.actual } : {}),
        },
      };
      sarifResults.push(result);
    }
  }

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'report-lint', informationUri: INFORMATION_URI, version, semanticVersion: version, rules } },
        // Columns count UTF-16 code units, as JavaScript strings (and the yaml package) do.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

let packageVersion: string | undefined;
function version(): string {
  packageVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return packageVersion;
}

/** The data stays exact; `sanitizeJson` writes what could act on a terminal or runner as JSON escapes. */
const sarif: Formatter = (results, ctx) => sanitizeJson(JSON.stringify(sarifLog(results, ctx, version()), null, 2)) + '\n';
export default sarif;
