import type { LoadedReport } from '../check/lint.js';
import { templateOf } from '../report-shape.js';

/** Who and which year a report is: all the pairing needs to know before any previous-year data is read. */
export interface PairKey {
  agency: string;
  year: number;
}

/**
 * The pairing key of a report already loaded for linting, under exactly the conditions on which
 * summarizeSource (summary.ts) returns a summary: parsed without findings, an object with a known
 * template, a string agency and an integer year. undefined when it would not be summarised.
 */
export function pairKeyOf(loaded: LoadedReport): PairKey | undefined {
  const data = loaded.data as Record<string, unknown> | undefined;
  if (loaded.findings.length > 0 || data === undefined || data === null || typeof data !== 'object') return undefined;
  const { agency, year } = data;
  if (templateOf(data) === undefined || typeof agency !== 'string' || !Number.isInteger(year)) return undefined;
  return { agency: agency.trim(), year: year as number };
}
