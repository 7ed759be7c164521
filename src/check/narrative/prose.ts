import { CHINESE_NUMERAL, normalizeDigits, parseNumberToken } from './numbers.js';

/**
 * Prose prepared for pattern matching: full-width digits made ASCII, and a single line break
 * inside a paragraph removed (a block scalar wraps sentences anywhere). `offsets[i]` is where
 * character i came from in the original text, so findings can point at their line.
 */
export interface Prose {
  text: string;
  offsets: Int32Array;
  original: string;
}

/** The original wording of prepared text [start, end): quotes show digits as the clerk typed them. */
export function quoteOf(prose: Prose, start: number, end: number): string {
  if (end <= start) return '';
  return joinLines(prose.original.slice(prose.offsets[start], prose.offsets[end - 1]! + 1)).trim();
}

/**
 * Lines joined, each break dropped with the white space around it (what replacing every
 * `\s*\n\s*` by nothing does), in linear time: that regex retries from every space of a long
 * run of spaces without a line break.
 */
function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  return lines.map((line, i) => (i === 0 ? line.trimEnd() : i === lines.length - 1 ? line.trimStart() : line.trim())).join('');
}

export function prepare(original: string): Prose {
  // narrative-sum and narrative-table read the same sections of the same report: prepare once.
  const cached = PREPARED.get(original);
  if (cached) return cached;
  if (PREPARED.size >= 8) PREPARED.clear();
  const normalized = normalizeDigits(original);
  let offsets: Int32Array | undefined;
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
function offsetsOf(normalized: string): Int32Array {
  const offsets = new Int32Array(normalized.length);
  let count = 0;
  let endsWithBreak = false;
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    if (code === 0x0d) continue;
    if (code === 0x0a) {
      if (!endsWithBreak && nextLineBlank(normalized, i + 1)) {
        offsets[count++] = i;
        endsWithBreak = true;
      }
      continue;
    }
    offsets[count++] = i;
    endsWithBreak = false;
  }
  return offsets.subarray(0, count);
}

/** Counting units a total and its parts share. */
const UNITS = '条|件|篇|项|次|份|起|宗|期|个';
const UNIT_CHARS = UNITS.replaceAll('|', '');
const ARABIC = '\\d+(?:,\\d{3})*';
const CHINESE = `[${CHINESE_NUMERAL}]+`;
/** Words that make a number approximate or relative: a sentence with them is not checked. */
const VAGUE_BEFORE = /(约|近|逾|超过|超|达到近|不足|不到|将近|大约|第)$/;
const VAGUE_AFTER = /余|多|以上|以下|左右|上下/y;

// Every step below reads a bounded stretch of text around its anchor (其中, 收到申请…), so a
// text is read in time linear in its length however often it repeats the anchors. A statement
// that would need more is not understood, and is silent like any other (precision over recall).

/** Characters from the start of a clause to its stated number; real clauses are a few dozen. */
const MAX_CLAUSE = 200;
/** Characters of the list after 其中 up to the end of its sentence; real lists are a few hundred at most. */
const MAX_LIST = 500;
/** How far before 其中 its total may start. */
const TOTAL_WINDOW = 80;

const CLAUSE = 1;
const COLON = 2;
/**
 * Characters that end a clause: CLAUSE for both rules, COLON only for narrative-sum (where a
 * colon introduces the list); 0 for any other character.
 */
function markOf(code: number): number {
  switch (code) {
    case 0x0a: // \n
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff0c: // ，
    case 0xff1b: // ；
    case 0xff1f: // ？
      return CLAUSE;
    case 0x3a: // :
    case 0xff1a: // ：
      return COLON;
    default:
      return 0;
  }
}

/** 。！？!? and \n end a sentence. */
function isSentenceMark(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x21 || code === 0x3f || code === 0x0a;
}

/**
 * Clause and sentence boundaries of a prose, found in one pass each instead of a search back
 * (or ahead) from every anchor. `sumClauseStart[i]` / `tableClauseStart[i]`: just after the
 * last clause mark before i (0 if none); `sentenceEnd[i]`: the first sentence mark at or after
 * i (the text's length if none).
 */
interface Boundaries {
  sumClauseStart: Int32Array;
  tableClauseStart: Int32Array;
  sentenceEnd: Int32Array;
}

const BOUNDARIES = new WeakMap<Prose, Boundaries>();

