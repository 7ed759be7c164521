/**
 * The labels an importer recognises in the tables of each template: data rows (which open a
 * row of numbers), groups (三、本年度办理结果, （三）不予公开: context only) and headers
 * (column labels, 第二十条 headings, the 勾稽 note), with the template each one marks.
 */
import { APPEAL_COLUMN_LABELS, APPEAL_GROUP_LABELS, APPLICANT_LABELS, BALANCE_NOTE, dataRows, OUTCOME_GROUP_LABELS, proactiveTables, tableModels, type DataRow } from '../render/layout.js';
import type { Template } from '../report-shape.js';
import { levenshtein, normLabel, stripNumber } from './normalize.js';

export type LabelEntry =
  | { kind: 'row'; label: string; section: string; row: DataRow }
  | { kind: 'group'; label: string; section: string }
  | { kind: 'header'; label: string; section: string };

interface Keyed {
  entry: LabelEntry;
  keys: string[];
  /** Published variants read as this label, each worth a note. */
  aliases: string[];
}

export interface LabelMatch {
  entry: LabelEntry;
  /** How the text differed from the official label. */
  how: 'exact' | 'alias' | 'fuzzy';
}

export class LabelDictionary {
  private readonly entries: Keyed[] = [];

  constructor(readonly template: Template) {
    const add = (entry: LabelEntry, aliases: string[] = []) => {
      const n = normLabel(entry.label);
      const bare = stripNumber(n);
      const keys = [n];
      // Without its number only when the rest still says which row it is.
      if (bare !== n && bare.length >= 4) keys.push(bare);
      // （二）部分公开（区分处理的…）: copies often print only the part before the bracket.
      const core = n.replace(/\([^()]*\)$/, '');
      if (core !== n && core.length >= 4) keys.push(core, stripNumber(core));
      this.entries.push({ entry, keys, aliases: aliases.map(normLabel) });
    };
    for (const model of tableModels(template)) {
      for (const row of dataRows(model)) {
        if (row.label) add({ kind: 'row', label: row.label, section: model.section, row });
      }
      if (model.section === 'review_litigation') {
        const [row] = dataRows(model);
        this.reviewRow = row!;
      }
    }
    add({ kind: 'group', label: '三、本年度办理结果', section: 'applications' });
    for (const key of ['withheld', 'unavailable', 'not_processed', ...(template === 2021 ? ['other'] : [])]) {
      add({ kind: 'group', label: OUTCOME_GROUP_LABELS[key]!, section: 'applications' });
    }
    for (const table of proactiveTables(template)) {
      add({ kind: 'header', label: table.heading, section: 'proactive' });
      for (const c of table.columns) add({ kind: 'header', label: c.label, section: 'proactive' });
    }
    add({ kind: 'header', label: '信息内容', section: 'proactive' });
    add({ kind: 'header', label: BALANCE_NOTE, section: 'applications' });
    add({ kind: 'header', label: '申请人情况', section: 'applications' });
    add({ kind: 'header', label: '法人或其他组织', section: 'applications' });
    for (const label of Object.values(APPLICANT_LABELS)) {
      add({ kind: 'header', label, section: 'applications' }, label === '商业企业' ? ['商业机构'] : []);
    }
    for (const label of Object.values(APPEAL_GROUP_LABELS)) add({ kind: 'header', label, section: 'review_litigation' });
    for (const label of APPEAL_COLUMN_LABELS) add({ kind: 'header', label, section: 'review_litigation' });
  }

  /** 四 has one data row and no row label. */
  reviewRow!: DataRow;

  rows(section: string): DataRow[] {
    return this.entries.flatMap((k) => (k.entry.kind === 'row' && k.entry.section === section ? [k.entry.row] : []));
  }

  /** The entry a cell's text names, in the given section; fuzzy only when one label is clearly nearest. */
  match(text: string, section: string): LabelMatch | undefined {
    const n = normLabel(text);
    if (n === '') return undefined;
    // The 勾稽 note is worded in many ways; its keyword is enough.
    if (n.includes('勾稽')) return { entry: this.entries.find((k) => k.entry.label === BALANCE_NOTE)!.entry, how: 'exact' };
    const inSection = this.entries.filter((k) => k.entry.section === section);
    const exact = inSection.find((k) => k.keys.includes(n));
    if (exact) return { entry: exact.entry, how: 'exact' };
    const alias = inSection.find((k) => k.aliases.includes(n));
    if (alias) return { entry: alias.entry, how: 'alias' };
    if ([...n].length < 4) return undefined;
    let best: { k: Keyed; d: number } | undefined;
    let tie = false;
    const length = [...n].length;
    for (const k of inSection) {
      for (const key of k.keys) {
        const keyLength = [...key].length;
        // A label differs from its typo by a character or two: skip the hopeless comparisons.
        if (keyLength < 4 || Math.abs(keyLength - length) > 2) continue;
        const d = levenshtein(n, key);
        if (!best || d < best.d) {
          best = { k, d };
          tie = false;
        } else if (d === best.d && best.k !== k) tie = true;
      }
    }
    if (!best || tie) return undefined;
    const limit = [...n].length <= 6 ? 1 : 2;
    return best.d <= limit ? { entry: best.k.entry, how: 'fuzzy' } : undefined;
  }
}

/** Labels that only one template prints: the evidence for `template`. */
export const TEMPLATE_MARKERS: Record<Template, string[]> = {
  2019: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '其他对外管理服务事项', '规范性文件', '采购项目数量', '采购总金额', '政府集中采购', '第二十条第（九）项'],
  2021: [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '行政规范性文件',
    '本年处理决定数量',
    '本年收费金额（单位：万元）',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  ],
};

/** Which template's marker a text is (exactly, or within a typo), if any. */
export function markerOf(text: string): Template | undefined {
  const n = normLabel(text);
  if ([...n].length < 4) return undefined;
  let best: { t: Template; d: number } | undefined;
  for (const t of [2019, 2021] as const) {
    for (const m of TEMPLATE_MARKERS[t]) {
      if (Math.abs([...normLabel(m)].length - [...n].length) > 2) continue;
      const d = levenshtein(n, normLabel(m));
      if (!best || d < best.d) best = { t, d };
    }
  }
  if (!best) return undefined;
  // 规范性文件 inside 行政规范性文件 differs by two: exact or a one-character typo only.
  return best.d <= ([...n].length <= 6 ? 1 : 2) && !(best.d > 0 && ambiguousMarker(n)) ? best.t : undefined;
}

function ambiguousMarker(n: string): boolean {
  // Near misses of these are other labels (第二十条第（一）项 vs （九）项), not typos.
  return n.endsWith('规范性文件') || n.endsWith('处理决定数量') || n.startsWith('第二十条');
}
