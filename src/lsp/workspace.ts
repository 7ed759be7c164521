/**
 * A workspace folder as the command line sees it when run there (`report-lint .`): its config
 * file (`.report-lint.yaml`, or the one the settings name), the report files a run would lint
 * (ignore patterns, no node_modules or dot folders), and the pairing of each report with last
 * year's (same agency, year − 1, and no pairing when two files claim that year).
 */
import { relative, resolve, sep } from 'node:path';
import { ConfigResolver, configForRun } from '../config/index.js';
import { loadReport } from '../check/lint.js';
import { pairKeyOf, type PairKey } from '../cross-year/pair-key.js';
import { summarizeSource, type ReportSummary } from '../cross-year/summary.js';
import { readInput } from '../read/read-input.js';
import type { Lang } from '../types.js';

/** src/cli/files.ts's collectFiles, handed over by the `lsp` command (the CLI sits above this folder). */
export type CollectFiles = (paths: readonly string[], options: { cwd: string; isIgnored?: (file: string) => boolean }) => string[];

/** What a disk file is for the pairing, and whether it is a report to show findings for. */
export interface IndexedFile {
  key?: PairKey;
  report: boolean;
}

/** More files than this in one folder are not indexed: the editor stays responsive in a huge tree. */
export const MAX_INDEXED_FILES = 5000;

/** A report by what it says: a `template` key (YAML or JSON), or the report schema named for editors. */
export function looksLikeReport(text: string): boolean {
  return /(^|[{,\n])[ \t]*["']?template["']?[ \t]*:/.test(text) || /report(-20\d\d)?\.schema\.json/.test(text.slice(0, 2000));
}

export class Folder {
  private config: Promise<{ resolver?: ConfigResolver; error?: string }> | undefined;
  /** Absolute path → its entry, from the disk. */
  readonly files = new Map<string, IndexedFile>();
  indexed = false;
  private readonly summaries = new Map<string, ReportSummary | undefined>();

  constructor(
    readonly root: string,
    private readonly settings: () => { config?: string | undefined; lang: Lang },
  ) {}

  /** A path as the command line run in this folder names it (messages quote it). */
  display(abs: string): string {
    const rel = relative(this.root, abs);
    return rel === '' || rel.startsWith('..') ? abs : rel;
  }

  contains(abs: string): boolean {
    return abs === this.root || abs.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep);
  }

  /** The config resolver, or the error that stops the config from loading (then the defaults apply). */
  resolver(): Promise<{ resolver?: ConfigResolver; error?: string }> {
    this.config ??= this.loadConfig();
    return this.config;
  }

  private async loadConfig(): Promise<{ resolver?: ConfigResolver; error?: string }> {
    const { config, lang } = this.settings();
    try {
      return { resolver: await configForRun({ config: config || undefined }, this.root, lang) };
    } catch (error) {
      // The command line would stop (exit 2); the editor says why and meanwhile lints with the defaults.
      return { resolver: new ConfigResolver({ base: this.root, config: {} }, this.root), error: (error as Error).message };
    }
  }

  /** Settings or the config file changed: read it again, index again. */
  reset(): void {
    this.config = undefined;
    this.files.clear();
    this.summaries.clear();
    this.indexed = false;
  }

  /** The report files a run in this folder would lint, relative paths as collectFiles gives them. */
  async reportFiles(collect: CollectFiles): Promise<string[]> {
    const { resolver } = await this.resolver();
    const isIgnored = resolver?.ignorePatternMatcher();
    try {
      return collect(['.'], { cwd: this.root, ...(isIgnored ? { isIgnored } : {}) })
        .slice(0, MAX_INDEXED_FILES)
        .map((f) => resolve(this.root, f));
    } catch {
      return [];
    }
  }

  /** Read one disk file's pairing key (the same conditions as the run's: parsed, agency, year, template). */
  indexFile(abs: string, maxFileSize?: number): IndexedFile {
    this.summaries.delete(abs);
    let entry: IndexedFile = { report: false };
    try {
      const input = readInput(abs, { maxFileSize });
      if ('bytes' in input) {
        const bytes = Buffer.from(input.bytes);
        const key = pairKeyOf(loadReport(bytes, abs));
        entry = { report: key !== undefined || looksLikeReport(bytes.toString('utf8')), ...(key ? { key } : {}) };
      }
    } catch {
      // Unreadable or gone: not part of the folder's reports.
    }
    this.files.set(abs, entry);
    return entry;
  }

  forget(abs: string): void {
    this.files.delete(abs);
    this.summaries.delete(abs);
  }

  /**
   * Last year's report for a report of this folder with `key`: the one file (open buffers over
   * their disk version) with the same agency and year − 1; none when two claim it.
   */
  previousFor(key: PairKey, open: ReadonlyMap<string, { key?: PairKey; text: string }>, maxFileSize?: number): ReportSummary | undefined {
    const wanted = (k: PairKey | undefined) => k !== undefined && k.agency === key.agency && k.year === key.year - 1;
    const candidates = new Set<string>();
    for (const [abs, entry] of this.files) if (!open.has(abs) && wanted(entry.key)) candidates.add(abs);
    for (const [abs, doc] of open) if (this.contains(abs) && wanted(doc.key)) candidates.add(abs);
    if (candidates.size !== 1) return undefined;
    const abs = [...candidates][0]!;
    const doc = open.get(abs);
    if (doc) return summarizeSource(Buffer.from(doc.text, 'utf8'), this.display(abs));
    if (!this.summaries.has(abs)) {
      let summary: ReportSummary | undefined;
      try {
        const input = readInput(abs, { maxFileSize });
        summary = 'bytes' in input ? summarizeSource(Buffer.from(input.bytes), this.display(abs)) : undefined;
      } catch {
        summary = undefined;
      }
      this.summaries.set(abs, summary);
    }
    return this.summaries.get(abs);
  }
}
