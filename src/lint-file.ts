import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import { lintSource, type LintOptions } from './lint.js';
import type { FileResult } from './types.js';

/**
 * Everything the run does for one file named on the command line: read it, lint it, and
 * (as issues add them) decode other encodings, apply --fix, pair it with last year's report,
 * apply suppressions. A worker thread calls this too, so it takes plain data only.
 */
export function lintFile(file: string, options: LintOptions): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`无法读取文件 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return lintSource(bytes, file, options);
}
