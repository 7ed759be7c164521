import { relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { LintOptions } from '../check/lint.js';
import { allRules } from '../check/rule-catalog.js';
import type { IgnoreEntry } from '../check/suppressions.js';
import type { Lang, SeveritySetting } from '../types.js';
import type { LoadedConfig, RuleSetting } from './types.js';
import { ruleIdProblem } from './rule-ids.js';

// Loaded only when the config has globs to match (a run without a config never needs it).
const require = createRequire(import.meta.url);
const picomatch = (patterns: string | string[], options: import('picomatch').PicomatchOptions) =>
  (require('picomatch') as typeof import('picomatch'))(patterns, options);

/** What applies to one file: every configurable rule's severity and options, and its ignore entries. */
export interface EffectiveConfig {
  configFile: string | null;
  rules: Record<string, { severity: SeveritySetting; options: Record<string, unknown> }>;
  ignore: IgnoreEntry[];
}

/** `--rule id:severity` values → severities; a bad value is a usage error (exit 2). */
export function parseRuleFlags(values: readonly string[], lang: Lang): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const m = /^([^:]+):(error|warning|off)$/.exec(value.trim());
    if (!m) throw new UsageError(t(lang, 'cli.ruleFlag', { value }));
    const problem = ruleIdProblem(m[1]!, lang);
    if (problem) throw new UsageError(`--rule ${value}: ${problem}`);
    out[m[1]!] = m[2] as SeveritySetting;
  }
  return out;
}

/** Builds each file's effective config: defaults < `rules` < matching `overrides` in order < `--rule`. */
export class ConfigResolver {
  private readonly overrides: { match: (rel: string) => boolean; rules: Record<string, RuleSetting> }[];
  private readonly ignores: { match: (rel: string) => boolean; entry: IgnoreEntry }[];

  constructor(
    private readonly loaded: LoadedConfig,
    private readonly cwd: string,
    private readonly ruleFlags: Record<string, SeveritySetting> = {},
  ) {
    const { config } = loaded;
    this.overrides = (config.overrides ?? []).map((o) => ({ match: picomatch(o.files, { dot: true }), rules: o.rules ?? {} }));
    this.ignores = (config.ignore ?? []).map(({ file, ...entry }) => ({ match: picomatch(file, { dot: true }), entry }));
  }

  /** A linted file's path relative to the config's folder, with forward slashes, as the globs are written. */
  private relativeToConfig(file: string): string {
    return relative(this.loaded.base, resolve(this.cwd, file)).split('\\').join('/');
  }

  forFile(file: string): EffectiveConfig {
    const rel = this.relativeToConfig(file);
    const rules: EffectiveConfig['rules'] = {};
    for (const r of allRules()) if (r.kind !== 'stage') rules[r.id] = { severity: r.severity, options: {} };
    const apply = (settings: Record<string, RuleSetting>) => {
      for (const [id, setting] of Object.entries(settings)) {
        const current = Object.hasOwn(rules, id) ? rules[id] : undefined;
        if (!current) continue; // validated earlier; ids not in this build cannot reach here
        if (typeof setting === 'string') current.severity = setting;
        else {
          if (setting.severity) current.severity = setting.severity;
          if (setting.options) current.options = { ...current.options, ...setting.options };
        }
      }
    };
    apply(this.loaded.config.rules ?? {});
    for (const o of this.overrides) if (o.match(rel)) apply(o.rules);
    apply(this.ruleFlags);
    return {
      configFile: this.loaded.file ?? null,
      rules,
      ignore: this.ignores.filter((i) => i.match(rel)).map((i) => i.entry),
    };
  }

  /**
   * The LintOptions and ignore entries for one file (plain data, so a worker thread can take them).
   * Without `overrides` and `ignore` entries every file gets the same: computed once, shared
   * (callers copy before changing it).
   */
  lintOptionsFor(file: string, lang: Lang): LintOptions & { ignores: IgnoreEntry[] } {
    if (this.overrides.length > 0 || this.ignores.length > 0) return this.computeLintOptions(file, lang);
    const cached = this.shared.get(lang);
    if (cached) return cached;
    const options = this.computeLintOptions(file, lang);
    this.shared.set(lang, options);
    return options;
  }

  private readonly shared = new Map<Lang, LintOptions & { ignores: IgnoreEntry[] }>();

  private computeLintOptions(file: string, lang: Lang): LintOptions & { ignores: IgnoreEntry[] } {
    const effective = this.forFile(file);
    const severities: Record<string, SeveritySetting> = {};
    const ruleOptions: Record<string, Record<string, unknown>> = {};
    for (const [id, r] of Object.entries(effective.rules)) {
      severities[id] = r.severity;
      if (Object.keys(r.options).length > 0) ruleOptions[id] = r.options;
    }
    return { lang, severities, ruleOptions, ignores: effective.ignore };
  }

  /** `ignorePatterns` of the config, matched against paths relative to its folder. */
  ignorePatternMatcher(): ((file: string) => boolean) | undefined {
    const patterns = this.loaded.config.ignorePatterns ?? [];
    if (patterns.length === 0) return undefined;
    const match = picomatch(patterns, { dot: true });
    // `drafts` and `drafts/**` both skip the folder: try the path and each of its parents.
    return (file) => {
      const parts = this.relativeToConfig(file).split('/');
      return parts.some((_, i) => match(parts.slice(0, i + 1).join('/')));
    };
  }
}
