import type { MainIO } from '../io.js';
import { t } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import type { FixMode } from './index.js';

/**
 * Tell the clerk what --fix did: one line per changed file and one per cell it could not fix on
 * stderr, and for --fix-dry-run the unified diffs, on stdout before the lint results (on stderr
 * when stdout carries a machine format, which must stay one clean document). Text from the
 * file (its name, the diff's lines) is shown only sanitized.
 */
export function reportFixes(results: readonly FileResult[], mode: FixMode, io: MainIO, lang: Lang, stdoutIsMachine: boolean): void {
  for (const r of results) {
    if (!r.fix) continue;
    // The diff is made safe to show where it is drawn (src/fix/index.ts displayDiff).
    if (mode === 'dry-run' && r.fix.diff) (stdoutIsMachine ? io.stderr : io.stdout).write(r.fix.diff);
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
