/**
 * One editor buffer through the linter's own pipeline, the steps src/lint-file.ts takes for a
 * file on disk: the size limit, load (same bytes: the text as UTF-8), lint with last year's
 * report when the workspace pairs one, suppressions (comments and config `ignore:`).
 */
import { lintLoaded, loadReport, type LintOptions } from '../check/lint.js';
import { suppressInSource, type IgnoreEntry } from '../check/suppressions.js';
import { pairKeyOf, type PairKey } from '../cross-year/pair-key.js';
import type { ReportSummary } from '../cross-year/summary.js';
import { DEFAULT_MAX_FILE_SIZE, tooLarge } from '../read/read-input.js';
import type { FileResult } from '../types.js';

export interface TextLint {
  result: FileResult;
  /** Agency and year, for pairing across years. */
  pairKey?: PairKey;
  /** The report data when the text parsed (hover, formulas). */
  data?: unknown;
  /** Whether the text parsed without a `parse` finding. */
  parsed: boolean;
}

export interface TextLintOptions extends LintOptions {
  ignores?: readonly IgnoreEntry[];
}

/**
 * Lint an editor's text (or a workspace file's bytes) as the command line lints a file with the same bytes. `previousFor`
 * gives last year's report for the text's agency and year (the workspace's pairing).
 */
export function lintText(source: string | Uint8Array, file: string, options: TextLintOptions, previousFor: (key: PairKey) => ReportSummary | undefined): TextLint {
  const lang = options.lang ?? 'zh';
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const size = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  if (size > limit) return { result: lintLoaded({ findings: [tooLarge(size, limit, lang)] }, file, options), parsed: false };
  if (typeof source === 'string') {
    // The editor has decoded the file already: its text is linted as UTF-8, whatever the encoding option says.
    const { encoding: _decoded, ...rest } = options;
    options = rest;
  }
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const loaded = loadReport(bytes, file, lang, options.encoding);
  const pairKey = pairKeyOf(loaded);
  const previous = pairKey ? previousFor(pairKey) : undefined;
  const withPrevious = previous ? { ...options, previous } : options;
  const result = suppressInSource(lintLoaded(loaded, file, withPrevious), bytes, withPrevious);
  const parsed = !loaded.findings.some((f) => f.ruleId === 'parse');
  const out: TextLint = { result, parsed };
  if (pairKey) out.pairKey = pairKey;
  if (loaded.data !== undefined && parsed) out.data = loaded.data;
  return out;
}

/** The agency and year of a text, as the pairing reads them (parsed without findings, known template). */
export function keyOfText(text: string, file: string): PairKey | undefined {
  if (Buffer.byteLength(text, 'utf8') > DEFAULT_MAX_FILE_SIZE) return undefined;
  return pairKeyOf(loadReport(Buffer.from(text, 'utf8'), file));
}
