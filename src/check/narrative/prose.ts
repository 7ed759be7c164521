import { CHINESE_NUMERAL, normalizeDigits, parseNumberToken } from './numbers.js';

/**
 * Prose prepared for pattern matching: full-width digits made ASCII, and a single line break
 * inside a paragraph removed (a block scalar wraps sentences anywhere). `offsets[i]` is where
 * character i came from in the original text, so findings can point at their line.
 */
export interface Prose {
  text: string;
  offsets: number[];
  original: string;
}

/** The original wording of prepared text [start, end): quotes show digits as the clerk typed them. */
export function quoteOf(prose: Prose, start: number, end: number): string {
  if (end <= start) return '';
  return prose.original.slice(prose.offsets[start], prose.offsets[end - 1]! + 1).replace(/\s*\n\s*/g, '').trim();
}

export function prepare(original: string): Prose {
  // narrative-sum and narrative-table read the same sections of the same report: prepare once.
  const cached = PREPARED.get(original);
  if (cached) return cached;
  if (PREPARED.size >= 8) PREPARED.clear();
  const normalized = normalizeDigits(original);
  let offsets: number[] | undefined;
  const parts: string[] = [];
  let endsWithBreak = false;
  for (let i = 0; i < normalized.length; ) {
    let j = normalized.indexOf('\n', i);
    if (j === -1) j = normalized.length;
    const line = normalized.slice(i, j);
    const kept = line.includes('\r') ? line.replaceAll('\r', '') : line;
    if (kept !== '') {
      parts.push(kept);
      endsWithBreak = false;
    }
    // A blank line ends a paragraph: keep one break there; otherwise the line simply continues.
    if (j < normalized.length && !endsWithBreak && nextLineBlank(normalized, j + 1)) {
      parts.push('\n');
      endsWithBreak = true;
    }
    i = j + 1;
  }
  const text = parts.join('');
  const prose: Prose = {
    text,
    original,
    // Only a finding needs them: computed on first use.
    get offsets() {
      return (offsets ??= offsetsOf(normalized));
    },
  };
  PREPARED.set(original, prose);
  return prose;
}

const PREPARED = new Map<string, Prose>();

function nextLineBlank(text: string, from: number): boolean {
  let k = from;
  while (text[k] === ' ' || text[k] === '\t') k++;
  if (text[k] === '\r') k++;
  return text[k] === '\n';
}

/** Where each character of the prepared text came from (the same walk as prepare, one character at a time). */
function offsetsOf(normalized: string): number[] {
  const offsets: number[] = [];
  let endsWithBreak = false;
  for (let i = 0; i < normalized.length; i++) {
    const ch = normalized[i]!;
    if (ch === '\r') continue;
    if (ch === '\n') {
      if (!endsWithBreak && nextLineBlank(normalized, i + 1)) {
        offsets.push(i);
        endsWithBreak = true;
      }
      continue;
    }
    offsets.push(i);
    endsWithBreak = false;
  }
  return offsets;
}

/** Counting units a total and its parts share. */
const UNITS = '条|件|篇|项|次|份|起|宗|期|个';
const ARABIC = '\\d+(?:,\\d{3})*';
const CHINESE = `[${CHINESE_NUMERAL}]+`;
/** Words that make a number approximate or relative: a sentence with them is not checked. */
const VAGUE_BEFORE = /(约|近|逾|超过|超|达到近|不足|不到|将近|大约|第)$/;
const VAGUE_AFTER = /^(余|多|以上|以下|左右|上下)/;

export interface SumStatement {
  /** The stated total and where its number starts in the prose. */
  total: number;
  totalAt: number;
  parts: { label: string; value: number }[];
  /**
   * Whether the list claims to be complete: 分别为/分别是, or a last part 其他/其余… . A plain
   * “其中” often names only some parts, so a list that falls short of the total is not a contradiction.
   */
  exhaustive: boolean;
  /** The sentence as quoted in a message: the total's clause and the start of the list. */
  quote: string;
}

