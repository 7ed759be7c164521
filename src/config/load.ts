import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { ConfigError } from '../errors.js';
import { t } from '../i18n/index.js';
import { decodeSource } from '../read/decode.js';
import { isMap, isPair, isScalar, isSeq } from '../parse/fast-lazy-yaml.js';
import { LIMITS, prescan } from '../parse/limits.js';
import { parseText } from '../parse/parse.js';
import { formatSize, InputError, readInput } from '../read/read-input.js';
import type { Finding, Lang, Position } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { dotted } from './path.js';
import type { LoadedConfig } from './types.js';

/** Names looked for in each folder from the working directory up to the file-system root. */
export const CONFIG_NAMES = ['.report-lint.yaml', '.report-lint.yml'];

/**
 * A config file has a few dozen lines. These limits are far above that and keep loading one,
 * and matching its globs against every file of a run, fast; a config over one is an exit-2
 * error at its position. Nesting, keys per mapping, duplicate keys and aliases have the limits
 * of a report (src/parse/limits.ts, src/parse/parse.ts).
 */
export const CONFIG_LIMITS = {
  /** Bytes. */
  size: 1024 * 1024,
  /** Lines plus flow items, counted before parsing (a report may have 200,000). */
  nodes: 20_000,
  /** Entries of one list or mapping: ignorePatterns, ignore, overrides, an override's files, rules. */
  entries: 1000,
  /** Characters of one glob (ignorePatterns, an override's files, an ignore entry's file). */
  patternLength: 1000,
} as const;

/** The config named by `--config`, else the nearest `.report-lint.yaml` above `cwd`, else an empty one. */
export async function loadConfig(cwd: string, explicit: string | undefined, lang: Lang): Promise<LoadedConfig> {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findUp(cwd);
  if (file === undefined) return { base: cwd, config: {} };
  if (explicit !== undefined && !existsSync(file)) throw new ConfigError(t(lang, 'config.notFound', { file: explicit }));
  // A path or a key from the file system or the config is shown only made safe for a terminal.
  const shown = sanitize(display(cwd, file));
  const parsed = parseConfig(readConfig(file, shown, lang), shown, lang);
  if (parsed === undefined) return { file, base: dirname(file), config: {} };
  // Ajv is loaded only when there is a config to validate: a run without one starts faster.
  const { validateConfig } = await import('./validate.js');
  // `~` alone is an empty config too.
  return { file, base: dirname(file), config: validateConfig(parsed.data ?? {}, { file: shown, doc: parsed.doc, lineCounter: parsed.lineCounter }, lang) };
}

/**
 * The config's text, read as reports are read (src/read/read-input.ts): never blocking on a
 * FIFO, regular files only, at most CONFIG_LIMITS.size bytes; decoded as reports are.
 */
function readConfig(file: string, shown: string, lang: Lang): string {
  let input: ReturnType<typeof readInput>;
  try {
    input = readInput(file, { lang, maxFileSize: CONFIG_LIMITS.size });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.code === 'notRegular') throw new ConfigError(t(lang, 'config.notRegular', { file: shown }));
    throw new ConfigError(t(lang, 'config.unreadable', { file: shown, code: error.code }));
  }
  if ('finding' in input) throw new ConfigError(`${shown}:1:1: ${t(lang, 'config.tooLarge', { limit: formatSize(CONFIG_LIMITS.size) })}`);
  const decoded = decodeSource(input.bytes, lang);
  if ('finding' in decoded) {
    const { finding } = decoded;
    const at = finding.position!;
    // Not the report's advice (`--encoding` does not apply to the config): just what is wrong.
    const message = finding.messageId === 'notUtf8' ? t(lang, 'parse.notUtf8', { line: at.line }) : finding.message;
    throw new ConfigError(`${shown}:${at.line}:${at.column}: ${message}`);
  }
  return decoded.text;
}

/**
 * Parse with the report parser and its limits, then the config's own: every problem becomes
 * a ConfigError `file:line:col: …`. Undefined for an empty file (an empty config, as in ESLint
 * and yamllint).
 */
