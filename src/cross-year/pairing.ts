import { errorLine } from '../util/sanitize.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { summarizeFile, type ReportSummary, type SummaryOptions } from './summary.js';

/**
 * Which report is "last year's" for each file of a run: the one named by --previous, or else
 * the one file of the run with the same agency and year − 1. Two candidates for the same
 * agency and year make the pairing ambiguous, and that year is then not paired at all.
 *
 * Memory stays bounded: each file is summarised (a few dozen numbers) and its parsed document
 * dropped at once; only the summaries are kept.
 */
export class Pairing {
  private readonly byFile = new Map<string, ReportSummary>();
  private readonly byAgencyYear = new Map<string, ReportSummary | null>();
  private readonly lang: Lang;

  constructor(
    files: readonly string[],
    private readonly explicit?: ReportSummary,
    options: SummaryOptions = {},
  ) {
    this.lang = options.lang ?? 'zh';
    // One file and no --previous: nothing to pair with, so skip the extra read.
    if (files.length < 2 && !explicit) return;
    for (const file of files) {
      const summary = summarizeFile(file, options);
      if (!summary) continue;
      this.byFile.set(file, summary);
      const key = agencyYear(summary.agency, summary.year);
      this.byAgencyYear.set(key, this.byAgencyYear.has(key) ? null : summary);
    }
  }

  /** Last year's summary for a file of the run, if it has one. */
  previousFor(file: string): ReportSummary | undefined {
    const own = this.byFile.get(file);
    return own ? this.previousOf(own) : undefined;
  }

  /** Last year's summary for a report summarised outside the run's files (standard input). */
  previousOf(own: ReportSummary): ReportSummary | undefined {
    if (this.explicit) return this.explicit.year === own.year - 1 ? this.explicit : undefined;
    return this.byAgencyYear.get(agencyYear(own.agency, own.year - 1)) ?? undefined;
  }

  /** The LintOptions part for one file of the run. */
  optionsFor(file: string): { previous?: ReportSummary } {
    const previous = this.previousFor(file);
    return previous ? { previous } : {};
  }

  /**
   * With --previous: a one-line warning when no file of the run is the year after it (else it
   * would pass silently), ready for stderr (`errorLine`: the file name made safe).
   */
  explicitUnusedWarning(): string | undefined {
    const p = this.explicit;
    if (!p || [...this.byFile.values()].some((s) => s.year === p.year + 1)) return undefined;
    return errorLine(t(this.lang, 'crossYear.previousUnused', { file: p.file, year: p.year, nextYear: p.year + 1 }));
  }
}

/** Load `--previous FILE`: exit 2 with one line when it cannot serve as last year's report. */
export function loadExplicitPrevious(file: string, options: SummaryOptions = {}): ReportSummary {
  const summary = summarizeFile(file, options);
  if (!summary) throw new UsageError(t(options.lang ?? 'zh', 'crossYear.previousUnreadable', { file }));
  return summary;
}

const agencyYear = (agency: string, year: number) => `${agency}\u0000${year}`;
