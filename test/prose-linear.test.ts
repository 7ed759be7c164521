/**
 * The prose rules read a text in time linear in its length, however hostile its repetitions
 * (a benchmark-style check: the ratio of two sizes' times, not a wall-clock limit), and a
 * section longer than the prose limit is reported as only partly checked, never as clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintSource } from '../src/check/lint.js';
import { prepare, sumStatements, tableClaims } from '../src/check/narrative/prose.js';
import { MAX_PROSE_CHARS } from '../src/check/narrative/sections.js';

/** A valid report (all tables zero) as JSON, with some prose sections replaced. */
function reportWith(sections: Record<string, string>): string {
  const report = parse(readFileSync('fixtures/rules/narrative-sum/valid-holds.yaml', 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...report, ...sections });
}

/**
 * Repetitions that made the old scanning quadratic: every 其中 or 收到申请N件 searched the rest
 * of the text (or back to the start of a clause that never ends); long runs without a clause
 * mark; runs that a backtracking pattern retries from each position.
 */
const HOSTILE = [
  '1条其中',
  '收到申请1件',
  '，其中包括政策解读1条、',
  '共30条，其中政策解读1条',
  '政策解读工作动态财政信息',
  '（',
  '一二三四五六七八九十',
  '行政诉讼 ',
  '其中 \n \n',
  '办结申请1件，',
];

/** The work both rules do on one section's prose: prepare it, then look for statements and claims. */
function readProse(text: string): number {
  const prose = prepare(text);
  return sumStatements(prose).length + tableClaims(prose, 2020).length;
}

/**
 * Distinct texts of one size (prepare caches by text, so each is read once), built flat as a
 * report's strings are: a text glued from pieces is read more slowly character by character.
 */
function texts(unit: string, size: number, count: number): string[] {
  const base = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return Array.from({ length: count }, (_, i) => [base.slice(0, size - i - 1), ' '.repeat(i + 1)].join(''));
}

/**
 * Milliseconds of CPU time the process spent reading one text: unlike the wall clock, not
 * lengthened while other processes of a busy machine hold the cores.
 */
function time(text: string): number {
  const start = process.cpuUsage();
  readProse(text);
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

/**
 * Time for 4N characters over time for N, each the fastest of several runs taken in turns (so
 * that a busy moment of the machine slows both sizes alike), after warm-up runs that let the
 * JIT compile the hot paths.
 */
function ratio(unit: string, n: number): number {
  const runs = 5;
  const small = texts(unit, n, runs + 4);
  const big = texts(unit, 4 * n, runs + 2);
  for (const text of [...small.slice(runs), ...big.slice(runs)]) readProse(text);
  let fastestSmall = Infinity;
  let fastestBig = Infinity;
  for (let run = 0; run < runs; run++) {
    fastestSmall = Math.min(fastestSmall, time(small[run]!));
    fastestBig = Math.min(fastestBig, time(big[run]!));
  }
  // Below a twentieth of a millisecond a measurement says little: such a run counts as that long.
  return Math.max(fastestBig, 0.05) / Math.max(fastestSmall, 0.05);
}

describe('the prose rules take time linear in the prose', () => {
  // N and 4N: half and twice what the rules read of a section (MAX_PROSE_CHARS), large enough
  // for the timer. The old scanning was quadratic in 1条其中, 收到申请1件, 共30条，其中… and
  // 办结申请1件，: ratios of 12 to 22 already with N = 2,500, and many seconds per run here.
  const N = MAX_PROSE_CHARS / 2;
  it.each(HOSTILE.map((u) => [JSON.stringify(u), u]))('%s repeated: 4x the text, under 6x the time', (_name, unit) => {
    // A loaded machine can still upset one measurement: the ratio must hold in one of three.
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3 && !ratios.some((r) => r < 6); attempt++) ratios.push(ratio(unit, N));
    expect(Math.min(...ratios), `ratios ${ratios.map((r) => r.toFixed(1)).join(', ')}`).toBeLessThan(6);
  });
});

describe('prose longer than the limit', () => {
  // The inputs: 1 MB of 1条其中 in other_matters, 240 KB of 收到申请1件 in overview. Once a
  // 2½-minute run that ended in "no problems".
  it.each([
    ['other_matters', '1条其中', 1024 * 1024],
    ['overview', '收到申请1件', 240 * 1024],
  ] as const)('%s of %s (%d bytes): both rules say that only its beginning was checked', (section, unit, bytes) => {
    const text = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
    const result = lintSource(reportWith({ [section]: text }), 'report.json');
    const tooLong = result.diagnostics.filter((d) => d.messageId === 'tooLong');
    expect(tooLong.map((d) => [d.ruleId, d.path])).toEqual([
      ['narrative-sum', [section]],
      ['narrative-table', [section]],
    ]);
    // No sentence mark in the first 50,000 characters: nothing of it could be read.
    expect(tooLong[0]!.message).toBe(`${section === 'overview' ? '一、总体情况' : '六、其他需要报告的事项'}：文字长 ${text.length} 字，超过 50000 字的上限，只检查了前 0 字中的“共……其中……”，其余部分未检查`);
  });

  it('is read up to its last sentence end within the limit', () => {
    // 24,999 × “共2条，其中甲1条、乙1条。” (which adds up) are 349,986 characters; the limit cuts
    // after the last 。 within the first 50,000: 3,571 whole sentences of 14 characters = 49,994.
    const sentence = '共2条，其中甲1条、乙1条。';
    const text = sentence.repeat(24_999) + '共1条，其中甲1条、乙1条。';
    const result = lintSource(reportWith({ problems: text }), 'report.json');
    const [sum] = result.diagnostics.filter((d) => d.ruleId === 'narrative-sum');
    expect(sum?.message).toContain('只检查了前 49994 字');
    // The contradiction at the very end (1 < 1 + 1) lies beyond the limit: not reported, and not passed as clean either.
    expect(result.diagnostics.filter((d) => d.messageId === 'mismatch')).toEqual([]);
  });
});
