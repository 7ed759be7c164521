import type { SeveritySetting } from '../types.js';

/** A rule's entry in `rules:`: a severity, or a severity and options. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

/** `.report-lint.yaml` as its JSON Schema (schemas/config/report-lint-config.schema.json) accepts it. */
export interface ReportLintConfig {
  rules?: Record<string, RuleSetting>;
  ignorePatterns?: string[];
  ignore?: { file: string; rule?: string; path?: string; reason: string }[];
  overrides?: { files: string[]; rules?: Record<string, RuleSetting> }[];
}

/** A config as the run uses it: where it came from, so that its globs resolve from its folder. */
export interface LoadedConfig {
  /** Absolute path of the file; undefined when no config file was found. */
  file?: string;
  /** Folder its globs are relative to (the config's folder, or the working directory). */
  base: string;
  config: ReportLintConfig;
}
