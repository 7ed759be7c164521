import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * From this many files on, an html `--output` without an extension becomes a site instead of one
 * page: one page for 500 reports is already ~10 MB, and a browser gives up somewhere past 100 MB.
 */
export const SITE_MIN_FILES = 500;

/**
 * Whether `--format html --output PATH` writes a site (a folder with index.html and a page per
 * report) instead of one page. Always for `DIR/` (a trailing slash) and for an existing folder;
 * for a path without an extension (`-o site`) when the run has SITE_MIN_FILES files or more.
 * Never for `report.html`: whoever asked for a file gets that file (run-lint warns instead when it is large).
 */
export function isSiteOutput(output: string, cwd: string, fileCount: number): boolean {
  if (/[\\/]$/.test(output)) return true;
  try {
    if (statSync(resolve(cwd, output)).isDirectory()) return true;
  } catch {
    // missing: decided by its name below
  }
  const name = output.split(/[\\/]/).pop() ?? '';
  return fileCount >= SITE_MIN_FILES && !name.includes('.');
}
