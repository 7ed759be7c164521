import type { FileResult } from '../types.js';
import type { PairKey } from './pair-key.js';
import { summarizeFile, type ReportSummary, type SummaryOptions } from './summary.js';

/**
 * Pairing within a run without a pre-pass, so that a large batch parses each file once: every
 * file is linted once and hands back its agency and year (pair-key.ts); at the end, only the
 * files that have last year's report in the run are linted again with that report's summary.
 * The result is the same as pairing.ts's pre-pass (same keys, same rule for ambiguous years),
 * but a run without pairs parses each file once.
 */
export class DeferredPairing {
  private readonly keys: (PairKey | undefined)[] = [];
  /** agency+year → index of the one file with it, or null when two files claim it. */
  private readonly byAgencyYear = new Map<string, number | null>();

  constructor(private readonly options: SummaryOptions = {}) {}

  /** Record the key of the run's next file (files are handed over in run order). */
  add(key: PairKey | undefined): void {
    const index = this.keys.length;
    this.keys.push(key);
    if (!key) return;
    const k = agencyYear(key.agency, key.year);
    this.byAgencyYear.set(k, this.byAgencyYear.has(k) ? null : index);
  }

  /**
   * Re-lint, with last year's summary, each file that has one; `results[i]` belongs to `files[i]`.
   * `lint` is the run's lintFile with the file's options plus `previous`.
   */
  relintPairs(files: readonly string[], results: FileResult[], lint: (file: string, previous: ReportSummary) => FileResult): void {
    const summaries = new Map<number, ReportSummary | undefined>();
    this.keys.forEach((key, index) => {
      if (!key) return;
      const previousIndex = this.byAgencyYear.get(agencyYear(key.agency, key.year - 1));
      if (previousIndex === undefined || previousIndex === null) return;
      if (!summaries.has(previousIndex)) summaries.set(previousIndex, summarizeFile(files[previousIndex]!, this.options));
      const previous = summaries.get(previousIndex);
      if (previous) results[index] = lint(files[index]!, previous);
    });
  }
}

const agencyYear = (agency: string, year: number) => `${agency}\u0000${year}`;
