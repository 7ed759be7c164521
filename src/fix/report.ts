import type { MainIO } from '../io.js';
import { t } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';
import type { FixMode } from './index.js';

/**
 * Tell the clerk what --fix did: one line per changed file on stderr, and for --fix-dry-run the
 * unified diffs, on stdout before the lint results (on stderr when stdout carries a machine
 * format, which must stay one clean document).
 */
export function reportFixes(results: readonly FileResult[], mode: FixMode, io: MainIO, lang: Lang, stdoutIsMachine: boolean): void {
  for (const r of results) {
    if (!r.fix) continue;
    if (mode === 'dry-run' && r.fix.diff) (stdoutIsMachine ? io.stderr : io.stdout).write(r.fix.diff);
    io.stderr.write(t(lang, mode === 'dry-run' ? 'fix.dryRun' : 'fix.applied', { file: r.file, count: r.fix.count }) + '\n');
  }
}
