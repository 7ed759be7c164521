import { ConfigError, UsageError } from '../errors.js';
import { t, type MessageKey } from '../i18n/index.js';
import { decodeSource, isUtf8Name } from '../read/decode.js';
import { fastLoaded, fastLoad } from '../parse/fast/fast-path.js';
import { locate } from '../parse/locate.js';
import { locateInText } from './narrative/position.js';
import { parseText, type Parsed } from '../parse/parse.js';
import { templateOf } from '../report-shape.js';
import { rules, STAGES } from './rules/index.js';
import { cellLabel, shortLabel } from './schema/labels.js';
import { schemaFindings } from './schema/to-diagnostics.js';
import type { Diagnostic, FileResult, Finding, Lang, Report, ReportInfo, Rule, RuleContext, Severity, SeveritySetting } from '../types.js';

export interface LintOptions {
  lang?: Lang;
  /** Severity overrides by rule id (config file, `--rule`); `off` disables a rule. */
  severities?: Record<string, SeveritySetting>;
  /** Options by rule id. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Last year's report of the same agency, for the cross-year rules. */
  previous?: { file: string; data: Report; lines?: Record<string, number> };
  /** --fix writes the fixed totals back, --fix-dry-run only shows them (src/fix). */
  fix?: 'write' | 'dry-run';
  /** Keep the parsed data in the result (`--format html` draws the tables from it); off, so big runs don't hold every report. */
  keepData?: boolean;
  /** Keep the report's agency, year and template in the result (FileResult.info): what csv, xlsx and the html index name per report. */
  keepInfo?: boolean;
  /** `--encoding`: how to read files without a BOM (src/read/decode.ts). */
  encoding?: string;
  /** `--max-file-size` in bytes (src/read/read-input.ts). */
  maxFileSize?: number;
}

export interface LoadedReport {
  /** Absent when the bytes could not even be decoded. */
  parsed?: Parsed;
  /** Report data when the file parsed; undefined after a parse finding. */
  data?: unknown;
  findings: Finding[];
  /** Fast path (src/parse/fast/fast-path.ts): positions without a `yaml` Document; `parsed` is then built on first use. */
  locate?: (path: Finding['path'], atKey?: boolean) => NonNullable<Finding['position']>;
}

/** Stage 1: bytes or text → parsed document and data, or parse findings. */
export function loadReport(source: Uint8Array | string, file: string, lang: Lang = 'zh', encoding?: string): LoadedReport {
  const kind = /\.json$/i.test(file) ? 'json' : 'yaml';
  // The fast path (src/parse/fast/fast-path.ts) reads UTF-8 bytes itself; it gives up on anything
  // unusual (other encodings, CR, NUL, resource limits), which then takes the full way below.
  const fast = encoding === undefined || isUtf8Name(encoding) ? fastLoad(source, kind) : undefined;
  if (fast) {
    return fastLoaded(fast, () => {
      const decoded = decodeSource(source, lang);
      // The fast path only takes bytes that decode.
      if ('finding' in decoded) throw new Error('fast path took bytes that do not decode');
      return parseText(decoded.text, kind, lang);
    });
  }
  // Encodings, line endings, NUL: src/read/decode.ts.
  const decoded = decodeSource(source, lang, { encoding });
  if ('finding' in decoded) return { findings: [decoded.finding] };
  // Hostile input (huge, deep) is bounded by the full parser's limits (src/parse/limits.ts).
  const parsed = parseText(decoded.text, kind, lang);
  return { parsed, data: parsed.data, findings: [...parsed.findings] };
}

/** Lint one report: parse → schema → rules → locate → sort. */
export function lintSource(source: Uint8Array | string, file: string, options: LintOptions = {}): FileResult {
  const lang = options.lang ?? 'zh';
  const loaded = loadReport(source, file, lang, options.encoding);
  return lintLoaded(loaded, file, options);
}

export function lintLoaded(loaded: LoadedReport, file: string, options: LintOptions = {}): FileResult {
  const lang = options.lang ?? 'zh';
  const severities = options.severities ?? {};
  const findings = [...loaded.findings];

  if (loaded.data !== undefined && findings.length === 0) {
    const schema = schemaFindings(loaded.data, lang);
    findings.push(...schema);
    const report = loaded.data as Report;
    const template = typeof report === 'object' && report !== null ? templateOf(report) : undefined;
    if (template !== undefined) {
      // A rule reads only its sections: schema errors elsewhere do not stop it. A missing
      // top-level key (reported at the root, or as the typo that replaced it) stops only the
      // rules that read that key.
      const broken = new Set(schemaFindingsSections(schema));
      const unusable = (section: string) => broken.has(section) || (schema.length > 0 && report[section] === undefined);
      const ctx = new RuleRun(report, template, file, lang, options, findings);
      for (const rule of rules) {
        if (severityOf(rule.meta.id, rule.meta.severity, severities) === 'off') continue;
        if (rule.meta.reads.some(unusable) || broken.has('')) continue;
        if (rule.meta.needsPrevious && !options.previous) continue;
        try {
          ctx.run(rule);
        } catch (error) {
          throw ruleFailure(error, rule.meta.id, file);
        }
      }
    }
  }

  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const severity = severityOf(finding.ruleId, defaultSeverity(finding.ruleId), severities);
    if (severity === 'off') continue;
    const position =
      finding.position ??
      (finding.textOffset !== undefined && loaded.parsed?.doc ? locateInText(loaded.parsed.doc, loaded.parsed.lineCounter, loaded.parsed.text, finding.path, finding.textOffset) : undefined) ??
      loaded.locate?.(finding.path, finding.atKey) ??
      (loaded.parsed?.doc ? locate(loaded.parsed.doc, loaded.parsed.lineCounter, finding.path, finding.atKey) : { line: 1, column: 1, endLine: 1, endColumn: 1 });
    const d: Diagnostic = {
      ruleId: finding.ruleId,
      messageId: finding.messageId,
      severity,
      message: finding.message,
      path: finding.path,
      ...position,
    };
    if (finding.expected !== undefined) d.expected = finding.expected;
    if (finding.actual !== undefined) d.actual = finding.actual;
    diagnostics.push(d);
  }
  diagnostics.sort(compareDiagnostics);
  const result: FileResult = {
    file,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
  if (options.keepData && loaded.data !== undefined) result.data = loaded.data;
  if (options.keepInfo) {
    const info = reportInfo(loaded.data);
    if (info) result.info = info;
  }
  return result;
}

