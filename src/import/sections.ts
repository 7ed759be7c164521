/**
 * Split a published report into its title and sections 一 … 六 at their headings (worded
 * as they may be: 一、工作开展情况, 四、因政府信息公开工作被申请行政复议…), and read the
 * text sections as paragraphs, rejoining sentences that a page break split.
 */
import { SECTION_HEADINGS, SECTION_ORDER, type SectionKey } from '../render/layout.js';
import type { Notes } from './notes.js';
import type { Block } from './source.js';

export interface SplitReport {
  title?: { text: string; line: number };
  published?: string;
  sections: Partial<Record<SectionKey, { line: number; blocks: Block[] }>>;
  lastLine: number;
}

const NUMERALS = '一二三四五六';
const HEADING = /^([一二三四五六])[、.,]\s*(.+)$/;

/** What each heading must say besides its number, so that table rows such as 四、结转下年度继续办理 are not taken for one. */
const HEADING_WORDS: ((rest: string) => boolean)[] = [
  (rest) => !/本年新收|上年结转|申请数量/.test(rest),
  (rest) => /主动公开/.test(rest),
  // Not 三、依申请公开情况, a common sub-heading of 一.
  (rest) => /收到|申请情况/.test(rest) && !/数量/.test(rest),
  (rest) => /复议|诉讼/.test(rest),
  (rest) => /问题|改进/.test(rest),
  (rest) => /其他|其它|事项/.test(rest),
];

function headingOf(block: Block, after: number): number | undefined {
  if (block.kind !== 'text' || /\t|^\s*\|/.test(block.text)) return undefined;
  const text = block.text.normalize('NFKC').replace(/[#*>]/g, '').replace(/\s+/g, '');
  if (text.length > 45) return undefined;
  const m = HEADING.exec(text);
  if (!m) return undefined;
  const index = NUMERALS.indexOf(m[1]!);
  return index > after && HEADING_WORDS[index]!(m[2]!) ? index : undefined;
}

export function splitSections(blocks: readonly Block[], notes: Notes): SplitReport {
  const out: SplitReport = { sections: {}, lastLine: 0 };
  const titles: { text: string; line: number }[] = [];
  let current = -1;
  for (const block of blocks) {
    const isEmpty = block.kind === 'text' ? block.text.trim() === '' : block.cells.every((c) => c.text.trim() === '');
    if (!isEmpty) out.lastLine = Math.max(out.lastLine, block.line);
    const index = headingOf(block, current);
    if (index !== undefined) {
      current = index;
      const key = SECTION_ORDER[index]!;
      out.sections[key] = { line: block.line, blocks: [] };
      const said = (block as { text: string }).text.normalize('NFKC').replace(/[#*>\s]/g, '');
      const official = SECTION_HEADINGS[key].normalize('NFKC');
      if (said !== official) notes.info(block.line, 'headingReworded', { raw: said, heading: SECTION_HEADINGS[key] });
      continue;
    }
    if (current >= 0) {
      out.sections[SECTION_ORDER[current]!]!.blocks.push(block);
      continue;
    }
    if (block.kind !== 'text' || isEmpty) continue;
    const text = block.text.normalize('NFKC');
    const date = /发布(?:日期|时间)[:：]?\s*(\d{4}-\d{2}-\d{2})/.exec(text);
    if (date) out.published = date[1]!;
    else if (/报告|年报/.test(text)) titles.push({ text: block.text, line: block.line });
  }
  // Web pages print menus before the title (政府信息公开年报): prefer a line that names a year.
  out.title = titles.find((c) => /(\d|[〇零一二三四五六七八九]){4}\s*年/.test(c.text.normalize('NFKC'))) ?? titles[0];
  return out;
}

/** 《中华人民共和国政府信息公开条例》 reports are titled `机关 + 年份 + 政府信息公开工作年度报告`. */
export function readTitle(title: SplitReport['title'], notes: Notes): { year: number | null; agency: string | null } {
  if (!title) {
    notes.warn(1, 'titleMissing');
    return { year: null, agency: null };
  }
  const text = title.text
    .normalize('NFKC')
    .replace(/[#*\s]/g, '')
    // 二〇二一年 → 2021年
    .replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => [...y].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join(''));
  let agency: string | undefined;
  let year: string | undefined;
  const agencyFirst = /^(.+?)(?:关于)?(\d{4})年度?(?:的)?政府信息公开/.exec(text);
  const yearFirst = /^(\d{4})年度?(.+?)政府信息公开/.exec(text);
  const yearLast = /^(.+?)政府信息公开(?:工作)?(\d{4})年度?(?:工作)?(?:年度)?报告/.exec(text);
  if (agencyFirst) [, agency, year] = agencyFirst;
  else if (yearFirst) [, year, agency] = yearFirst;
  else if (yearLast) [, agency, year] = yearLast;
  else year = /(\d{4})年/.exec(text)?.[1];
  agency = agency?.replace(/关于$/, '').replace(/^[《“]/, '');
  if (!year || !agency) notes.warn(title.line, 'titleMissing');
  let fullAgency = agency || null;
  // A title names a local government by its place (盐池县王乐井乡); the agency is its 人民政府.
  if (agency && /(省|市|县|区|乡|镇|旗|州|盟)$/.test(agency)) {
    fullAgency = `${agency}人民政府`;
    notes.info(title.line, 'agencyCompleted', { raw: agency, agency: fullAgency });
  }
  return { year: year ? Number(year) : null, agency: fullAgency };
}

const ENDS_MID_SENTENCE = /[\p{Script=Han}A-Za-z0-9]$/u;
const STARTS_NEW_ITEM = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[#*>|-]|第[一二三四五六七八九十]+)/;
const CONTINUES = /^[\p{Script=Han}《“"0-9A-Za-z]/u;

/**
 * A text section as paragraphs joined by newlines; null when it has no text. In plain text
 * (a Word document copied as text: one paragraph per line) a page break leaves blank lines;
 * a paragraph that stops mid-sentence before such a gap is joined with the next one.
 */
export function readText(blocks: readonly Block[] | undefined, notes: Notes, joinPageBreaks = false): string | null {
  const paragraphs: { text: string; line: number }[] = [];
  let gap = false;
  for (const block of blocks ?? []) {
    const text = block.kind === 'text' ? block.text.trim() : block.cells.map((c) => c.text.trim()).filter(Boolean).join(' ');
    if (!text) {
      gap = true;
      continue;
    }
    const prev = paragraphs[paragraphs.length - 1];
    const afterGap = gap;
    gap = false;
    if (joinPageBreaks && afterGap && prev && ENDS_MID_SENTENCE.test(prev.text) && CONTINUES.test(text) && !STARTS_NEW_ITEM.test(text)) {
      prev.text += text;
      notes.info(block.line, 'sentenceJoined');
      continue;
    }
    paragraphs.push({ text, line: block.line });
  }
  return paragraphs.length > 0 ? paragraphs.map((p) => p.text).join('\n') : null;
}
