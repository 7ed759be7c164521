import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Finding, Lang } from '../types.js';
import { encodingExists } from './decode.js';

/** Larger than any real report by three orders of magnitude; beyond it a file is a mistake or an attack. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ReadOptions {
  lang?: Lang | undefined;
  /** Bytes; files larger than this are not read. */
  maxFileSize?: number | undefined;
}

/**
 * The buffer files are read into when they fit (reports are a few KB): a batch of 10,000
 * files then allocates no buffer per file. The bytes readInput returns are therefore valid
 * only until its next call — every caller lints the file before reading the next one (a
 * worker thread has its own).
 */
const SHARED = Buffer.allocUnsafe(64 * 1024);

/**
 * A path readInput cannot read (exit 2). `code` says why, for callers that word it their own
 * way: an errno code (EISDIR, EACCES, ELOOP, ENOENT…), or `notRegular` for a FIFO, socket or device.
 */
export class InputError extends UsageError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The bytes of a report, or a `parse` finding when the file is too large to read. */
export type Input = { bytes: Uint8Array } | { finding: Finding };

/**
 * Read a report file without ever blocking or exhausting memory: the file is opened
 * non-blocking (a FIFO named `x.yaml` must not hang the run), checked to be a regular file,
 * and read only up to the size limit. A path that cannot be read at all (a directory, a
 * pipe, a broken symlink, no permission) is a UsageError: exit 2 with one line.
 */
export function readInput(file: string, options: ReadOptions = {}): Input {
  const lang = options.lang ?? 'zh';
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(file, error as NodeJS.ErrnoException, lang);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(t(lang, 'input.directory', { file }), 'EISDIR');
    if (!stat.isFile()) throw new InputError(t(lang, 'input.notRegular', { file }), 'notRegular');
    if (stat.size > limit) return { finding: tooLarge(stat.size, limit, lang) };
    // The size can change between fstat and read (or be 0, as in /proc): read until EOF, but
    // never more than limit + 1 bytes. One spare byte shows EOF without a second buffer.
    // A report fits the shared buffer: no new buffer per file (see SHARED).
    let buffer = stat.size < SHARED.length ? SHARED : Buffer.allocUnsafe(Math.min(stat.size + 1, limit + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > limit) return { finding: tooLarge(total, limit, lang) };
        const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, SHARED.length * 2), limit + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, total, buffer.length - total, null);
      } catch (error) {
        throw unreadable(file, error as NodeJS.ErrnoException, lang);
      }
      if (n === 0) break;
      total += n;
      // A regular file reads short only at its end: no second read just to see EOF. (A size of
      // 0, as files in /proc report, says nothing: those are read until read returns 0.)
      if (stat.size > 0 && total === stat.size && total < buffer.length) break;
    }
    return { bytes: buffer.subarray(0, total) };
  } finally {
    closeSync(fd);
  }
}

/** Standard input (`-`), read up to the size limit; the rest is left unread. */
export async function readStream(stream: NodeJS.ReadableStream, options: ReadOptions = {}): Promise<Input> {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer);
    total += buffer.length;
    if (total > limit) {
      // Stop the stream so a producer that never ends cannot keep the run alive.
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return { finding: tooLarge(total, limit, options.lang ?? 'zh', true) };
    }
  }
  return { bytes: Buffer.concat(chunks, total) };
}

/** The `parse` finding for input over the size limit (also for an editor's text: src/lsp/). */
export function tooLarge(size: number, limit: number, lang: Lang, atLeast = false): Finding {
  const position = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const sizeText = (atLeast ? '> ' : '') + formatSize(size);
  return { ruleId: 'parse', messageId: 'tooLarge', message: t(lang, 'parse.tooLarge', { size: sizeText, limit: formatSize(limit) }), path: [], position };
}

function unreadable(file: string, error: NodeJS.ErrnoException, lang: Lang): InputError {
  const code = error.code ?? error.message;
  switch (error.code) {
    case 'EISDIR':
      return new InputError(t(lang, 'input.directory', { file }), code);
    case 'EACCES':
    case 'EPERM':
      return new InputError(t(lang, 'input.permission', { file }), code);
    case 'ELOOP':
      return new InputError(t(lang, 'input.symlinkLoop', { file }), code);
    case 'ENOENT':
      if (isSymlink(file)) return new InputError(t(lang, 'input.brokenSymlink', { file }), code);
      return new InputError(t(lang, 'input.unreadable', { file, detail: code }), code);
    case 'ENXIO':
      // open(O_NONBLOCK) of a socket or a device without a driver.
      return new InputError(t(lang, 'input.notRegular', { file }), 'notRegular');
    default:
      return new InputError(t(lang, 'input.unreadable', { file, detail: code }), code);
  }
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * `--max-file-size`: bytes, or a number with a unit (K, KB, M, MB, G, GB; 1024-based),
 * e.g. `10MB`, `512k`, `1048576`.
 */
export function parseSize(value: string, lang: Lang = 'zh'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(value);
  const unit = (m?.[2] ?? 'b').toLowerCase()[0]!;
  const bytes = m ? Math.floor(Number(m[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[unit]!) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new UsageError(t(lang, 'input.badSize', { value }));
  return bytes;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${round(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const round = (n: number) => String(Math.round(n * 10) / 10);

/** What run-lint passes down from the command line: validated once, before any file is read. */
export interface InputOptions {
  encoding?: string;
  maxFileSize: number;
}

export function inputOptions(opts: { encoding?: string | undefined; maxFileSize?: string | undefined }, lang: Lang = 'zh'): InputOptions {
  if (opts.encoding !== undefined && !encodingExists(opts.encoding)) throw new UsageError(t(lang, 'input.badEncoding', { value: opts.encoding }));
  return {
    ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    maxFileSize: opts.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(opts.maxFileSize, lang),
  };
}

/**
 * For directory walks: true when `target` (after resolving symlinks) lies inside `root`,
 * so a symlink in a report folder cannot make the linter read (and echo) a file elsewhere.
 */
export function isInside(root: string, target: string): boolean {
  try {
    const rel = relative(realpathSync(root), realpathSync(target));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/**
 * A symlink met in a directory walk is linted when it resolves inside the walked folder, and
 * also when it resolves nowhere (broken, or a loop) so that readInput says so instead of the
 * file being skipped in silence. A link that leads outside the folder is skipped.
 */
export function linkAllowed(root: string, link: string): boolean {
  try {
    // A link to a folder is not entered, even one named like a report (it may be a loop).
    if (statSync(link).isDirectory()) return false;
  } catch {
    return true;
  }
  return isInside(root, link);
}
