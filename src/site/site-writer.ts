import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { relativePath } from '../format/paths.js';
import { t } from '../i18n/index.js';
import type { FileResult, Lang } from '../types.js';
import { writeFileAtomic, WriteFailure } from '../util/write-file.js';
import { renderIndexPage, type IndexEntry } from './index-page.js';
import { renderReportPage, type PageNote } from './report-page.js';

export interface SiteOptions {
  /** The folder as given on the command line (named in error messages). */
  dir: string;
  cwd: string;
  lang: Lang;
  /** `--html-clean-pages`: a page for a report without findings too (the index lists it either way). */
  cleanPages?: boolean;
  /** `--quiet`: pages show errors only, as every other output of the run. */
  errorsOnly?: boolean;
  /** Keep the data in the results (another html output of the run draws the tables at the end). */
  keepData?: boolean;
}

/**
 * `--format html --output DIR/`: a static site written while the run goes on. Each report's
 * page (`reports/<n>.html`, n its place in the run) is written as soon as its result arrives,
 * and the report data the page was drawn from is dropped from the result at once; what stays is
 * the result without data (diagnostics and agency/year/template) and a few bytes per report for
 * the index, so memory does not grow with the reports' size. index.html is written last, from
 * the run's results. A result that changes after it was first written (the cross-year rules
 * lint a report again once last year's report has been seen) rewrites its page under the same name.
 */
export class SiteWriter {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly numbers = new Map<string, number>();

  constructor(private readonly options: SiteOptions) {}

  /**
   * Write the page of one result (if it has findings, or clean pages are asked for) and return
   * the result without its data, to be kept for the index and the other formats.
   */
  add(result: FileResult, notes?: readonly PageNote[]): FileResult {
    let n = this.numbers.get(result.file);
    if (n === undefined) this.numbers.set(result.file, (n = this.numbers.size + 1));
    const shown = this.options.errorsOnly ? errorsOnly(result) : result;
    const entry: IndexEntry = {};
    if (notes) entry.notes = { warnings: notes.filter((x) => x.severity === 'warning').length, infos: notes.filter((x) => x.severity === 'info').length };
    if (shown.diagnostics.length > 0 || this.options.cleanPages || (notes?.length ?? 0) > 0) {
      entry.page = `reports/${n}.html`;
      // Named as in the index: relative to the working folder.
      this.write(entry.page, renderReportPage({ ...shown, file: relativePath(this.options.cwd, shown.file) }, this.options.lang, notes));
    }
    this.entries.set(result.file, entry);
    if (result.data === undefined || this.options.keepData) return result;
    const { data: _dropped, ...kept } = result;
    return kept;
  }

  /** index.html from the run's final results (sorted, filtered as the run shows them). */
  finish(results: readonly FileResult[]): void {
    this.write('index.html', renderIndexPage(results, this.entries, this.options.cwd, this.options.lang));
  }

  private write(name: string, html: string): void {
    const target = resolve(this.options.cwd, this.options.dir, name);
    try {
      writeFileAtomic(target, html, { makeParents: true });
    } catch (error) {
      const code = error instanceof WriteFailure ? error.code : String(error);
      throw new UsageError(t(this.options.lang, 'cli.cannotWrite', { file: `${this.options.dir.replace(/[\\/]$/, '')}/${name}`, code }));
    }
  }
}

function errorsOnly(r: FileResult): FileResult {
  return r.warningCount === 0 ? r : { ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 };
}
