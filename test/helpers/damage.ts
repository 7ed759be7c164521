/**
 * Damage a rendered report the way published copies are damaged (README, Importing published
 * reports). Each damage returns the damaged text, its input type and the lines it changed: an
 * importer may only get a number wrong if it says so at one of those lines.
 */
import { renderReport } from '../../src/render/index.js';
import type { Report } from '../../src/types.js';

export interface Damaged {
  text: string;
  type: 'txt' | 'md';
  /** 1-based lines of `text` that the damage touched. */
  lines: Set<number>;
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

/** Index of the first txt line whose tab-separated cells include `label`. */
export function rowLine(lines: string[], label: string): number {
  const i = lines.findIndex((l) => l.split('\t').some((c) => c === label));
  if (i < 0) throw new Error(`no row ${label}`);
  return i;
}

function txt(report: Report) {
  return renderReport(report, 'txt').split('\n');
}

function editCells(report: Report, label: string, edit: (cell: string, index: number) => string): Damaged {
  const lines = txt(report);
  const i = rowLine(lines, label);
  const cells = lines[i]!.split('\t');
  const at = cells.indexOf(label);
  lines[i] = cells.map((c, k) => (k > at && c !== '' ? edit(c, k - at - 1) : c)).join('\t');
  return { text: lines.join('\n'), type: 'txt', lines: new Set([i + 1]) };
}

function replaceText(report: Report, pairs: [string, string][], to: 'txt' | 'md' = 'txt'): Damaged {
  const lines = renderReport(report, to).split('\n');
  const touched = new Set<number>();
  lines.forEach((line, i) => {
    let next = line;
    for (const [from, toText] of pairs) next = next.split(from).join(toText);
    if (next !== line) touched.add(i + 1);
    lines[i] = next;
  });
  return { text: lines.join('\n'), type: to, lines: touched };
}

export const damages = {
  /** A web table copied one cell per line, each line `| cell`, empty cells kept. */
  cellPerLine(report: Report): Damaged {
    const out: string[] = [];
    const touched = new Set<number>();
    for (const line of renderReport(report, 'md').split('\n')) {
      if (!line.startsWith('| ')) {
        out.push(line);
        continue;
      }
      for (const cell of line.slice(2, -2).split(' | ')) {
        out.push(`| ${cell}`);
        touched.add(out.length);
      }
    }
    return { text: out.join('\n'), type: 'md', lines: touched };
  },
  /** Blank cells where 0 is meant (and any other value of the row, for good measure). */
  blankCells: (report: Report) => editCells(report, '（一）予以公开', (c, i) => (i % 2 === 0 ? '' : c)),
  dashCells: (report: Report) => editCells(report, '规章', (c, i) => (i === 0 ? '/' : i === 1 ? '—' : c)),
  signs: (report: Report) => editCells(report, '二、上年结转政府信息公开申请数量', (c) => `+${c}`),
  fullWidth: (report: Report) => editCells(report, '一、本年新收政府信息公开申请数量', (c) => c.replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!)),
  /** 160.5964万元 in a 万元 column, and 251000元 for 25.1 万元. */
  units(report: Report, yuan: boolean): Damaged {
    const money = report.template === 2019 ? ['procurement', 'amount'] : ['fees', 'amount'];
    const value = yuan ? 25.1 : 160.5964;
    const copy = structuredClone(report);
    copy.proactive[money[0]!][money[1]!] = value;
    const label = report.template === 2019 ? '政府集中采购' : '行政事业性收费';
    const damaged = editCells(copy, label, (c, i) => (i === (report.template === 2019 ? 1 : 0) ? (yuan ? '251000元' : '160.5964万元') : c));
    return damaged;
  },
  labelTypos: (report: Report) =>
    replaceText(report, [
      ['三类内部事务信息', '三类内容事务信息'],
      ['本年制发件数', '本年发件数'],
      ['现行有效件数', '现行有效件'],
    ]),
  labelSpaces: (report: Report) =>
    replaceText(report, [
      ['商业企业', '商业 企业'],
      ['三、本年度办理结果', '三、本 年度办 理结果'],
      ['（三）不予公开', '（三） 不予公开'],
      ['行政许可', '行政 许可'],
    ]),
  commercialInstitution: (report: Report) => replaceText(report, [['商业企业', '商业机构']]),
  rewordedHeadings: (report: Report) =>
    replaceText(report, [
      ['四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议提起行政诉讼情况'],
      ['五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题及改进情况'],
    ]),
  /** The copy ends after the 2.重复申请 row of table 三. */
  truncated(report: Report): Damaged {
    const lines = txt(report);
    const i = rowLine(lines, '2.重复申请');
    return { text: lines.slice(0, i + 1).join('\n') + '\n', type: 'txt', lines: new Set([i + 1]) };
  },
  /** A page break inside a sentence of 一 and between two rows of table 三. */
  pageBreaks(report: Report): Damaged {
    const lines = txt(report);
    const overview = lines.indexOf('一、总体情况') + 2;
    const para = lines[overview]!;
    const chars = [...para];
    const cut = chars.findIndex((c, k) => k > 0 && /\p{Script=Han}/u.test(c) && /\p{Script=Han}/u.test(chars[k - 1]!) && c !== '第' && k >= chars.length / 3);
    const touched = new Set<number>();
    if (cut > 0) {
      lines.splice(overview, 1, chars.slice(0, cut).join(''), '', '', chars.slice(cut).join(''));
      touched.add(overview + 1).add(overview + 4);
    }
    const row = rowLine(lines, '4.保护第三方合法权益');
    lines.splice(row, 0, '', '');
    touched.add(row + 3);
    return { text: lines.join('\n'), type: 'txt', lines: touched };
  },
  /** One number missing from a row. */
  missingNumber: (report: Report, label: string, at: number) => {
    const damaged = editCells(report, label, (c, i) => (i === at ? '\u0000' : c));
    return { ...damaged, text: damaged.text.replace(/\t\u0000/, '') };
  },
  /** One number too many in a row (as `(六)其他处理` in the seed). */
  surplusNumber: (report: Report, label: string, extra: string, at: number) =>
    editCells(report, label, (c, i) => (i === at ? `${extra}\t${c}` : c)),
};
