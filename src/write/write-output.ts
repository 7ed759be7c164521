/**
 * The files `import` and `render` write: through writeFileAtomic (a temporary file renamed over
 * the target), never onto one of the run's own inputs, and on failure one line that names the
 * file, says why, and says what became of it (the old file is untouched, or none was made).
 */
import { lstatSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { WriteFailure, writeFileAtomic, type WriteOptions } from '../util/write-file.js';

/** The identity of a file (device and inode): the same file under any name, link or case. */
export function fileId(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Write `data` to `file`, or explain in one line why not. `inputs`: the identities of the run's
 * inputs; the target must not be one of them (`-o` onto the input would destroy it).
 */
export function writeOutput(file: string, data: string, lang: Lang, options: WriteOptions & { inputs?: ReadonlySet<string> } = {}): void {
  const id = fileId(file);
  if (id !== undefined && options.inputs?.has(id)) throw new UsageError(t(lang, 'writeFile.isInput', { file: sanitize(file) }));
  const existed = exists(file);
  try {
    writeFileAtomic(file, data, { makeParents: true, ...(options.exclusive ? { exclusive: true } : {}) });
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    throw new UsageError(writeFailureMessage(file, error, existed, lang));
  }
}

export function writeFailureMessage(file: string, failure: WriteFailure, existed: boolean, lang: Lang): string {
  if (failure.code === 'exists') return t(lang, 'import.outputExists', { file: sanitize(file) });
  const reason = REASONS.has(failure.code)
    ? t(lang, `writeFile.reason.${failure.code}` as MessageKey)
    : failure.code === 'EPERM'
      ? t(lang, 'writeFile.reason.EACCES')
      : t(lang, 'writeFile.reason.other', { code: sanitize(failure.code) });
  return t(lang, 'writeFile.failed', { file: sanitize(file), reason, state: t(lang, existed ? 'writeFile.untouched' : 'writeFile.notCreated') });
}

const REASONS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EACCES', 'EROFS', 'ENOTDIR', 'symlink', 'notRegular']);

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
