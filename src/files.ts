import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';

const REPORT_FILE = /\.(ya?ml|json)$/i;

/**
 * Expand the command line's paths into report files: a file as named, a directory searched
 * recursively (skipping node_modules and dot-folders). Sorted, without duplicates.
 */
export function collectFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(`找不到文件或目录：${p}`);
    }
    if (stat.isDirectory()) walk(p, files);
    else files.add(p);
  }
  return [...files].sort();
}

function walk(dir: string, out: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (REPORT_FILE.test(entry.name)) out.add(full);
  }
}
