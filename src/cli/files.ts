import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { linkAllowed } from '../read/read-input.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

const REPORT_FILE = /\.(ya?ml|json)$/i;

// The glob libraries are loaded on first use: a pre-commit run over named files never needs them,
// and its start-up is felt on every commit.
const require = createRequire(import.meta.url);
const tinyglobby = () => require('tinyglobby') as typeof import('tinyglobby');
const picomatch = (patterns: string[], options: import('picomatch').PicomatchOptions) =>
  (require('picomatch') as typeof import('picomatch'))(patterns, options);

export interface CollectOptions {
  /** Folder that relative paths, globs and `--ignore-pattern`s start from. */
  cwd?: string;
  lang?: Lang;
  /** `--ignore-pattern` globs, relative to cwd. */
  ignorePatterns?: readonly string[];
  /** More paths to skip (the config file's `ignorePatterns`); gets the path as found. */
  isIgnored?: (file: string) => boolean;
}

/**
 * Expand the command line's paths into report files: a file as named, a directory searched
 * recursively (skipping node_modules and dot-folders), a glob with forward slashes on every
 * OS. A path that does not exist or a glob that matches nothing is a usage error; files that
 * only an ignore pattern removes are not (a pre-commit hook may pass exactly those).
 * Sorted, without duplicates.
 */
export function collectFiles(paths: readonly string[], options: CollectOptions = {}): string[] {
  const cwd = options.cwd ?? process.cwd();
  const lang = options.lang ?? 'zh';
  const cliIgnore = options.ignorePatterns?.length ? picomatch([...options.ignorePatterns], { dot: true }) : undefined;
  const ignored = (file: string): boolean => {
    if (options.isIgnored?.(file)) return true;
    if (!cliIgnore) return false;
    // `drafts` and `drafts/**` both skip the folder: try the path and each of its parents.
    const rel = relative(cwd, resolve(cwd, file)).split('\\').join('/');
    const parts = rel.split('/');
    return parts.some((_, i) => cliIgnore(parts.slice(0, i + 1).join('/')));
  };

  const files = new Map<string, string>();
  /** `key`: the absolute path, when the caller already has it (the directory walk). */
  const add = (file: string, key = resolve(cwd, file)) => {
    if (!files.has(key) && !ignored(file)) files.set(key, file);
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(resolve(cwd, p));
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      if (!ignored(p)) walk(p, resolve(cwd, p), ignored, add, resolve(cwd, p));
    } else if (stat) add(p);
    else if (tinyglobby().isDynamicPattern(p)) {
      const matches = tinyglobby().globSync(p, { cwd, onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false }).filter((f) => REPORT_FILE.test(f));
      if (matches.length === 0) throw new UsageError(t(lang, 'files.globNoMatch', { pattern: p }));
      for (const match of matches) add(match);
    } else {
      throw new UsageError(t(lang, p.includes('\\') && !p.includes('/') ? 'files.notFoundBackslash' : 'files.notFound', { path: p }));
    }
  }
  return [...files.values()].sort();
}

/**
 * `dir` as the user wrote it (results keep that form) and `abs`, the same folder resolved: paths
 * below it are joined by hand, not with path.join/resolve for each of thousands of files.
 */
function walk(dir: string, abs: string, ignored: (file: string) => boolean, add: (file: string, key?: string) => void, root: string): void {
  // join(dir, name) for every name, computed once: what join makes of `dir` (e.g. `./a/` → `a/`).
  const prefix = join(dir, 'x').slice(0, -1);
  const absPrefix = abs.endsWith(sep) ? abs : abs + sep;
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = prefix + entry.name;
    const fullAbs = absPrefix + entry.name;
    if (entry.isDirectory()) {
      if (!ignored(full)) walk(full, fullAbs, ignored, add, root);
    } else if (entry.isSymbolicLink()) {
      // Symlinked folders are not entered (no loops); a symlinked report is read only when it
      // resolves inside the named folder, so a link to ~/.ssh/… cannot be read and echoed.
      if (REPORT_FILE.test(entry.name) && linkAllowed(root, fullAbs)) add(full, fullAbs);
    } else if (REPORT_FILE.test(entry.name)) add(full, fullAbs);
  }
}
