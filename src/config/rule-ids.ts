import { distance } from 'fastest-levenshtein';
import { t } from '../i18n/index.js';
import { configurableRuleIds } from '../check/rule-catalog.js';
import { STAGES } from '../check/rules/index.js';
import type { Lang } from '../types.js';

/** Why a rule id cannot be configured, or undefined when it can. Shared with `--rule`. */
export function ruleIdProblem(id: string, lang: Lang): string | undefined {
  // Own keys only: `constructor`, `toString` and `__proto__` are `in` every object.
  if (Object.hasOwn(STAGES, id)) return t(lang, 'config.stageRule', { rule: id });
  const known = configurableRuleIds();
  if (known.includes(id)) return undefined;
  const suggestion = closest(id, known);
  return suggestion
    ? t(lang, 'config.unknownRuleSuggest', { rule: id, suggestion })
    : t(lang, 'config.unknownRule', { rule: id, rules: known.join(', ') });
}

/** The known id within edit distance 2, for "did you mean". */
function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}
