import { UsageError } from '../errors.js';
import type { Formatter } from '../types.js';

/** Built-in formatters, loaded only when asked for. */
const builtins: Record<string, () => Promise<{ default: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  html: () => import('./html.js'),
};

export const FORMAT_NAMES = Object.keys(builtins);

export async function loadFormatter(name: string): Promise<Formatter> {
  const load = builtins[name];
  if (!load) throw new UsageError(`未知的输出格式 --format ${name}（可用：${FORMAT_NAMES.join('、')}）`);
  return (await load()).default;
}
