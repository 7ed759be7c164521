import { relative, resolve } from 'node:path';
import type { Lang } from '../types.js';
import { sanitizeJson } from '../util/sanitize.js';
import { display, loadConfig } from './load.js';
import { ConfigResolver, parseRuleFlags } from './resolve.js';

export { ConfigResolver } from './resolve.js';
export type { EffectiveConfig } from './resolve.js';

/** The run's config: `--config FILE` or the nearest `.report-lint.yaml`, with `--rule` flags on top. */
export async function configForRun(opts: { config?: string | undefined; rule?: readonly string[] }, cwd: string, lang: Lang): Promise<ConfigResolver> {
  const ruleFlags = parseRuleFlags(opts.rule ?? [], lang);
  return new ConfigResolver(await loadConfig(cwd, opts.config, lang), cwd, ruleFlags);
}

/** `--print-config FILE`: the effective config for that file as JSON (as ESLint prints it). */
export function printConfig(resolver: ConfigResolver, file: string, cwd: string): string {
  const effective = resolver.forFile(file);
  const shown = {
    file: relative(cwd, resolve(cwd, file)).split('\\').join('/') || file,
    configFile: effective.configFile === null ? null : display(cwd, effective.configFile),
    ignored: resolver.ignorePatternMatcher()?.(file) ?? false,
    rules: effective.rules,
    ignore: effective.ignore,
  };
  // Keys and globs come from a config file a pull request may change: nothing in them may act on the terminal or runner.
  return sanitizeJson(JSON.stringify(shown, null, 2)) + '\n';
}
