import { catalogueFor } from '../../i18n/index.js';
import type { Lang } from '../../types.js';

/** A few words naming what a rule checks (`勾稽关系不平`), for the chart; a rule without one shows its id. */
export function ruleShortName(lang: Lang, ruleId: string): string {
  const catalogue = catalogueFor(lang) as Record<string, string>;
  return catalogue[`html.rule.${ruleId}`] ?? ruleId;
}
