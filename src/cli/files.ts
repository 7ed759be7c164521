import { lstatSync, readdirSync, statSync } from 'node:fs';
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
 * OS. Sorted, without duplicates.
 *
 * A run that checks nothing must not look like a clean one:
 * - a path that does not exist, a glob that matches no report file, a directory that holds no
 *   report file: usage errors (exit 2), each on its own (a typo, the wrong folder);
 * - ignore patterns (--ignore-pattern, the config's ignorePatterns) may remove files, folders
 *   and glob matches without a word while something is left to check. When they leave nothing:
 *   - if a directory or glob was given, a usage error (exit 2) that names it: the command line
 *     asked for a folder to be checked and nothing in it was (ESLint: "all files matched by …
 *     are ignored");
 *   - if only files were named one by one, no error: a pre-commit hook passes exactly the
 *     changed files, drafts included, and must pass. `ignoredNamed` then says how many, and
 *     src/cli/run-lint.ts tells stderr that nothing was checked (exit 0).
 */
export function collectInputs(paths: readonly string[], options: CollectOptions = {}): { files: string[]; ignoredNamed: number } {
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
  const ignoredNamed = new Set<string>();
  /** `key`: the absolute path, when the caller already has it (the directory walk). False when ignored. */
  const add = (file: string, key = resolve(cwd, file)): boolean => {
    if (files.has(key)) return true;
    if (ignored(file)) return false;
    files.set(key, file);
    return true;
  };
  /** The first directory or glob that ignore patterns emptied, and how (for the error when nothing is left). */
  let emptied: { key: 'files.allIgnored' | 'files.pathIgnored'; path: string } | undefined;
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(resolve(cwd, p));
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const abs = resolve(cwd, p);
      if (ignored(p)) {
        emptied ??= { key: 'files.pathIgnored', path: p };
        continue;
      }
      let kept = 0;
      walk(p, abs, ignored, (file, key) => void (add(file, key) && kept++), abs);
      if (kept > 0) continue;
      if (!hasReportFile(p, abs)) throw new UsageError(t(lang, 'files.noReports', { path: p }));
      emptied ??= { key: 'files.allIgnored', path: p };
    } else if (stat || isSymlink(resolve(cwd, p))) {
      // A named symbolic link whose target is missing is read like any file, so that reading
      // says what it is (src/read/read-input.ts) instead of "no such file".
      if (!add(p)) ignoredNamed.add(resolve(cwd, p));
    } else if (tinyglobby().isDynamicPattern(p)) {
      const matches = tinyglobby().globSync(p, { cwd, onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false }).filter((f) => REPORT_FILE.test(f));
      if (matches.length === 0) throw new UsageError(t(lang, 'files.globNoMatch', { pattern: p }));
      let kept = 0;
      for (const match of matches) if (add(match)) kept++;
      if (kept === 0) emptied ??= { key: 'files.allIgnored', path: p };
    } else {
      throw new UsageError(t(lang, p.includes('\\') && !p.includes('/') ? 'files.notFoundBackslash' : 'files.notFound', { path: p }));
    }
  }
  if (files.size === 0 && emptied) throw new UsageError(t(lang, emptied.key, { path: emptied.path }));
  return { files: [...files.values()].sort(), ignoredNamed: files.size === 0 ? ignoredNamed.size : 0 };
}

/** The report files of `collectInputs`, for callers that need only those. */
export function collectFiles(paths: readonly string[], options: CollectOptions = {}): string[] {
  return collectInputs(paths, options).files;
}

/** lstat, not stat: a link whose target is missing is still a link. */
function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether a folder holds a report file, ignore patterns aside (only asked when none was kept, to say why). */
function hasReportFile(dir: string, abs: string): boolean {
  let found = false;
  walk(dir, abs, () => false, () => void (found = true), abs);
  return found;
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
