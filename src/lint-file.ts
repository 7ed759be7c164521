import { lintWithFix } from './fix/lint.js';
import { lintLoaded, loadReport, type LintOptions } from './check/lint.js';
import { pairKeyOf, type PairKey } from './cross-year/pair-key.js';
import { readInput } from './read/read-input.js';
import { suppressInSource, type IgnoreEntry } from './check/suppressions.js';
import type { FileResult } from './types.js';

/**
 * Everything the run does for one file named on the command line: read it (any encoding),
 * apply --fix, lint it (with last year's report when the run pairs it with one), apply
 * suppressions. A worker thread calls this too, so it takes plain data only.
 */
export function lintFile(file: string, options: LintOptions & { ignores?: readonly IgnoreEntry[] }): FileResult {
  return lintFileKeyed(file, options).result;
}

/**
 * lintFile, and the file's agency and year for cross-year pairing, taken from the same parse
 * (so a large batch parses each file once; see src/cross-year/pair-key.ts).
 */
export function lintFileKeyed(file: string, options: LintOptions & { ignores?: readonly IgnoreEntry[] }): { result: FileResult; pairKey?: PairKey } {
  // Never blocks (FIFO), never reads past the size limit; unreadable paths throw a UsageError.
  const input = readInput(file, options);
  if ('finding' in input) return { result: lintLoaded({ findings: [input.finding] }, file, options) };
  const bytes = input.bytes;
  if (options.fix) return { result: suppressInSource(lintWithFix(bytes, file, options, options.fix), bytes, options) };
  const loaded = loadReport(bytes, file, options.lang ?? 'zh', options.encoding);
  const pairKey = pairKeyOf(loaded);
  // Comments and config `ignore:` entries: src/check/suppressions.ts.
  const result = suppressInSource(lintLoaded(loaded, file, options), bytes, options);
  return pairKey ? { result, pairKey } : { result };
}
