import { allRules, ruleDescription } from '../check/rule-catalog.js';
import { cellLabel } from '../check/schema/labels.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';
import { toPointer } from '../util/json-pointer.js';
import { sanitize } from '../util/sanitize.js';
import { ruleShortName } from './html/rule-names.js';
import { relativePath } from './paths.js';

/**
 * The rows of the spreadsheet formats (csv, xlsx), built once for both: one per finding, one
 * per report, one per rule. A cell is a number (typed as a number in xlsx), text, or empty.
 * Text taken from a report (file name, agency, message) goes through `sanitize`: a csv on a
 * terminal must not act on control characters, and XML cannot hold most of them.
 */
export type Cell = string | number | undefined;

export interface Sheet {
  /** Sheet name in the workbook (xlsx). */
  name: string;
  header: string[];
  /** Suggested column widths in characters (xlsx). */
  widths: number[];
  rows: Iterable<Cell[]>;
}

const FINDING_COLUMNS = [
  ['table.col.file', 36],
  ['table.col.agency', 24],
  ['table.col.year', 7],
  ['table.col.template', 8],
  ['table.col.rule', 20],
  ['table.col.severity', 7],
  ['table.col.cell', 36],
  ['table.col.pointer', 32],
  ['table.col.line', 6],
  ['table.col.column', 6],
  ['table.col.expected', 8],
  ['table.col.actual', 8],
  ['table.col.message', 80],
] as const satisfies readonly (readonly [MessageKey, number])[];

/** One row per finding: file, agency, year, template, rule, severity, cell label, JSON pointer, line, column, expected, actual, message. */
export function findingsSheet(results: readonly FileResult[], cwd: string, lang: Lang): Sheet {
  return {
    name: t(lang, 'table.sheet.findings'),
    header: FINDING_COLUMNS.map(([key]) => t(lang, key)),
    widths: FINDING_COLUMNS.map(([, width]) => width),
    rows: findingRows(results, cwd, lang),
  };
}

function* findingRows(results: readonly FileResult[], cwd: string, lang: Lang): Generator<Cell[]> {
  for (const r of results) {
    const file = sanitize(relativePath(cwd, r.file));
    const agency = r.info?.agency === undefined ? undefined : sanitize(r.info.agency);
    for (const d of r.diagnostics) {
      yield [
        file,
        agency,
        r.info?.year,
        r.info?.template,
        d.ruleId,
        t(lang, `severity.${d.severity}`),
        // A parse error has no data and so no cell: the whole report is where it is.
        sanitize(cellLabel(r.info?.template, d.path, lang)),
        sanitize(toPointer(d.path)),
        d.line,
        d.column,
        d.expected,
        d.actual,
        sanitize(d.message),
      ];
    }
  }
}

/**
 * One row per report, clean ones too: file, agency, year, template, errors, warnings, then the
 * count of each rule of the catalogue (the same columns in every run, so that sheets of several
 * runs line up), and any other rule id a result carries after them.
 */
export function reportsSheet(results: readonly FileResult[], cwd: string, lang: Lang): Sheet {
  const ids = allRules().map((r) => r.id);
  const known = new Set(ids);
  for (const r of results) for (const d of r.diagnostics) if (!known.has(d.ruleId)) known.add(d.ruleId), ids.push(d.ruleId);
  const keys: MessageKey[] = ['table.col.file', 'table.col.agency', 'table.col.year', 'table.col.template', 'table.col.errors', 'table.col.warnings'];
  return {
    name: t(lang, 'table.sheet.reports'),
    header: [...keys.map((key) => t(lang, key)), ...ids],
    widths: [36, 24, 7, 8, 7, 7, ...ids.map((id) => Math.max(6, id.length + 2))],
    rows: (function* () {
      for (const r of results) {
        const counts = new Map<string, number>();
        for (const d of r.diagnostics) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
        yield [
          sanitize(relativePath(cwd, r.file)),
          r.info?.agency === undefined ? undefined : sanitize(r.info.agency),
          r.info?.year,
          r.info?.template,
          r.errorCount,
          r.warningCount,
          ...ids.map((id) => counts.get(id) ?? 0),
        ];
      }
    })(),
  };
}

/** The rule catalogue: id, short name, default severity, what it checks, where it is documented. */
export function rulesSheet(lang: Lang): Sheet {
  const keys: MessageKey[] = ['table.col.rule', 'table.col.ruleName', 'table.col.severity', 'table.col.description', 'table.col.docs'];
  return {
    name: t(lang, 'table.sheet.rules'),
    header: keys.map((key) => t(lang, key)),
    widths: [22, 18, 7, 80, 50],
    rows: allRules().map((r) => [r.id, ruleShortName(lang, r.id), t(lang, `severity.${r.severity}`), ruleDescription(lang, r.id), r.docsUrl]),
  };
}
