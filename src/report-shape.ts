/** The fixed shape of the official tables, shared by rules, fixes and renderers. */
import type { Report } from './types.js';

export type Template = 2019 | 2021;
export const TEMPLATES: readonly Template[] = [2019, 2021];

/** 申请人情况: the six applicant columns that add up to `total`. */
export const APPLICANT_PARTS = ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service', 'other'] as const;
export const APPLICANT_COLUMNS = [...APPLICANT_PARTS, 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

/** 三、本年度办理结果: groups (一)…(六) in table order, each with its data rows (empty: the group is one row). */
export function outcomeGroups(template: Template): readonly { readonly key: string; readonly rows: readonly string[] }[] {
  // Rules ask for these for every report: built once per template (bench/NOTES.md). Shared, so typed
  // readonly; not frozen, because for…of over a frozen array allocates on every step (measured).
  return (GROUPS[template] ??= buildOutcomeGroups(template));
}

const GROUPS: Partial<Record<Template, readonly { key: string; rows: readonly string[] }[]>> = {};
const ROW_PATHS: Partial<Record<Template, readonly (readonly string[])[]>> = {};
const APPLICANT_ROW_PATHS: Partial<Record<Template, readonly (readonly string[])[]>> = {};

function buildOutcomeGroups(template: Template): { key: string; rows: string[] }[] {
  return [
    { key: 'disclosed', rows: [] },
    { key: 'partly_disclosed', rows: [] },
    {
      key: 'withheld',
      rows: ['state_secret', 'prohibited_by_law', 'security_stability', 'third_party_rights', 'internal_affairs', 'process_information', 'enforcement_files', 'administrative_query'],
    },
    { key: 'unavailable', rows: ['not_held', 'needs_creation', 'still_unclear'] },
    { key: 'not_processed', rows: ['complaint', 'repeated', 'publication', 'excessive', 'confirmation'] },
    { key: 'other', rows: template === 2021 ? ['overdue_correction', 'unpaid_fee', 'other'] : [] },
  ];
}

/** Paths of the outcome data rows that add up to `outcomes.total`, in table order. */
export function outcomeRowPaths(template: Template): readonly (readonly string[])[] {
  return (ROW_PATHS[template] ??= outcomeGroups(template).flatMap((g) =>
    g.rows.length === 0 ? [['applications', 'outcomes', g.key]] : g.rows.map((r) => ['applications', 'outcomes', g.key, r]),
  ));
}

/** Every row of table 三 that holds the seven applicant columns, in table order. */
export function applicantRowPaths(template: Template): readonly (readonly string[])[] {
  return (APPLICANT_ROW_PATHS[template] ??= [
    ['applications', 'received'],
    ['applications', 'carried_over'],
    ...outcomeRowPaths(template),
    ['applications', 'outcomes', 'total'],
    ['applications', 'carried_forward'],
  ]);
}

/**
 * Rows compared across years (docs/rules.md): the 2019 items of item-count (上一年项目数量 and
 * 本年增/减) and the 2021 rows of in-force (现行有效件数). The rules read them, and the summary
 * of last year's report (src/cross-year/summary.ts) keeps exactly these cells.
 */
export const ITEM_ROWS = ['licensing', 'other_services', 'penalty', 'coercion', 'fees'] as const;
export const IN_FORCE_ROWS = ['regulations', 'normative_documents'] as const;

/** 四: the three groups of five counts; `total` = the first four. */
export const APPEAL_GROUPS = ['review', 'lawsuit_direct', 'lawsuit_after_review'] as const;
export const APPEAL_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

export function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

export function templateOf(report: Report): Template | undefined {
  return report.template === 2019 || report.template === 2021 ? report.template : undefined;
}
