import type { Report } from '../../types.js';

/** The free-text sections whose prose the narrative rules read. */
export const PROSE_SECTIONS = ['overview', 'problems', 'other_matters'] as const;

export function proseOf(report: Report): { section: string; text: string }[] {
  return PROSE_SECTIONS.filter((s) => typeof report[s] === 'string').map((section) => ({ section, text: report[section] as string }));
}
