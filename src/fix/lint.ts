import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { lintLoaded, lintSource, type LintOptions } from '../check/lint.js';
import type { FileResult } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { writeFileAtomic, WriteFailure } from '../util/write-file.js';
import { fixSource, type FixMode } from './index.js';

/**
 * --fix / --fix-dry-run for one file: fix the computable totals, write the file (unless dry
 * run), then lint what the file now holds, whole, so the remaining diagnostics are printed as
 * usual (an edit is never trusted to have fixed only what it meant to).
 *
 * The file is written with writeFileAtomic: a failed write (full disk, quota, `ulimit -f`,
 * Ctrl-C) leaves the original file byte for byte as it was, and the message says so.
 */
export function lintWithFix(source: Uint8Array | string, file: string, options: LintOptions, mode: FixMode, canWrite = true): FileResult {
  const lang = options.lang ?? 'zh';
  const fixed = fixSource(source, file, mode, { lang, encoding: options.encoding });
  let written = false;
  if (mode === 'write' && fixed.fixed !== undefined && canWrite) {
    try {
      writeFileAtomic(file, fixed.fixed);
      written = true;
    } catch (error) {
      const code = error instanceof WriteFailure ? error.code : ((error as NodeJS.ErrnoException).code ?? String(error));
      throw new UsageError(t(lang, 'fix.writeFailed', { file: sanitize(file), code }));
    }
  }
  const result = fixed.loaded ? lintLoaded(fixed.loaded, file, options) : lintSource(fixed.source, file, options);
  if (fixed.count > 0 || fixed.notes.length > 0) {
    result.fix = { count: fixed.count, written, ...(fixed.diff !== undefined ? { diff: fixed.diff } : {}), ...(fixed.notes.length > 0 ? { notes: fixed.notes } : {}) };
  }
  return result;
}