function boundariesOf(prose: Prose): Boundaries {
  const cached = BOUNDARIES.get(prose);
  if (cached) return cached;
  const { text } = prose;
  const n = text.length;
  const sumClauseStart = new Int32Array(n + 1);
  const tableClauseStart = new Int32Array(n + 1);
  const sentenceEnd = new Int32Array(n + 1);
  let sumStart = 0;
  let tableStart = 0;
  for (let i = 0; i < n; i++) {
    const mark = markOf(text.charCodeAt(i));
    if (mark !== 0) {
      sumStart = i + 1;
      if (mark === CLAUSE) tableStart = i + 1;
    }
    sumClauseStart[i + 1] = sumStart;
    tableClauseStart[i + 1] = tableStart;
  }
  let end = n;
  sentenceEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    if (isSentenceMark(text.charCodeAt(i))) end = i;
    sentenceEnd[i] = end;
  }
  const boundaries = { sumClauseStart, tableClauseStart, sentenceEnd };
  BOUNDARIES.set(prose, boundaries);
  return boundaries;
}

/** VAGUE_BEFORE on the end of a text: its words are at most 3 characters, so only the end is read. */
const endsVague = (text: string) => VAGUE_BEFORE.test(text.slice(-4));
const endsWithNumeral = (text: string) => text !== '' && CHINESE_NUMERAL.includes(text[text.length - 1]!);

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
  let boundaries: Boundaries | undefined;
  for (let at = text.indexOf('其中'); at !== -1; ) {
    // The next 其中 too: a list that holds it is not understood.
    const next = text.indexOf('其中', at + 2);
    const unitAt = unitBefore(text, at);
    if (unitAt !== -1) {
      for (const style of ['arabic', 'chinese'] as const) {
        const statement = statementAt(prose, (boundaries ??= boundariesOf(prose)), at, unitAt, next, style);
        if (statement) out.push(statement);
      }
    }
    at = next;
  }
  return out;
}

/**
 * Where the total's unit (条, 件…) is when one comes before 其中 after at most white space and
 * one clause mark, as the total pattern needs at its end; else -1. Reading back a few
 * characters first spares most anchors the pattern.
 */
function unitBefore(text: string, at: number): number {
  const from = Math.max(0, at - TOTAL_WINDOW);
  let i = at - 1;
  while (i >= from && isSpace(text.charCodeAt(i))) i--;
  if (i >= from && TOTAL_MARKS.has(text.charCodeAt(i))) {
    i--;
    while (i >= from && isSpace(text.charCodeAt(i))) i--;
  }
  return i >= from && UNIT_CODES.has(text.charCodeAt(i)) ? i : -1;
}

