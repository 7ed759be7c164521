import { catalogueFor } from '../i18n/index.js';
import { docsUrl, rules, STAGES } from './rules/index.js';
import type { Lang, Severity } from '../types.js';

/**
 * The checks of the suppression comments themselves (src/check/suppressions.ts runs them); both
 * warnings by default, configurable like any rule. Declared here, with the other ids, so the
 * catalogue does not depend on the code that applies suppressions (which depends on it).
 */
export const SUPPRESSION_RULES = { 'invalid-suppression': 'warning', 'unused-suppression': 'warning' } as const;

/** One entry of `report-lint rules`, SARIF's tool.driver.rules and the JUnit testcases. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  /** `stage`: parse/schema, always errors; `suppression`: checks of the suppression comments. */
  kind: 'stage' | 'rule' | 'suppression';
  docsUrl: string;
}

/** Every rule id a diagnostic can carry, stages first, then rules in catalogue order. */
export function allRules(): RuleInfo[] {
  const info = (id: string, severity: Severity, kind: RuleInfo['kind']): RuleInfo => ({ id, severity, kind, docsUrl: docsUrl(id) });
  return [
    ...Object.entries(STAGES).map(([id, severity]) => info(id, severity, 'stage')),
    ...rules.map((r) => info(r.meta.id, r.meta.severity, 'rule')),
    ...Object.entries(SUPPRESSION_RULES).map(([id, severity]) => info(id, severity, 'suppression')),
  ];
}

/** Ids a config file or `--rule` may set: not the stages, which stay errors (an unchecked file never passes). */
export function configurableRuleIds(): string[] {
  return allRules()
    .filter((r) => r.kind !== 'stage')
    .map((r) => r.id);
}

/** The catalogue key of a rule's one-sentence description (test/rules-command.test.ts checks every rule has one). */
export const descriptionKey = (id: string) => `rule.${id}.description`;

export function ruleDescription(lang: Lang, id: string): string {
  const catalogue = catalogueFor(lang) as Record<string, string>;
  // A rule without a description is a bug in the rule's pull request; show the key so it is noticed.
  return catalogue[descriptionKey(id)] ?? descriptionKey(id);
}

/** `publication-deadline` → `PublicationDeadline` (SARIF's reportingDescriptor.name). */
export const ruleName = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
