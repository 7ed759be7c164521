/**
 * The few calls run-lint.ts makes for --fix, --fix-dry-run, --previous and pairing within a
 * run, kept here so the shared run loop only threads options through.
 */
import type { MainIO } from '../io.js';
import type { LintCliOptions } from './lint-options.js';
import { loadExplicitPrevious, Pairing } from '../cross-year/pairing.js';
import { DeferredPairing } from '../cross-year/deferred.js';
import type { PairKey } from '../cross-year/pair-key.js';
import { summarizeSource, type ReportSummary } from '../cross-year/summary.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { LintOptions } from '../check/lint.js';
import type { FileResult } from '../types.js';
import type { FixMode } from '../fix/index.js';
import { lintWithFix } from '../fix/lint.js';
export { reportFixes, withWrittenFiles } from '../fix/report.js';

export function fixModeOf(opts: Pick<LintCliOptions, 'fix' | 'fixDryRun'>): FixMode | undefined {
  return opts.fixDryRun ? 'dry-run' : opts.fix ? 'write' : undefined;
}

export interface CrossYearRun {
  optionsFor(file: string): { previous?: ReportSummary };
  stdinOptions(bytes: Uint8Array): { previous?: ReportSummary };
  warnUnused(io: MainIO): void;
  /** Each linted file's pairing key, in run order (used when pairing is deferred). */
  onLinted(pairKey: PairKey | undefined): void;
  /** After the lint pass: re-lint the files that have last year's report in the run (deferred pairing only). */
  finish(files: readonly string[], results: FileResult[], lint: (file: string, previous: ReportSummary) => FileResult): void;
}

/** Pair the run's files with last year's reports (summaries only; see cross-year/pairing.ts). */
export function crossYearFor(files: readonly string[], opts: Pick<LintCliOptions, 'previous' | 'fix' | 'fixDryRun' | 'encoding' | 'lang'>, maxFileSize?: number): CrossYearRun {
  const summaryOptions = { fix: fixModeOf(opts) !== undefined, encoding: opts.encoding, maxFileSize, lang: opts.lang };
  // Without --previous and --fix, pair after the lint pass from keys it hands back, so
  // each file is parsed once (src/cross-year/deferred.ts); the pre-pass stays for those two modes.
  if (!opts.previous && !summaryOptions.fix && files.length >= 2) {
    const deferred = new DeferredPairing(summaryOptions);
    return {
      optionsFor: () => ({}),
      stdinOptions: () => ({}),
      warnUnused() {},
      onLinted: (pairKey) => deferred.add(pairKey),
      finish: (runFiles, results, lint) => deferred.relintPairs(runFiles, results, lint),
    };
  }
  const explicit = opts.previous ? loadExplicitPrevious(opts.previous, summaryOptions) : undefined;
  const pairing = new Pairing(files, explicit, summaryOptions);
  return {
    optionsFor: (file) => pairing.optionsFor(file),
    stdinOptions(bytes) {
      const own = explicit && summarizeSource(bytes, '<stdin>', summaryOptions);
      const previous = own ? pairing.previousOf(own) : undefined;
      return previous ? { previous } : {};
    },
    warnUnused(io) {
      const warning = pairing.explicitUnusedWarning();
      if (warning) io.stderr.write(warning);
    },
    onLinted() {},
    finish() {},
  };
}

/** Standard input has no file to write back to: only --fix-dry-run is possible there. */
export function lintStdinWithFix(bytes: Uint8Array, name: string, options: LintOptions, opts: LintCliOptions): FileResult {
  if (!opts.fixDryRun) throw new UsageError(t(options.lang ?? 'zh', 'fix.stdin'));
  return lintWithFix(bytes, name, { ...options, ...crossYearFor([], opts).stdinOptions(bytes) }, 'dry-run', false);
}
