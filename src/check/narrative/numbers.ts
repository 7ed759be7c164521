/**
 * Numbers as Chinese reports write them: half-width 136, full-width １３６, and Chinese
 * numerals 一百三十六 / 三十 / 两 / 〇. Anything else (decimals, 1.2万, 百余) is not a number here.
 */

/** Full-width digits → ASCII, one character for one, so offsets into the text stay valid. */
export function normalizeDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export const CHINESE_NUMERAL = '零〇一二两三四五六七八九十百千万';
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三十 → 30, 一百零五 → 105, 十二 → 12, 两万三千 → 23000; undefined when malformed (三三, 十十). */
export function parseChineseNumeral(s: string): number | undefined {
  if (s === '' || /[^零〇一二两三四五六七八九十百千万]/.test(s)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGIT) {
      if (digit !== undefined && DIGIT[ch] !== 0 && digit !== 0) return undefined;
      digit = DIGIT[ch]!;
    } else if (ch === '万') {
      section += digit ?? 0;
      if (section === 0 && total === 0) return undefined;
      total = (total + section) * 10000;
      section = 0;
      digit = undefined;
      lastUnit = Infinity;
    } else {
      const unit = UNIT[ch]!;
      if (unit >= lastUnit) return undefined;
      // 十二 = 12: a leading 十 stands for 一十.
      section += (digit ?? (unit === 10 && section === 0 && total === 0 ? 1 : undefined) ?? NaN) * unit;
      if (Number.isNaN(section)) return undefined;
      lastUnit = unit;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** A number token as written: ASCII digits (after normalizeDigits, with optional 1,234 grouping) or Chinese numerals. */
export function parseNumberToken(token: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(token)) return Number(token.replace(/,/g, ''));
  return parseChineseNumeral(token);
}
