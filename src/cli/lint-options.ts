/**
 * Options of the default command, as commander hands them to run-lint. Declared by
 * commands/lint.ts (with their help texts), read by run-lint.ts and run-hooks.ts; a module of its
 * own so that the command, which loads run-lint.ts when it runs, and run-lint.ts do not import
 * each other.
 */
export interface LintCliOptions {
  format: string[];
  output: string[];
  lang?: 'zh' | 'en';
  color?: boolean;
  stdinFilename?: string;
  debug?: boolean;
  // Config file, --rule, ignores and thresholds: src/config/, src/cli/thresholds.ts.
  config?: string;
  rule: string[];
  ignorePattern: string[];
  maxWarnings?: number;
  quiet?: boolean;
  /** `--html-clean-pages`: in an html site (src/site/), a page for each clean report too. */
  htmlCleanPages?: boolean;
  printConfig?: string;
  // Fixing totals and comparing with last year's report: src/fix/, src/cross-year/.
  fix?: boolean;
  fixDryRun?: boolean;
  previous?: string;
  // Worker threads: src/parallel/.
  jobs?: number;
  // Reading files: encodings and the size limit, src/read/.
  encoding?: string;
  maxFileSize?: string;
}
