import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from '../parse/fast-lazy-yaml.js';
import { ConfigError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import type { LoadedConfig } from './types.js';

/** Names looked for in each folder from the working directory up to the file-system root. */
export const CONFIG_NAMES = ['.report-lint.yaml', '.report-lint.yml'];

/** The config named by `--config`, else the nearest `.report-lint.yaml` above `cwd`, else an empty one. */
export async function loadConfig(cwd: string, explicit: string | undefined, lang: Lang): Promise<LoadedConfig> {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findUp(cwd);
  if (file === undefined) return { base: cwd, config: {} };
  if (explicit !== undefined && !existsSync(file)) throw new ConfigError(t(lang, 'config.notFound', { file: explicit }));

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(t(lang, 'config.unreadable', { file: display(cwd, file), code: (error as NodeJS.ErrnoException).code ?? String(error) }));
  }
  const shown = display(cwd, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    const detail = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${shown}:${pos.line}:${pos.col}: ${t(lang, 'config.yaml', { detail })}`);
  }
  // An empty file is an empty config, as in ESLint and yamllint.
  const data = doc.contents === null ? {} : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  // Ajv is loaded only when there is a config to validate: a run without one starts faster.
  const { validateConfig } = await import('./validate.js');
  return { file, base: dirname(file), config: validateConfig(data ?? {}, { file: shown, doc, lineCounter }, lang) };
}

function findUp(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path as the user would type it from the working directory. */
export function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? file : rel.split('\\').join('/');
}