function parseConfig(text: string, shown: string, lang: Lang): { data: unknown; doc: Document.Parsed; lineCounter: LineCounter } | undefined {
  const fail = (position: Position, message: string): never => {
    throw new ConfigError(`${shown}:${position.line}:${position.column}: ${message}`);
  };
  const tooBig = prescan(text, lang, CONFIG_LIMITS.nodes);
  if (tooBig) {
    fail(tooBig.position, tooBig.messageId === 'tooDeep' ? t(lang, 'config.nestedTooDeep', { limit: LIMITS.depth }) : t(lang, 'config.tooManyNodes', { limit: CONFIG_LIMITS.nodes }));
  }
  const parsed = parseText(text, 'yaml', lang);
  const { doc, lineCounter } = parsed;
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col + 1 };
  };
  // YAML syntax errors keep yaml's own wording, as the config always had.
  const syntax = doc?.errors[0];
  if (syntax) fail(at(syntax.pos[0]), t(lang, 'config.yaml', { detail: syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') }));
  if (doc) {
    const tooMany = entriesProblem(doc, lang);
    if (tooMany) fail(at(tooMany.offset), tooMany.message);
  }
  const findings = [...parsed.findings].sort(byPosition);
  if (findings.length === 1 && findings[0]!.messageId === 'empty') return undefined;
  const first = findings[0];
  if (first) fail(first.position!, first.messageId === 'tooDeep' ? t(lang, 'config.nestedTooDeep', { limit: LIMITS.depth }) : first.message);
  return { data: parsed.data, doc: doc!, lineCounter };
}

const byPosition = (a: Finding, b: Finding) => a.position!.line - b.position!.line || a.position!.column - b.position!.column;

/**
 * The first list or mapping with more than CONFIG_LIMITS.entries entries, or glob longer than
 * CONFIG_LIMITS.patternLength: found before the globs are compiled. Walks without recursion
 * and no deeper than a report may nest (deeper is reported by the parser's limits).
 */
function entriesProblem(doc: Document.Parsed, lang: Lang): { offset: number; message: string } | undefined {
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isScalar(node)) {
      if (isGlob(path) && typeof node.value === 'string' && node.value.length > CONFIG_LIMITS.patternLength) {
        return { offset: node.range?.[0] ?? 0, message: t(lang, 'config.patternTooLong', { at: sanitize(dotted(path, lang)), limit: CONFIG_LIMITS.patternLength }) };
      }
      continue;
    }
    if ((!isMap(node) && !isSeq(node)) || path.length >= LIMITS.depth) continue;
    const items = node.items as unknown[];
    if (items.length > CONFIG_LIMITS.entries) {
      const extra = items[CONFIG_LIMITS.entries];
      const first = (isPair(extra) ? extra.key : extra) as Node | undefined;
      return { offset: first?.range?.[0] ?? node.range?.[0] ?? 0, message: t(lang, 'config.tooManyEntries', { at: sanitize(dotted(path, lang)), limit: CONFIG_LIMITS.entries }) };
    }
    // Pushed last to first, so that the first problem in the file is the one reported.
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (isPair(item)) stack.push({ node: item.value, path: [...path, isScalar(item.key) ? String(item.key.value) : i] });
      else stack.push({ node: item, path: [...path, i] });
    }
  }
  return undefined;
}

/** ignorePatterns[i], overrides[i].files[j], ignore[i].file: the config's globs. */
function isGlob(path: readonly (string | number)[]): boolean {
  const [top, i, key, j] = path;
  if (top === 'ignorePatterns') return path.length === 2 && typeof i === 'number';
  if (top === 'overrides') return path.length === 4 && key === 'files' && typeof j === 'number';
  if (top === 'ignore') return path.length === 3 && key === 'file';
  return false;
}

function findUp(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      // Anything but a folder is the config: a FIFO or a file that cannot be read is an error, not skipped.
      if (existsSync(candidate) && !statSync(candidate).isDirectory()) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path as the user would type it from the working directory. */
export function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? file : rel.split('\\').join('/');
}
