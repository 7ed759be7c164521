import type { Formatter } from '../types.js';
import { toPointer } from '../util/json-pointer.js';
import { sanitizeJson } from '../util/sanitize.js';

/**
 * spec/cli.md `json` shape: one document, `path` as a JSON Pointer, expected/actual on arithmetic.
 * File names and paths stay exact; `sanitizeJson` only spells the characters that could act on
 * a terminal or CI runner with JSON escapes (the parsed document is the same).
 */
const json: Formatter = (results) =>
  sanitizeJson(JSON.stringify(
    results.map((r) => ({
      file: r.file,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      diagnostics: r.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        path: toPointer(d.path),
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ...(d.expected !== undefined ? { expected: d.expected } : {}),
        ...(d.actual !== undefined ? { actual: d.actual } : {}),
      })),
    })),
    null,
    2,
  )) + '\n';
export default json;
