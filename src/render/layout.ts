/**
 * The official tables of both templates as grids (official-tables.md), shared by the
 * renderers (md, txt, html) and by the importer, which reads published tables back by the
 * same labels. A grid is HTML-like: covered slots of a rowspan/colspan are omitted.
 */
import type { JsonPath } from '../types.js';
import { APPLICANT_COLUMNS, outcomeGroups, type Template } from '../report-shape.js';

export type ValueKind = 'count' | 'change' | 'money';

export interface GridCell {
  text: string;
  colspan?: number;
  rowspan?: number;
  /** A header or label cell (rendered as <th>). */
  header?: boolean;
  /** A value cell: where its value is in the report. */
  path?: JsonPath;
  kind?: ValueKind;
}

export interface TableModel {
  /** The key of the section in the report. */
  section: 'proactive' | 'applications' | 'review_litigation';
  width: number;
  rows: GridCell[][];
}

export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  review_litigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other_matters: '六、其他需要报告的事项',
} as const;

export type SectionKey = keyof typeof SECTION_HEADINGS;
export const SECTION_ORDER: readonly SectionKey[] = ['overview', 'proactive', 'applications', 'review_litigation', 'problems', 'other_matters'];
export const TEXT_SECTIONS = ['overview', 'problems', 'other_matters'] as const;

/** One sub-table of 二: its heading, value columns and rows. */
export interface ProactiveTable {
  heading: string;
  columns: { key: string; label: string; kind: ValueKind }[];
  rows: { key: string; label: string }[];
}

export function proactiveTables(template: Template): ProactiveTable[] {
  if (template === 2019) {
    const items = [
      { key: 'last_year_items', label: '上一年项目数量', kind: 'count' as const },
      { key: 'change', label: '本年增/减', kind: 'change' as const },
    ];
    const decisions = { key: 'decisions', label: '处理决定数量', kind: 'count' as const };
    return [
      {
        heading: '第二十条第（一）项',
        columns: [
          { key: 'made', label: '本年新制作数量', kind: 'count' },
          { key: 'published', label: '本年新公开数量', kind: 'count' },
          { key: 'total_published', label: '对外公开总数量', kind: 'count' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normative_documents', label: '规范性文件' },
        ],
      },
      {
        heading: '第二十条第（五）项',
        columns: [...items, decisions],
        rows: [
          { key: 'licensing', label: '行政许可' },
          { key: 'other_services', label: '其他对外管理服务事项' },
        ],
      },
      {
        heading: '第二十条第（六）项',
        columns: [...items, decisions],
        rows: [
          { key: 'penalty', label: '行政处罚' },
          { key: 'coercion', label: '行政强制' },
        ],
      },
      { heading: '第二十条第（八）项', columns: items, rows: [{ key: 'fees', label: '行政事业性收费' }] },
      {
        heading: '第二十条第（九）项',
        columns: [
          { key: 'items', label: '采购项目数量', kind: 'count' },
          { key: 'amount', label: '采购总金额', kind: 'money' },
        ],
        rows: [{ key: 'procurement', label: '政府集中采购' }],
      },
    ];
  }
  const decisions = [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' as const }];
  return [
    {
      heading: '第二十条第（一）项',
      columns: [
        { key: 'issued', label: '本年制发件数', kind: 'count' },
        { key: 'repealed', label: '本年废止件数', kind: 'count' },
        { key: 'in_force', label: '现行有效件数', kind: 'count' },
      ],
      rows: [
        { key: 'regulations', label: '规章' },
        { key: 'normative_documents', label: '行政规范性文件' },
      ],
    },
    { heading: '第二十条第（五）项', columns: decisions, rows: [{ key: 'licensing', label: '行政许可' }] },
    {
      heading: '第二十条第（六）项',
      columns: decisions,
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
    },
    {
      heading: '第二十条第（八）项',
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'money' }],
      rows: [{ key: 'fees', label: '行政事业性收费' }],
    },
  ];
}

export const APPLICANT_LABELS: Record<(typeof APPLICANT_COLUMNS)[number], string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
  total: '总计',
};

