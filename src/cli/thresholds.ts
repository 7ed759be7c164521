import { t } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';

/** `--quiet`: errors only, as if the warnings had not been found (ESLint 9), so they do not count either. */
export function dropWarnings(results: readonly FileResult[]): FileResult[] {
  return results.map((r) => (r.warningCount === 0 ? r : { ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 }));
}

/**
 * Exit code per cli.md: 1 on any error or on more warnings than `--max-warnings`, else 0.
 * `notice` is the stderr line that explains a failure caused only by the warning count.
 */
export function exitCodeOf(results: readonly FileResult[], maxWarnings: number | undefined, lang: Lang): { code: 0 | 1; notice?: string } {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) return { code: 1, notice: t(lang, 'cli.tooManyWarnings', { warnings, max: maxWarnings }) };
  return { code: errors > 0 ? 1 : 0 };
}