/** Agency, year and template of a report, each only when it has the type the schema asks for. */
export function reportInfo(data: unknown): ReportInfo | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const { agency, year } = data as Record<string, unknown>;
  const info: ReportInfo = {};
  if (typeof agency === 'string' && agency.trim() !== '') info.agency = agency.trim();
  if (typeof year === 'number' && Number.isInteger(year)) info.year = year;
  const template = templateOf(data as Report);
  if (template !== undefined) info.template = template;
  return info;
}

/**
 * The context rules see (RuleContext), one per file for all its rules: built once, not per
 * rule (this runs for every report of a large batch).
 */
class RuleRun implements RuleContext {
  private rule!: Rule;
  options: Record<string, unknown> = {};
  previous?: LintOptions['previous'];

  constructor(
    private readonly data: Report,
    private readonly template: number,
    readonly file: string,
    readonly lang: Lang,
    private readonly lintOptions: LintOptions,
    private readonly out: Finding[],
  ) {
    if (lintOptions.previous) this.previous = lintOptions.previous;
  }

  run(rule: Rule): void {
    this.rule = rule;
    const own = this.lintOptions.ruleOptions?.[rule.meta.id];
    // A copy: a rule may not change the run's options for the next file.
    this.options = own ? { ...own } : {};
    rule.check(this.data, this);
  }

  addend(path: readonly (string | number)[], value: number): string {
    const label = shortLabel(this.template, path, this.lang);
    // `（一）2` as rules.md writes it; a space only after a plain word.
    return /[）)]$/.test(label) ? `${label}${value}` : `${label} ${value}`;
  }

  text(key: string): string {
    return t(this.lang, key as MessageKey);
  }

  report({ messageId, path, data = {}, expected, actual, textOffset }: Parameters<RuleContext['report']>[0]): void {
    const { id, messages } = this.rule.meta;
    const key = messages[messageId];
    // A rule that reports an undeclared message is a bug in the rule, not in the report.
    if (!key) throw new Error(`rule ${id} reported unknown messageId "${messageId}"`);
    const message = t(this.lang, key as MessageKey, { cell: cellLabel(this.template, path, this.lang), actual: actual ?? '', expected: expected ?? '', ...data });
    const finding: Finding = { ruleId: id, messageId, message, path };
    if (expected !== undefined) finding.expected = expected;
    if (actual !== undefined) finding.actual = actual;
    if (textOffset !== undefined) finding.textOffset = textOffset;
    this.out.push(finding);
  }
}

/**
 * A rule that throws is a bug in report-lint (exit 2), not in the report: name the rule and
 * the file, keep the original stack for --debug. Configuration errors pass through unchanged.
 */
function ruleFailure(error: unknown, id: string, file: string): unknown {
  if (error instanceof ConfigError || error instanceof UsageError || !(error instanceof Error)) return error;
  const wrapped = new Error(`while running rule "${id}" on ${file}: ${error.message}`, { cause: error });
  wrapped.stack = `${wrapped.message}\n${error.stack ?? ''}`;
  return wrapped;
}

/** Top-level keys with schema findings; '' when the whole document is wrong. */
function schemaFindingsSections(findings: Finding[]): string[] {
  return findings
    .filter((f) => !(f.path.length === 0 && f.messageId === 'required'))
    .map((f) => (f.path.length === 0 ? '' : String(f.path[0])));
}

export function defaultSeverity(ruleId: string): Severity {
  if (Object.hasOwn(STAGES, ruleId)) return STAGES[ruleId as keyof typeof STAGES];
  return rules.find((r) => r.meta.id === ruleId)?.meta.severity ?? 'error';
}

function severityOf(ruleId: string, fallback: Severity, severities: Record<string, SeveritySetting>): SeveritySetting {
  // A file that does not parse or fit its schema was not fully checked: these stay errors.
  if (Object.hasOwn(STAGES, ruleId)) return 'error';
  return severities[ruleId] ?? fallback;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
