import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, chmodSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Why a file was not written; `code` is the system's (ENOSPC, EFBIG, EACCES…) or one of ours. */
export class WriteFailure extends Error {
  override name = 'WriteFailure';
  constructor(
    readonly file: string,
    /** ENOSPC, EFBIG, … or `symlink` / `notRegular` / `exists` for a target we refuse. */
    readonly code: string,
  ) {
    super(`${file}: ${code}`);
  }
}

export interface WriteOptions {
  /** Refuse (code `exists`) when the target already exists; otherwise it is replaced. */
  exclusive?: boolean;
  /** Create the missing folders above the target (as `--output` into a fresh CI folder needs). */
  makeParents?: boolean;
}

/**
 * Write a whole file so that it is either the old file or the new one, never half of either:
 * the text goes to a temporary file in the same folder (same file system, so the rename is
 * atomic), is flushed to disk, gets the old file's mode, and is renamed over the target. When
 * anything fails (a full disk, a quota, `ulimit -f`, a read-only folder) the temporary file is
 * removed and the target is untouched.
 *
 * The target is never written through: a symbolic link, a FIFO, a device or a folder at the
 * target's path is refused (a link placed in an output folder must not redirect the write).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  let mode = 0o666;
  let existing;
  try {
    existing = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw failure(file, error);
  }
  if (existing) {
    if (options.exclusive) throw new WriteFailure(file, 'exists');
    if (existing.isSymbolicLink()) throw new WriteFailure(file, 'symlink');
    if (!existing.isFile()) throw new WriteFailure(file, 'notRegular');
    mode = existing.mode & 0o7777;
  } else if (options.makeParents) {
    try {
      makeParents(file);
    } catch (error) {
      throw failure(file, error);
    }
  }

  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // O_EXCL: the name is new, so no link or file an attacker placed there is followed.
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, existing ? 0o600 : mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (existing) chmodSync(temp, mode);
    if (options.exclusive && existsSync(file)) throw new WriteFailure(file, 'exists');
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created, or is already gone
    }
    throw error instanceof WriteFailure ? error : failure(file, error);
  }
}

function failure(file: string, error: unknown): WriteFailure {
  const e = error as NodeJS.ErrnoException;
  return new WriteFailure(file, e.code ?? e.message ?? String(error));
}

/**
 * Create the missing folders above `file` one by one. Not `mkdirSync(…, { recursive: true })`:
 * under some unwritable trees (/proc) Node 20's recursive mkdir loops forever instead of failing.
 */
export function makeParents(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) mkdirSync(dir);
}
