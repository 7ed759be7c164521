import { APPEAL_GROUPS, APPEAL_PARTS, APPLICANT_PARTS, applicantRowPaths, getIn, outcomeRowPaths, type Template } from '../report-shape.js';

/** One cell that --fix sets: a total and the value its parts determine. */
export interface CellFix {
  path: string[];
  value: number;
  /**
   * The cell is wrong but may not be edited (see `editable`): it is reported, not set, and the
   * totals above it are computed from the value the file states, so that they do not contradict
   * a cell left as it was.
   */
  blocked?: true;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * The totals that are fully determined by their parts (row-total, outcome-total, appeal-total),
 * where they differ from what the file states. A part is never changed, and neither is
 * `carried_forward` as a balance (only its own row total): --fix cannot know which side of
 * the 勾稽关系 is wrong. A total whose parts are not all counts is left alone. A cell for which
 * `editable` says no comes back `blocked`.
 */
export function computeFixes(data: unknown, template: Template, editable: (path: readonly string[]) => boolean = () => true): CellFix[] {
  const fixes: CellFix[] = [];
  /** Whether the cell holds `value` once the fixes are made. */
  const set = (path: string[], current: unknown, value: number): boolean => {
    if (current === value) return true;
    if (editable(path)) {
      fixes.push({ path, value });
      return true;
    }
    fixes.push({ path, value, blocked: true });
    return false;
  };
  const sumOf = (values: unknown[]): number | undefined => (values.every(isCount) ? (values as number[]).reduce((a, b) => a + b, 0) : undefined);

  // 三: the total column of every row except （七）总计, which is settled below from the outcome rows.
  const totalRow = ['applications', 'outcomes', 'total'];
  for (const rowPath of applicantRowPaths(template)) {
    if (rowPath.join('/') === totalRow.join('/')) continue;
    const row = getIn(data, rowPath);
    if (!isObject(row)) continue;
    const sum = sumOf(APPLICANT_PARTS.map((c) => row[c]));
    if (sum !== undefined) set([...rowPath, 'total'], row.total, sum);
  }

  // 三（七）总计: each applicant column from the outcome rows, then its own total from those columns.
  const totals = getIn(data, totalRow);
  if (isObject(totals)) {
    const outcomeRows = outcomeRowPaths(template).map((p) => getIn(data, p));
    const columns = APPLICANT_PARTS.map((c) => {
      const sum = sumOf(outcomeRows.map((row) => (isObject(row) ? row[c] : undefined)));
      return sum !== undefined && set([...totalRow, c], totals[c], sum) ? sum : totals[c];
    });
    const grand = sumOf(columns);
    if (grand !== undefined) set([...totalRow, 'total'], totals.total, grand);
  }

  // 四: each group's 总计.
  for (const group of APPEAL_GROUPS) {
    const g = getIn(data, ['review_litigation', group]);
    if (!isObject(g)) continue;
    const sum = sumOf(APPEAL_PARTS.map((p) => g[p]));
    if (sum !== undefined) set(['review_litigation', group, 'total'], g.total, sum);
  }
  return fixes;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
