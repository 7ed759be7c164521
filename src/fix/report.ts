import type { MainIO } from '../cli.js';
import { t } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';
import { sanitize, sanitizeLines } from '../util/sanitize.js';
import type { FixMode } from './index.js';

/**
 * Tell the clerk what --fix did: one line per changed file and one per cell it could not fix on
 * stderr, and for --fix-dry-run the unified diffs, on stdout before the lint results (on stderr
 * when stdout carries a machine format, which must stay one clean document). A diff quotes the
 * file, so each of its lines goes through sanitizeLines: an ESC or BEL in a comment must not
 * reach the terminal.
 */
export function reportFixes(results: readonly FileResult[], mode: FixMode, io: MainIO, lang: Lang, stdoutIsMachine: boolean): void {
  for (const r of results) {
    if (!r.fix) continue;
    if (mode === 'dry-run' && r.fix.diff) (stdoutIsMachine ? io.stderr : io.stdout).write(sanitizeLines(r.fix.diff));
    if (r.fix.count > 0) io.stderr.write(t(lang, mode === 'dry-run' ? 'fix.dryRun' : 'fix.applied', { file: sanitize(r.file), count: r.fix.count }) + '\n');
    for (const note of r.fix.notes ?? []) io.stderr.write(sanitize(note) + '\n');
  }
}

/**
 * A --fix run that stops (a write fails, a later file cannot be read) after writing some files:
 * the message names them, so the clerk knows which files already changed.
 */
export function withWrittenFiles(error: unknown, results: readonly FileResult[], lang: Lang): unknown {
  const written = results.filter((r) => r.fix?.written).map((r) => sanitize(r.file));
  if (written.length === 0 || !(error instanceof Error)) return error;
  error.message = t(lang, 'write.writtenBefore', { message: error.message, files: written.join(', ') });
  return error;
}
