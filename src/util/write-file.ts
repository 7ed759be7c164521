import { chmodSync, chownSync, closeSync, constants, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
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

  const temp = join(dirname(file), `.${shortened(basename(file))}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
    if (existing) {
      chmodSync(temp, mode);
      keepOwner(temp, existing.uid, existing.gid);
    }
    if (options.exclusive) placeExclusively(temp, file);
    else renameSync(temp, file);
    syncFolder(dirname(file));
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

/**
 * `exclusive`: a hard link fails with EEXIST when the name exists, atomically, so a file that
 * appears between the first check and the write is never replaced. File systems without hard
 * links (some network and FAT mounts) fall back to a check just before the rename.
 */
function placeExclusively(temp: string, file: string): void {
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteFailure(file, 'exists');
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (existsSync(file)) throw new WriteFailure(file, 'exists');
    renameSync(temp, file);
    return;
  }
  try {
    unlinkSync(temp);
  } catch {
    // the file is in place under its name; a leftover second name for it is harmless
  }
}

/** The replaced file's owner, when we may set it (root editing a clerk's file); otherwise ours, as any new file. */
function keepOwner(temp: string, uid: number, gid: number): void {
  if (process.getuid?.() !== 0) return;
  try {
    chownSync(temp, uid, gid);
  } catch {
    // a file system without owners: the mode was kept, which is what matters for reading it
  }
}

/** The rename itself reaches the disk only with its folder: best effort (not every system can sync a folder). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // the file is in place; only its durability across a power cut is not assured
  }
}

/**
 * The target's name as part of the temporary file's: at most 100 bytes, so that a target whose
 * name is near the 255-byte limit can still be written.
 */
function shortened(name: string): string {
  if (Buffer.byteLength(name) <= 100) return name;
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > 100) break;
    out += ch;
  }
  return out;
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