// Character tests on code units: in this loop, text[i] would allocate a string per CJK character.
const codesOf = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const UNIT_CODES = codesOf(UNIT_CHARS);
const TOTAL_MARKS = codesOf('，,；;。：:');
const NUMERAL_CODES = codesOf(CHINESE_NUMERAL);
/** What the pattern `\s` matches. */
const isSpace = (c: number) =>
  (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isNumberChar = (c: number, style: 'arabic' | 'chinese') => (style === 'arabic' ? (c >= 0x30 && c <= 0x39) || c === 0x2c : NUMERAL_CODES.has(c));

/** The total before 其中, and one `label number unit` clause of the list, per numeral style (built once). */
const PATTERNS = Object.fromEntries(
  (['arabic', 'chinese'] as const).map((style) => {
    const num = style === 'arabic' ? ARABIC : CHINESE;
    return [style, {
      total: new RegExp(`(${num})\\s*(${UNITS})\\s*[，,；;。：:]?\\s*$`),
      // A label holds no digit (one would be a second number in the clause): leaving digits out
      // of it here, rather than rejecting such a label afterwards, keeps a run of digits from
      // being retried at each of its positions.
      chunk: new RegExp(`\\s*([^，,；;\\d]+?)(${num})\\s*(${UNITS})\\s*(?:[、和及与，,；;]\\s*|$)`, 'y'),
    }];
  }),
) as Record<'arabic' | 'chinese', { total: RegExp; chunk: RegExp }>;

/** After 其中: 包括/有/分别为… and punctuation before the list. */
const INTRO = /[：:，,]?\s*(包括|包含|分别为|分别是|有|为)?[：:，,]?\s*/y;
const LIST_TRAILER = /[，,；;、\s]/;
const NOT_A_PLAIN_LIST = /[（(）)%％]/;

function statementAt(prose: Prose, boundaries: Boundaries, at: number, unitAt: number, nextAnchor: number, style: 'arabic' | 'chinese'): SumStatement | undefined {
  const { text } = prose;
  // The total's number ends before the unit (and white space): the pattern can only start in
  // that run of number characters within the window, so it is tried there alone.
  const from = Math.max(0, at - TOTAL_WINDOW);
  let numberEnd = unitAt;
  while (numberEnd > from && isSpace(text.charCodeAt(numberEnd - 1))) numberEnd--;
  let numberStart = numberEnd;
  while (numberStart > from && isNumberChar(text.charCodeAt(numberStart - 1), style)) numberStart--;
  if (numberStart === numberEnd) return undefined;
  const patterns = PATTERNS[style];
  const totalMatch = patterns.total.exec(text.slice(numberStart, at));
  if (!totalMatch) return undefined;
  const totalStart = numberStart + totalMatch.index;
  const clauseStart = boundaries.sumClauseStart[totalStart]!;
  if (totalStart - clauseStart > MAX_CLAUSE) return undefined;
  const lead = text.slice(clauseStart, totalStart);
  if (endsVague(lead) || (style === 'chinese' && endsWithNumeral(lead))) return undefined;
  const total = parseNumberToken(totalMatch[1]!);
  const unit = totalMatch[2]!;
  if (total === undefined) return undefined;

  // The list: after 其中 (and 包括/有/分别为…), up to the end of the sentence.
  INTRO.lastIndex = at + 2;
  const intro = INTRO.exec(text)!;
  const listStart = at + 2 + intro[0].length;
  const sentenceEnd = boundaries.sentenceEnd[listStart]!;
  if (sentenceEnd - listStart > MAX_LIST) return undefined;
  let listEnd = sentenceEnd;
  while (listEnd > listStart && LIST_TRAILER.test(text[listEnd - 1]!)) listEnd--;
  if (listEnd === listStart || (nextAnchor !== -1 && nextAnchor + 2 <= listEnd)) return undefined;
  const list = text.slice(listStart, listEnd);
  if (NOT_A_PLAIN_LIST.test(list)) return undefined;

  const parts: { label: string; value: number }[] = [];
  const chunk = patterns.chunk;
  for (let offset = 0; offset < list.length; offset = chunk.lastIndex) {
    chunk.lastIndex = offset;
    const c = chunk.exec(list);
    if (!c) return undefined;
    const [, label, token, partUnit] = c;
    // 余/多/以上 after a number fail the chunk pattern itself (the unit must follow the number).
    if (partUnit !== unit || endsVague(label!)) return undefined;
    if (style === 'chinese' && endsWithNumeral(label!)) return undefined;
    if (!/\p{Script=Han}|[A-Za-z]/u.test(label!)) return undefined;
    const value = parseNumberToken(token!);
    if (value === undefined) return undefined;
    parts.push({ label: label!.trim(), value });
  }
  if (parts.length < 2) return undefined;
  const exhaustive = /分别/.test(intro[1] ?? '') || /^(其他|其它|其余|剩余|另有|另)/.test(parts[parts.length - 1]!.label);
  return { total, totalAt: totalStart, parts, exhaustive, quote: `${quoteOf(prose, clauseStart, listStart)}……` };
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
/** “5件（含上年结转1件）”: the number is not the table's cell alone. */
const INCLUDES_AFTER = /\s*[（(]?\s*(含|其中|包括|包含)/y;

/** Statements of 收到申请N件, 办理结果总计N件, 行政复议N件, 行政诉讼N件 about the report's own year. */
export function tableClaims(prose: Prose, year: number): TableClaim[] {
  const out: TableClaim[] = [];
  const { text } = prose;
  let boundaries: Boundaries | undefined;
  for (const { kind, re } of CLAIMS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const clauseStart = (boundaries ??= boundariesOf(prose)).tableClauseStart[m.index]!;
      if (m.index - clauseStart > MAX_CLAUSE) continue;
      const end = m.index + m[0].length;
      const clause = text.slice(clauseStart, end);
      const lead = text.slice(clauseStart, m.index);
      if (OTHER_TIME.test(clause) || /(未|没有|无)$/.test(lead) || endsVague(lead.trimEnd())) continue;
      if (matchesAt(VAGUE_AFTER, text, end) || matchesAt(INCLUDES_AFTER, text, end)) continue;
      const years = [...clause.matchAll(/(\d{4})\s*年/g)].map((y) => Number(y[1]));
      if (years.some((y) => y !== year)) continue;
      // 行政复议和行政诉讼N件 / 行政复议、行政诉讼各N件: one number for two tables.
      if (kind === 'lawsuit' && /行政复议\s*(和|及|与|、|或)\s*$/.test(lead)) continue;
      if (style(m[1]!) === 'chinese' && endsWithNumeral(lead)) continue;
      const value = parseNumberToken(m[1]!);
      if (value === undefined) continue;
      out.push({ kind, value, at: m.index, quote: quoteOf(prose, clauseStart, end) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Whether a sticky pattern matches at `at` (without copying the rest of the text). */
function matchesAt(sticky: RegExp, text: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

const style = (token: string) => (/^\d/.test(token) ? 'arabic' : 'chinese');
