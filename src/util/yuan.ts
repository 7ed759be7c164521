/**
 * Money in the tables is 万元 with at most 4 decimals (1 yuan). Compare it as whole yuan,
 * never with a float epsilon: 160.5964 万元 → 1605964 元.
 */
export function toYuan(wan: number): number {
  return Math.round(wan * 10000);
}
