/**
 * Labels are compared after normalising what published copies vary in: full/half-width
 * punctuation and digits (NFKC), spaces (also inside a label: 商业 企业), quotes, 、/，/./：,
 * and Markdown emphasis.
 */
export function normLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*#>`]/g, '')
    .replace(/\s+/g, '')
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/[、,.:;，．：；。]/g, '.')
    .replace(/[—–―─－]+/g, '-');
}

/** The label without its number (`一、`, `（三）`, `1.`), for copies that drop or change it. */
export function stripNumber(normalized: string): string {
  return normalized.replace(/^(?:[一二三四五六七八九十]+\.|\([一二三四五六七八九十]+\)|\d+\.)/, '');
}

export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