const LEVEL1: Record<string, string> = {
  received: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  outcomes: '三、本年度办理结果',
  carried_forward: '四、结转下年度继续办理',
};

export const OUTCOME_GROUP_LABELS: Record<string, string> = {
  disclosed: '（一）予以公开',
  partly_disclosed: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unavailable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
  total: '（七）总计',
};

export const OUTCOME_ROW_LABELS: Record<string, Record<string, string>> = {
  withheld: {
    state_secret: '1.属于国家秘密',
    prohibited_by_law: '2.其他法律行政法规禁止公开',
    security_stability: '3.危及“三安全一稳定”',
    third_party_rights: '4.保护第三方合法权益',
    internal_affairs: '5.属于三类内部事务信息',
    process_information: '6.属于四类过程性信息',
    enforcement_files: '7.属于行政执法案卷',
    administrative_query: '8.属于行政查询事项',
  },
  unavailable: {
    not_held: '1.本机关不掌握相关政府信息',
    needs_creation: '2.没有现成信息需要另行制作',
    still_unclear: '3.补正后申请内容仍不明确',
  },
  not_processed: {
    complaint: '1.信访举报投诉类申请',
    repeated: '2.重复申请',
    publication: '3.要求提供公开出版物',
    excessive: '4.无正当理由大量反复申请',
    confirmation: '5.要求行政机关确认或重新出具已获取信息',
  },
  other: {
    overdue_correction: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    unpaid_fee: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    other: '3.其他',
  },
};

/** A data row of a table: its labels and value cells, in reading order. */
export interface DataRow {
  /** Path of the row mapping in the report (四: `review_litigation`, its one row holds three groups). */
  path: string[];
  /** The row's own label (the most specific one). */
  label: string;
  /** Column index of that label in the expanded grid. */
  labelColumn: number;
  /** Value cells: full path in the report, column in the expanded grid, kind. */
  values: { path: string[]; column: number; kind: ValueKind }[];
}

const wide = (text: string, colspan: number, rowspan = 1): GridCell => ({
  text,
  header: true,
  ...(colspan > 1 ? { colspan } : {}),
  ...(rowspan > 1 ? { rowspan } : {}),
});

/** 二 as one table four columns wide, as in the official Word template. */
export function proactiveModel(template: Template): TableModel {
  const width = 4;
  const rows: GridCell[][] = [];
  for (const table of proactiveTables(template)) {
    rows.push([wide(table.heading, width)]);
    rows.push([
      wide('信息内容', 1),
      ...table.columns.map((c, i) => wide(c.label, i === table.columns.length - 1 ? width - table.columns.length : 1)),
    ]);
    for (const row of table.rows) {
      rows.push([
        wide(row.label, 1),
        ...table.columns.map((c, i) => ({
          text: '',
          path: ['proactive', row.key, c.key],
          kind: c.kind,
          ...(i === table.columns.length - 1 && width - table.columns.length > 1 ? { colspan: width - table.columns.length } : {}),
        })),
      ]);
    }
  }
  return { section: 'proactive', width, rows };
}

const applicantCells = (path: string[]): GridCell[] => APPLICANT_COLUMNS.map((key) => ({ text: '', path: [...path, key], kind: 'count' as const }));

