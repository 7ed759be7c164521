import type { Report } from '../../types.js';

/** The free-text sections whose prose the narrative rules read. */
export const PROSE_SECTIONS = ['overview', 'problems', 'other_matters'] as const;

/**
 * Characters of one section's prose the narrative rules read. A real section is a few hundred
 * to a few thousand characters; this is ten times the longest, and keeps the rules' time per
 * report bounded whatever the file holds. A longer section is read up to its last sentence end
 * (。！？!?) within the limit, and the rule says that the rest went unchecked.
 */
export const MAX_PROSE_CHARS = 50_000;

export interface SectionProse {
  section: string;
  /** The prose the rules read: the whole section, or its beginning when it is too long. */
  text: string;
  /** The section's full length, present only when `text` is just its beginning. */
  fullLength?: number;
}

export function proseOf(report: Report): SectionProse[] {
  return PROSE_SECTIONS.filter((s) => typeof report[s] === 'string').map((section) => {
    const text = report[section] as string;
    if (text.length <= MAX_PROSE_CHARS) return { section, text };
    // Cut after a whole sentence, so that a list cut short cannot look complete.
    return { section, text: text.slice(0, lastSentenceEnd(text, MAX_PROSE_CHARS)), fullLength: text.length };
  });
}

/** Just after the last sentence mark before `limit`, or 0 when there is none. */
function lastSentenceEnd(text: string, limit: number): number {
  for (let i = limit - 1; i >= 0; i--) if ('。！？!?'.includes(text[i]!)) return i + 1;
  return 0;
}
