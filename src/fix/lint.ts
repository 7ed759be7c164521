import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { lintSource, type LintOptions } from '../check/lint.js';
import type { FileResult } from '../types.js';
import { fixSource, type FixMode } from './index.js';

/**
 * --fix / --fix-dry-run for one file: fix the computable totals, write the file (unless dry
 * run), then lint what the file now holds, so the remaining diagnostics are printed as usual.
 */
export function lintWithFix(source: Uint8Array | string, file: string, options: LintOptions, mode: FixMode, canWrite = true): FileResult {
  const fixed = fixSource(source, file, mode);
  if (mode === 'write' && fixed.fixedText !== undefined && canWrite) {
    try {
      writeFileSync(file, fixed.fixedText);
    } catch (error) {
      throw new UsageError(`无法写回 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const result = lintSource(fixed.source, file, options);
  if (fixed.count > 0) result.fix = { count: fixed.count, ...(fixed.diff !== undefined ? { diff: fixed.diff } : {}) };
  return result;
}
