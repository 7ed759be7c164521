/** Severity of a diagnostic; `off` only appears in configuration. */
export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/** A location in the report data: keys and array indexes from the document root. */
export type JsonPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Position {
  ruleId: string;
  /** Stable id of the message within its rule (for schema: the Ajv keyword; for parse: the yaml error code). */
  messageId: string;
  message: string;
  severity: Severity;
  path: JsonPath;
  expected?: number;
  actual?: number;
}

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /**
   * --fix / --fix-dry-run: how many totals were set, whether the file was written, the
   * diff of a dry run (already sanitized, safe to print), and a note per cell not fixed or per
   * reason nothing was written (in the run's language).
   */
  fix?: { count: number; written?: boolean; diff?: string; notes?: string[] };
  /** The parsed report data, kept only when a formatter draws the tables (html; LintOptions.keepData). */
  data?: unknown;
  /** Who and which year the report is, kept for the formats that name them per row (csv, xlsx, html; LintOptions.keepInfo). */
  info?: ReportInfo;
}

/** The few fields of a report that a table of many reports shows beside each one: a few bytes instead of the whole data. */
export interface ReportInfo {
  agency?: string;
  year?: number;
  template?: number;
}

/** What a rule or stage reports before the locator has turned its path into a position. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  path: JsonPath;
  /** Point at the key of the last path segment instead of its value (unknown keys). */
  atKey?: boolean;
  expected?: number;
  actual?: number;
  /** A character within the string at `path` (prose rules): located more precisely when possible. */
  textOffset?: number;
  /** Parse findings carry their own position: there is no data to locate a path in. */
  position?: Position;
}

export type Lang = 'zh' | 'en';

export interface RuleMeta {
  /** Kebab-case, equal to the rule's file name. */
  id: string;
  severity: Severity;
  /** Top-level sections the rule reads; it is skipped while any of them has a schema error. */
  reads: readonly string[];
  /** messageId → catalogue key (see src/i18n). */
  messages: Record<string, string>;
  /** Rules that need another report (last year's) declare it; without one they are silent. */
  needsPrevious?: boolean;
}

export interface RuleContext {
  lang: Lang;
  options: Record<string, unknown>;
  /** Last year's report of the same agency, when the run has it. */
  previous?: { file: string; data: Report; /** line of each cell, by JSON Pointer */ lines?: Record<string, number> };
  file: string;
  /** `label value` for an addend in a message, e.g. `（一）2` or `自然人 1`. */
  addend(path: readonly (string | number)[], value: number): string;
  /** A catalogue text in the run's language. */
  text(key: string): string;
  report(p: {
    messageId: string;
    path: JsonPath;
    data?: Record<string, string | number>;
    expected?: number;
    actual?: number;
    /** Prose rules: the character within the string at `path` the finding is about. */
    textOffset?: number;
  }): void;
}

export interface Rule {
  meta: RuleMeta;
  check(report: Report, ctx: RuleContext): void;
}

/** Report data after schema validation; rules may rely on the template's shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Report = Record<string, any>;

export interface Formatter {
  (results: readonly FileResult[], ctx: FormatContext): string;
}

/** A format whose output is a binary file (xlsx): written with --output, or as bytes to stdout. */
export interface BinaryFormatter {
  (results: readonly FileResult[], ctx: FormatContext): Promise<Uint8Array>;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  lang: Lang;
}
