/**
 * Suppressions (README, Suppressions): `# report-lint-disable-next-line <rule> -- <reason>` above a line,
 * `# report-lint-disable-line <rule> -- <reason>` at its end. The reason is required: without
 * it the comment does not apply and is itself an `invalid-suppression` warning; a comment that
 * suppresses nothing is an `unused-suppression` warning. parse/schema cannot be suppressed.
 * Every fixture is the clean 2020 example with review_litigation totals changed (see the
 * comments in fixtures/suppressions/*.yaml); expectations below were read off the fixture text.
 */
import { describe, expect, it } from 'vitest';
import { lintFile } from '../src/lint-file.js';
import { scanDirectives } from '../src/check/suppressions.js';
import { runMain } from './helpers/run-main.js';

const lint = (name: string) =>
  lintFile(`fixtures/suppressions/${name}`, { lang: 'zh' }).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}/${d.messageId}`);

describe('comments that apply', () => {
  it('disable-next-line with a reason silences the rule on the next line', () => {
    expect(lint('next-line.yaml')).toEqual([]);
  });
  it('disable-line with a reason silences the rule on its own line', () => {
    expect(lint('same-line.yaml')).toEqual([]);
  });
  it('stacked comments skip blank and comment lines; each rule that matched nothing is unused', () => {
    expect(lint('stacked.yaml')).toEqual([
      // line 54: template-year has nothing to suppress on line 57
      '54:3 warning unused-suppression/unused',
      // line 56: appeal-total is used on line 57, row-total is not
      '56:3 warning unused-suppression/unused',
    ]);
  });
  it('text that looks like a directive inside a block scalar or a quoted string is not a comment', () => {
    expect(lint('in-text.yaml')).toEqual([]);
  });
});

describe('cross-year rules', () => {
  // fixtures/cross-year/run/a-2020.yaml with the comment above its carried_over row (line 23).
  const FILE = 'fixtures/suppressions/carry-over-2020.yaml';
  it('with last year\'s report the carry-over warnings on line 23 are suppressed; item-count on line 16 stays', async () => {
    const r = await runMain([FILE, '--previous', 'fixtures/cross-year/run/a-2019.yaml', '-f', 'json']);
    const [file] = JSON.parse(r.stdout) as { diagnostics: { line: number; ruleId: string }[] }[];
    expect(file!.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['16 item-count']);
  });
  it('without it the rule did not run, so the comment is not reported as unused', () => {
    expect(lint('carry-over-2020.yaml')).toEqual([]);
  });
});

describe('comments that are wrong', () => {
  it('each mistake is a warning at the comment; the problem it meant to hide stays', () => {
    expect(lint('problems.yaml')).toEqual([
      '54:3 warning invalid-suppression/missingRule',
      '55:3 warning invalid-suppression/unknownDirective',
      '56:3 warning invalid-suppression/notSuppressible',
      // line 57: no reason, so the appeal-total error is still reported
      '57:81 error appeal-total/mismatch',
      '57:86 warning invalid-suppression/missingReason',
      // line 58: appeal-totl is not a rule
      '58:81 error appeal-total/mismatch',
      '58:86 warning invalid-suppression/unknownRule',
      // line 59: nothing wrong on this line
      '59:86 warning unused-suppression/unused',
    ]);
  });

  it('the messages tell the clerk what to write', async () => {
    const r = await runMain(['fixtures/suppressions/problems.yaml', '-f', 'json']);
    const messages = (JSON.parse(r.stdout) as { diagnostics: { line: number; message: string }[] }[])[0]!.diagnostics.map((d) => `${d.line} ${d.message}`);
    expect(messages).toContain(
      '57 抑制注释 report-lint-disable-line 缺少理由，因此不生效：请在规则名后写“-- 理由”，如 # report-lint-disable-line appeal-total -- 2022年机构改革，上年数据不连续',
    );
    expect(messages).toContain('59 report-lint-disable-line balance 没有抑制任何问题，请删除这条注释');
    expect(r.code).toBe(1);
  });

  it('the suppression rules can be configured like any rule', async () => {
    const r = await runMain(['fixtures/suppressions/stacked.yaml', '--rule', 'unused-suppression:error']);
    expect(r.code).toBe(1);
    expect((await runMain(['fixtures/suppressions/stacked.yaml', '--rule', 'unused-suppression:off'])).stdout).toBe('✔ 已检查 1 个文件，没有发现问题\n');
  });
});

describe('scanDirectives', () => {
  it('counts lines the same with CRLF line ends', () => {
    const text = 'a: 1\r\n# report-lint-disable-next-line balance -- x\r\n\r\nb: 2 # report-lint-disable-line row-total -- y\r\n';
    const found = scanDirectives(text).map((d) => ('target' in d ? [d.line, d.column, d.target, d.rules.join(','), d.reason] : d));
    expect(found).toEqual([
      [2, 1, 4, 'balance', 'x'],
      [4, 6, 4, 'row-total', 'y'],
    ]);
  });
});
