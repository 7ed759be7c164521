import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Formatter, Lang } from '../types.js';

/** Built-in formatters, loaded only when asked for. */
const builtins: Record<string, () => Promise<{ default: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  html: () => import('./html.js'),
  sarif: () => import('./sarif.js'),
  junit: () => import('./junit.js'),
  github: () => import('./github.js'),
};

export const FORMAT_NAMES = Object.keys(builtins);

export async function loadFormatter(name: string, lang: Lang = 'zh'): Promise<Formatter> {
  const load = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (!load) throw new UsageError(t(lang, 'cli.unknownFormat', { name, formats: FORMAT_NAMES.join(', ') }));
  return (await load()).default;
}