/**
 * Statements of a total and its parts: “累计主动公开信息136条，其中包括政策解读30条，…，
 * 政府工作报告、年度总结3条”. Precision over recall: the list must run to the end of its
 * sentence with every clause a `label number unit` in the total's unit and numeral style;
 * anything else (percentages, approximate numbers, brackets, a trailing remark) → not a statement.
 */
export function sumStatements(prose: Prose): SumStatement[] {
  const out: SumStatement[] = [];
  const { text } = prose;
  const anchor = /其中/g;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    for (const style of ['arabic', 'chinese'] as const) {
      const statement = statementAt(prose, m.index, style);
      if (statement) out.push(statement);
    }
  }
  return out;
}

const ENDS_WITH_NUMERAL = new RegExp(`[${CHINESE_NUMERAL}]$`);
/** The total before 其中, and one `label number unit` clause of the list, per numeral style (built once). */
const PATTERNS = Object.fromEntries(
  (['arabic', 'chinese'] as const).map((style) => {
    const num = style === 'arabic' ? ARABIC : CHINESE;
    return [style, {
      total: new RegExp(`(${num})\\s*(${UNITS})\\s*[，,；;。：:]?\\s*$`),
      chunk: new RegExp(`^\\s*([^，,；;]+?)(${num})\\s*(${UNITS})\\s*(?:[、和及与，,；;]\\s*|$)`),
    }];
  }),
) as Record<'arabic' | 'chinese', { total: RegExp; chunk: RegExp }>;

function statementAt(prose: Prose, at: number, style: 'arabic' | 'chinese'): SumStatement | undefined {
  const { text } = prose;
  const before = text.slice(Math.max(0, at - 80), at);
  const patterns = PATTERNS[style];
  const totalMatch = patterns.total.exec(before);
  if (!totalMatch) return undefined;
  const totalStart = at - before.length + totalMatch.index;
  const clauseStart = Math.max(...['，', ',', '；', ';', '。', '：', ':', '\n', '！', '？'].map((c) => text.lastIndexOf(c, totalStart - 1))) + 1;
  const lead = text.slice(clauseStart, totalStart);
  if (VAGUE_BEFORE.test(lead) || (style === 'chinese' && ENDS_WITH_NUMERAL.test(lead))) return undefined;
  const total = parseNumberToken(totalMatch[1]!);
  const unit = totalMatch[2]!;
  if (total === undefined) return undefined;

  // The list: after 其中 (and 包括/有/分别为…), up to the end of the sentence.
  let rest = text.slice(at + 2);
  const intro = /^[：:，,]?\s*(包括|包含|分别为|分别是|有|为)?[：:，,]?\s*/.exec(rest)!;
  rest = rest.slice(intro[0].length);
  const end = rest.search(/[。！？!?\n]|$/);
  const list = rest.slice(0, end).replace(/[，,；;、\s]+$/, '');
  if (list === '' || /[（(）)%％]/.test(list) || /其中/.test(list)) return undefined;

  const parts: { label: string; value: number }[] = [];
  const chunk = patterns.chunk;
  let tail = list;
  while (tail.length > 0) {
    const c = chunk.exec(tail);
    if (!c) return undefined;
    const [, label, token, partUnit] = c;
    const next = tail.slice(c[0].length);
    // 余/多/以上 after a number fail the chunk pattern itself (the unit must follow the number).
    if (partUnit !== unit || VAGUE_BEFORE.test(label!)) return undefined;
    // A label holds words only: digits of the other style would be a second number in the clause.
    if (/\d/.test(label!) || (style === 'chinese' && ENDS_WITH_NUMERAL.test(label!))) return undefined;
    if (!/\p{Script=Han}|[A-Za-z]/u.test(label!)) return undefined;
    const value = parseNumberToken(token!);
    if (value === undefined) return undefined;
    parts.push({ label: label!.trim(), value });
    tail = next;
  }
  if (parts.length < 2) return undefined;
  const quoteEnd = at + 2 + intro[0].length;
  const exhaustive = /分别/.test(intro[1] ?? '') || /^(其他|其它|其余|剩余|另有|另)/.test(parts[parts.length - 1]!.label);
  return { total, totalAt: totalStart, parts, exhaustive, quote: `${quoteOf(prose, clauseStart, quoteEnd)}……` };
}

