import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { BinaryFormatter, Formatter, Lang } from '../types.js';

/** Built-in formatters, loaded only when asked for. */
const builtins: Record<string, () => Promise<{ default: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  html: () => import('./html.js'),
  sarif: () => import('./sarif.js'),
  junit: () => import('./junit.js'),
  github: () => import('./github.js'),
  csv: () => import('./csv.js'),
};

/** Formats that write a binary file instead of text. */
const binaryBuiltins: Record<string, () => Promise<{ default: BinaryFormatter }>> = {
  xlsx: () => import('./xlsx.js'),
};

export const FORMAT_NAMES = [...Object.keys(builtins), ...Object.keys(binaryBuiltins)];

export const isBinaryFormat = (name: string) => Object.hasOwn(binaryBuiltins, name);

/** A binary format (xlsx) by name. */
export async function loadBinaryFormatter(name: string, lang: Lang = 'zh'): Promise<BinaryFormatter> {
  const load = Object.hasOwn(binaryBuiltins, name) ? binaryBuiltins[name] : undefined;
  if (!load) throw new UsageError(t(lang, 'cli.unknownFormat', { name, formats: FORMAT_NAMES.join(', ') }));
  return (await load()).default;
}

/** A text format by name (for xlsx, which is not text: loadBinaryFormatter). */
export async function loadFormatter(name: string, lang: Lang = 'zh'): Promise<Formatter> {
  const load = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (!load) throw new UsageError(t(lang, 'cli.unknownFormat', { name, formats: FORMAT_NAMES.join(', ') }));
  return (await load()).default;
}