/** 三: the 申请人情况 header, then one row per data row with its labels spanned as in the template. */
export function applicationsModel(template: Template): TableModel {
  const rows: GridCell[][] = [
    [wide(BALANCE_NOTE, 3, 3), wide('申请人情况', 7)],
    [wide('自然人', 1, 2), wide('法人或其他组织', 5), wide('总计', 1, 2)],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((label) => wide(label, 1)),
  ];
  const groups = outcomeGroups(template);
  const outcomeRowCount = groups.reduce((n, g) => n + Math.max(1, g.rows.length), 0) + 1;
  rows.push([wide(LEVEL1.received!, 3), ...applicantCells(['applications', 'received'])]);
  rows.push([wide(LEVEL1.carried_over!, 3), ...applicantCells(['applications', 'carried_over'])]);
  let first = true;
  const outcomesLabel = () => {
    if (!first) return [];
    first = false;
    return [wide(LEVEL1.outcomes!, 1, outcomeRowCount)];
  };
  for (const group of groups) {
    const label = OUTCOME_GROUP_LABELS[group.key]!;
    if (group.rows.length === 0) {
      rows.push([...outcomesLabel(), wide(label, 2), ...applicantCells(['applications', 'outcomes', group.key])]);
      continue;
    }
    group.rows.forEach((rowKey, i) => {
      const lead = i === 0 ? [...outcomesLabel(), wide(label, 1, group.rows.length)] : [];
      rows.push([...lead, wide(OUTCOME_ROW_LABELS[group.key]![rowKey]!, 1), ...applicantCells(['applications', 'outcomes', group.key, rowKey])]);
    });
  }
  rows.push([wide(OUTCOME_GROUP_LABELS.total!, 2), ...applicantCells(['applications', 'outcomes', 'total'])]);
  rows.push([wide(LEVEL1.carried_forward!, 3), ...applicantCells(['applications', 'carried_forward'])]);
  return { section: 'applications', width: 10, rows };
}

export const APPEAL_COLUMN_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export const APPEAL_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export const APPEAL_GROUP_LABELS = { review: '行政复议', lawsuit: '行政诉讼', lawsuit_direct: '未经复议直接起诉', lawsuit_after_review: '复议后起诉' } as const;

/** 四: three header rows, then one data row of 15 numbers without a row label. */
export function reviewModel(): TableModel {
  const labels = (rowspan: number) => APPEAL_COLUMN_LABELS.map((l) => wide(l, 1, rowspan));
  const values = (group: string) => APPEAL_KEYS.map((key) => ({ text: '', path: ['review_litigation', group, key], kind: 'count' as const }));
  return {
    section: 'review_litigation',
    width: 15,
    rows: [
      [wide(APPEAL_GROUP_LABELS.review, 5), wide(APPEAL_GROUP_LABELS.lawsuit, 10)],
      [...labels(2), wide(APPEAL_GROUP_LABELS.lawsuit_direct, 5), wide(APPEAL_GROUP_LABELS.lawsuit_after_review, 5)],
      [...labels(1), ...labels(1)],
      [...values('review'), ...values('lawsuit_direct'), ...values('lawsuit_after_review')],
    ],
  };
}

export function tableModels(template: Template): TableModel[] {
  return [proactiveModel(template), applicationsModel(template), reviewModel()];
}

/** A slot of the expanded grid: the cell that starts there, or a slot covered by a span. */
export type Slot = { cell: GridCell; origin: true } | { cell: GridCell; origin: false };

/** Expand a grid into full rows (every row `width` slots), as a copied table reads. */
export function expandGrid(model: TableModel): Slot[][] {
  const out: Slot[][] = model.rows.map(() => []);
  model.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (out[r]![c]) c++;
      for (let dr = 0; dr < (cell.rowspan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colspan ?? 1); dc++) {
          const target = out[r + dr];
          if (target) target[c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colspan ?? 1;
    }
  });
  return out;
}

/** The data rows of a table model, with the grid columns of their label and values. */
export function dataRows(model: TableModel): DataRow[] {
  const grid = expandGrid(model);
  const rows: DataRow[] = [];
  grid.forEach((slots) => {
    const values: DataRow['values'] = [];
    let label: { text: string; column: number } | undefined;
    slots.forEach((slot, column) => {
      if (!slot.origin) return;
      if (slot.cell.path) values.push({ path: slot.cell.path.map(String), column, kind: slot.cell.kind ?? 'count' });
      else label = { text: slot.cell.text, column };
    });
    if (values.length === 0) return;
    const groups = new Set(values.map((v) => v.path.slice(0, -1).join('/')));
    const path = groups.size === 1 ? values[0]!.path.slice(0, -1) : [model.section];
    rows.push({ path, label: label?.text ?? '', labelColumn: label?.column ?? -1, values });
  });
  return rows;
}
