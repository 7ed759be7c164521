import { lintWithFix } from './fix/lint.js';
import { lintLoaded, lintSource, type LintOptions } from './lint.js';
import { readInput } from './load/read-input.js';
import { suppressInSource, type IgnoreEntry } from './suppressions.js';
import type { FileResult } from './types.js';

/**
 * Everything the run does for one file named on the command line: read it, lint it, and
 * (as issues add them) decode other encodings, apply --fix, pair it with last year's report,
 * apply suppressions. A worker thread calls this too, so it takes plain data only.
 */
export function lintFile(file: string, options: LintOptions & { ignores?: readonly IgnoreEntry[] }): FileResult {
  // Never blocks (FIFO), never reads past the size limit; unreadable paths throw a UsageError.
  const input = readInput(file, options);
  if ('finding' in input) return lintLoaded({ findings: [input.finding] }, file, options);
  const bytes = input.bytes;
  const result = options.fix ? lintWithFix(bytes, file, options, options.fix) : lintSource(bytes, file, options);
  // Comments and config `ignore:` entries (issue 3): src/suppressions.ts.
  return suppressInSource(result, bytes, options);
}
