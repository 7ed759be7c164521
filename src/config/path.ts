import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** `rules.balance`, `ignore[0].path`: how a reader names a place in the config. */
export function dotted(path: readonly (string | number)[], lang: Lang): string {
  return path.map((s, i) => (typeof s === 'number' || /^\d+$/.test(String(s)) ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('') || t(lang, 'config.root');
}