/** A number the prose states that a table cell also holds. */
export interface TableClaim {
  /** Which table number: received, outcomes, review, lawsuit. */
  kind: 'received' | 'outcomes' | 'review' | 'lawsuit';
  value: number;
  at: number;
  quote: string;
}

const NUM = `(${ARABIC}|${CHINESE})`;
const APPLICATION = '(?:各类|各种)?(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请(?:数量)?';
const AMOUNT = '(?:共|共计|合计|总计|累计)?(?:为)?\\s*';
const CLAIMS: { kind: TableClaim['kind']; re: RegExp }[] = [
  { kind: 'received', re: new RegExp(`(?:收到|新收)${APPLICATION}${AMOUNT}${NUM}\\s*件(?!次)`, 'g') },
  { kind: 'outcomes', re: new RegExp(`办理结果(?:总计|共计|合计)(?:为)?\\s*${NUM}\\s*件(?!次)`, 'g') },
  { kind: 'outcomes', re: new RegExp(`办结${APPLICATION}${AMOUNT}${NUM}\\s*件(?!次)`, 'g') },
  { kind: 'review', re: new RegExp(`行政复议(?:案件|申请)?${AMOUNT}${NUM}\\s*(?:件|起|宗)(?!次)`, 'g') },
  { kind: 'lawsuit', re: new RegExp(`行政诉讼(?:案件)?${AMOUNT}${NUM}\\s*(?:件|起|宗)(?!次)`, 'g') },
];
/** A clause about another year, or a comparison, is not about this report's table. */
const OTHER_TIME = /去年|上年|上一年|前年|往年|同比|较上|比上|以来|累计至/;

/** Statements of 收到申请N件, 办理结果总计N件, 行政复议N件, 行政诉讼N件 about the report's own year. */
export function tableClaims(prose: Prose, year: number): TableClaim[] {
  const out: TableClaim[] = [];
  const { text } = prose;
  for (const { kind, re } of CLAIMS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const clauseStart = Math.max(...['，', ',', '；', ';', '。', '\n', '！', '？'].map((c) => text.lastIndexOf(c, m!.index - 1))) + 1;
      const clause = text.slice(clauseStart, m.index + m[0].length);
      const lead = text.slice(clauseStart, m.index);
      if (OTHER_TIME.test(clause) || /(未|没有|无)$/.test(lead) || VAGUE_BEFORE.test(lead.replace(/\s+$/, ''))) continue;
      const after = text.slice(m.index + m[0].length);
      // “5件（含上年结转1件）”: the number is not the table's cell alone.
      if (VAGUE_AFTER.test(after) || /^\s*[（(]?\s*(含|其中|包括|包含)/.test(after)) continue;
      const years = [...clause.matchAll(/(\d{4})\s*年/g)].map((y) => Number(y[1]));
      if (years.some((y) => y !== year)) continue;
      // 行政复议和行政诉讼N件 / 行政复议、行政诉讼各N件: one number for two tables.
      if (kind === 'lawsuit' && /行政复议\s*(和|及|与|、|或)\s*$/.test(lead)) continue;
      if (style(m[1]!) === 'chinese' && ENDS_WITH_NUMERAL.test(lead)) continue;
      const value = parseNumberToken(m[1]!);
      if (value === undefined) continue;
      out.push({ kind, value, at: m.index, quote: quoteOf(prose, clauseStart, m.index + m[0].length) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

const style = (token: string) => (/^\d/.test(token) ? 'arabic' : 'chinese');
