/** What one table cell of a published report holds: nothing, a dash, a number, or text. */
import type { ValueKind } from '../render/layout.js';

export type NumberNote = 'fullWidth' | 'sign' | 'thousands' | 'unitRemoved' | 'unitConverted';

export type CellValue =
  | { type: 'blank' }
  | { type: 'dash'; raw: string }
  | { type: 'number'; raw: string; digits: string; sign: '' | '+' | '-'; unit: string; notes: NumberNote[] }
  | { type: 'label'; raw: string };

const DASH = /^[/\\／＼—–―─\-－~～]+$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|万|元|件|个|项|条|次|人|户)?$/;

export function classifyCell(raw: string): CellValue {
  const trimmed = raw.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  if (trimmed === '') return { type: 'blank' };
  // 无 / 空 in a number cell say "nothing" but not which number: missing, like a dash.
  if (DASH.test(trimmed) || /^(无|空|暂无)$/.test(trimmed)) return { type: 'dash', raw: trimmed };
  const compact = trimmed.normalize('NFKC').replace(/\s+/g, '').replace(/[−﹣]/g, '-').replace(/^\*\*(.*)\*\*$/, '$1');
  const m = NUMBER.exec(compact);
  if (!m) return { type: 'label', raw: trimmed };
  const notes: NumberNote[] = [];
  if (/[０-９＋－．，]/.test(trimmed)) notes.push('fullWidth');
  if (m[1] === '+') notes.push('sign');
  if (m[2]!.includes(',')) notes.push('thousands');
  return { type: 'number', raw: trimmed, digits: m[2]!.replace(/,/g, '') + (m[3] ?? ''), sign: (m[1] ?? '') as '' | '+' | '-', unit: m[4] ?? '', notes };
}

/** Move the decimal point of a decimal string (`251000` → −4 → `25.1`), exactly. */
function shiftDecimal(digits: string, places: number): string {
  const [int, frac = ''] = digits.split('.');
  if (places >= 0) return `${int}${frac}`.slice(0, int!.length + places) + '.' + `${frac}`.padEnd(places, '0').slice(places);
  const n = -places;
  const padded = int!.padStart(n + 1, '0');
  return `${padded.slice(0, padded.length - n)}.${padded.slice(padded.length - n)}${frac}`;
}

/**
 * The value of a number cell for a column of `kind`, with what was changed to read it.
 * A yuan amount in a 万元 column is converted, exactly (decimal shift, not float division).
 */
export function numberValue(cell: Extract<CellValue, { type: 'number' }>, kind: ValueKind): { value: number; notes: NumberNote[] } {
  const notes = [...cell.notes];
  let digits = cell.digits;
  if (cell.unit === '元' && kind === 'money') {
    digits = shiftDecimal(digits, -4);
    notes.push('unitConverted');
  } else if (cell.unit) {
    notes.push('unitRemoved');
  }
  // A plus sign is ordinary in 本年增/减; elsewhere it is worth a note.
  const filtered = kind === 'change' ? notes.filter((n) => n !== 'sign') : notes;
  const value = Number(digits) * (cell.sign === '-' ? -1 : 1);
  return { value: Object.is(value, -0) ? 0 : value, notes: filtered };
}
