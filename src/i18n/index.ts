import type { Lang } from '../types.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';
import { sanitize } from '../util/sanitize.js';

export type { MessageKey };
const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en };

/**
 * Render a catalogue message; a missing placeholder value is left visible so tests catch it.
 * Values are file names, keys and quotes from the inputs: each goes through `sanitize`, so a
 * message is one line that cannot steer a terminal or a CI runner, whatever it is written to
 * (the sinks sanitize again; that changes nothing more).
 */
export function t(lang: Lang, key: MessageKey, data: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{\{(\w+)\}\}/g, (m, name: string) =>
    Object.hasOwn(data, name) ? clip(sanitize(String(data[name]))) : m,
  );
}

/** A value from the file (a 5 MB key) must not make a 5 MB message. */
const MAX_VALUE_LENGTH = 500;
const clip = (s: string) => (s.length > MAX_VALUE_LENGTH ? s.slice(0, MAX_VALUE_LENGTH) + '…' : s);

/** `--lang` default: LC_ALL, then LANG; English only when the locale says so, otherwise Chinese. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

export const catalogueFor = (lang: Lang) => catalogues[lang];
