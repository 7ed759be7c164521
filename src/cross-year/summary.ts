import { loadReport } from '../check/lint.js';
import { locate } from '../parse/locate.js';
import { APPLICANT_COLUMNS, getIn, IN_FORCE_ROWS, ITEM_ROWS, templateOf, type Template } from '../report-shape.js';
import { toPointer } from '../util/json-pointer.js';
import { fixText } from '../fix/index.js';
import { readInput } from '../read/read-input.js';
import type { Lang } from '../types.js';

/** How the run reads its files (--fix, --encoding, --max-file-size), so the summary sees what the lint sees. */
export interface SummaryOptions {
  /** The language of the run's messages about --previous (src/cross-year/pairing.ts). */
  lang?: Lang | undefined;
  fix?: boolean;
  encoding?: string | undefined;
  maxFileSize?: number | undefined;
}

/**
 * What the cross-year rules need from one report, and nothing more: who, which year, which
 * template, the handful of cells compared across years, and the line of each cell (so a
 * message can point into last year's file). A run keeps only these, never the parsed documents.
 */
export interface ReportSummary {
  file: string;
  agency: string;
  year: number;
  template: Template;
  /** A partial report holding only the compared cells that are counts. */
  data: Record<string, unknown>;
  /** Line of each kept cell, by JSON Pointer. */
  lines: Record<string, number>;
}

/** The cells a later year's report is compared against. */
function comparedCells(template: Template): string[][] {
  const cells = APPLICANT_COLUMNS.map((c) => ['applications', 'carried_forward', c]);
  if (template === 2021) for (const row of IN_FORCE_ROWS) cells.push(['proactive', row, 'in_force']);
  else for (const row of ITEM_ROWS) cells.push(['proactive', row, 'last_year_items'], ['proactive', row, 'change']);
  return cells;
}

/** Summarise a report's bytes; undefined when it does not parse or lacks agency/year/template. */
export function summarizeSource(source: Uint8Array | string, file: string, options: SummaryOptions = {}): ReportSummary | undefined {
  let loaded = loadReport(source, file, 'zh', options.encoding);
  // With --fix the run compares against last year's report as it will be after fixing.
  if (options.fix && loaded.parsed?.text !== undefined && loaded.data !== undefined) {
    const fixed = fixText(loaded.parsed.text);
    if (fixed) loaded = loadReport(fixed.text, file);
  }
  const data = loaded.data as Record<string, unknown> | undefined;
  if (loaded.findings.length > 0 || data === undefined || data === null || typeof data !== 'object') return undefined;
  // The fast path (src/parse/fast/) locates without building a yaml Document; otherwise use the Document.
  const parsed = loaded.locate ? undefined : loaded.parsed;
  const lineOf = (path: string[]): number | undefined =>
    loaded.locate ? loaded.locate(path).line : parsed?.doc ? locate(parsed.doc, parsed.lineCounter, path).line : undefined;
  const template = templateOf(data);
  const { agency, year } = data;
  if (template === undefined || typeof agency !== 'string' || !Number.isInteger(year)) return undefined;

  const summary: ReportSummary = { file, agency: agency.trim(), year: year as number, template, data: { template, year, agency }, lines: {} };
  for (const path of comparedCells(template)) {
    const value = getIn(data, path);
    if (typeof value !== 'number' || !Number.isInteger(value)) continue;
    setIn(summary.data, path, value);
    const line = lineOf(path);
    if (line !== undefined) summary.lines[toPointer(path)] = line;
  }
  return summary;
}

/** Summarise a file; undefined when it cannot be read or summarised. */
export function summarizeFile(file: string, options: SummaryOptions = {}): ReportSummary | undefined {
  try {
    const input = readInput(file, { maxFileSize: options.maxFileSize });
    return 'bytes' in input ? summarizeSource(input.bytes, file, options) : undefined;
  } catch {
    // Unreadable: the lint pass reports it (or, for --previous, the caller does).
    return undefined;
  }
}

function setIn(target: Record<string, unknown>, path: string[], value: number): void {
  let node = target;
  for (const seg of path.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}
