/**
 * Config (README, Config file): `.report-lint.yaml` found upward from the working directory or named by
 * --config, validated by schemas/config/report-lint-config.schema.json with one clear line
 * (exit 2); severities, options, overrides, ignorePatterns, ignore entries; --rule on top;
 * --print-config. fixtures/config/project/.report-lint.yaml is the worked example.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runMain } from './helpers/run-main.js';

const PROJECT = resolve('fixtures/config/project');
const at = (p: string) => resolve(PROJECT, p);
type Json = { file: string; diagnostics: { ruleId: string; severity: string; line: number }[] }[];
const summary = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as Json).map((r) => [r.file.slice(PROJECT.length + 1), r.diagnostics.map((d) => `${d.line} ${d.severity} ${d.ruleId}`)]));

describe('the project config', () => {
  it('applies severities, overrides, ignorePatterns and JSON ignore entries', async () => {
    const r = await runMain([at('reports'), at('drafts'), '-f', 'json'], { cwd: PROJECT });
    expect(summary(r.stdout)).toEqual({
      // rules: appeal-total: warning
      'reports/2020-appeal.yaml': ['54 warning appeal-total'],
      // ignore: the review group's total is a justified exception in this JSON file
      'reports/2021-county.json': [],
      // publication-deadline options: deadline "03-31", so 2022-03-01 is in time
      'reports/2021-late.json': [],
      // overrides: reports/strict/** keeps appeal-total an error
      'reports/strict/2020-appeal.yaml': ['54 error appeal-total'],
      // drafts/ is in ignorePatterns: not linted at all
    });
    expect(r.code).toBe(1);
  });

  it('is found from a folder below it', async () => {
    const r = await runMain([at('reports/2020-appeal.yaml'), '-f', 'json'], { cwd: at('nested/deeper') });
    expect(Object.values(summary(r.stdout))).toEqual([['54 warning appeal-total']]);
    expect(r.code).toBe(0);
  });

  it('--rule id:severity overrides the file and its overrides', async () => {
    const r = await runMain([at('reports'), '--rule', 'appeal-total:off', '-f', 'json'], { cwd: PROJECT });
    expect(r.code).toBe(0);
    expect(Object.values(summary(r.stdout)).flat()).toEqual([]);
  });

  it('--config FILE replaces the search: without the option the default deadline 01-31 applies', async () => {
    const r = await runMain([at('reports/2021-late.json'), '--config', '../no-options.yaml', '-f', 'json'], { cwd: PROJECT });
    expect(summary(r.stdout)).toEqual({ 'reports/2021-late.json': ['5 warning publication-deadline'] });
    expect(r.code).toBe(0);
    // …and without the project's ignore entry the JSON report's review total (5 ≠ 2 + 1 + 0 + 1) is an error again.
    const county = await runMain([at('reports/2021-county.json'), '--config', '../no-options.yaml', '-f', 'json'], { cwd: PROJECT });
    expect(summary(county.stdout)).toEqual({ 'reports/2021-county.json': ['274 error appeal-total'] });
  });

  it('an ignore entry that suppresses nothing in a file it names is an unused-suppression warning at its path', async () => {
    const r = await runMain([at('reports/2021-late.json'), '--config', '../unused-ignore.yaml', '-f', 'json'], { cwd: PROJECT });
    // Line 269 is `    "review": {`; the mapping starts at column 15.
    expect(summary(r.stdout)).toEqual({ 'reports/2021-late.json': ['5 warning publication-deadline', '269 warning unused-suppression'] });
  });

  it('--print-config FILE prints the effective config as JSON', async () => {
    const r = await runMain(['--print-config', 'reports/strict/2020-appeal.yaml'], { cwd: PROJECT });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as Record<string, unknown> & { rules: Record<string, unknown> };
    expect(printed.file).toBe('reports/strict/2020-appeal.yaml');
    expect(printed.configFile).toBe('.report-lint.yaml');
    expect(printed.ignored).toBe(false);
    expect(printed.rules['appeal-total']).toEqual({ severity: 'error', options: {} });
    expect(printed.rules['publication-deadline']).toEqual({ severity: 'warning', options: { deadline: '03-31' } });
    expect(printed.rules.balance).toEqual({ severity: 'error', options: {} });
    expect(printed.ignore).toEqual([]);
    const json = JSON.parse((await runMain(['--print-config', 'reports/2021-county.json'], { cwd: PROJECT })).stdout) as { ignore: unknown };
    expect(json.ignore).toEqual([{ rule: 'appeal-total', path: '/review_litigation/review', reason: '2021年复议案件由上级机关统一统计' }]);
  });

  it('the real bin finds the config from its working directory', () => {
    const r = runBin(['--print-config', 'x.yaml'], { cwd: at('nested/deeper') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ configFile: '../../.report-lint.yaml', rules: { 'appeal-total': { severity: 'warning' } } });
  });
});

describe('a config that cannot be used is exit 2 with file:line:col and what is wrong', () => {
  // Each position checked by hand against the fixture text.
  const cases: [string, string][] = [
    ['severity-typo.yaml', '2:12: rules.balance 应为 error, warning, off 之一，实为 "warn"'],
    ['deadline-format.yaml', '4:17: rules.publication-deadline.options.deadline 应为次年的“月-日”，如 "03-31"，实为 "3-31"'],
    ['unknown-rule.yaml', '2:3: 没有名为 balanse 的规则，是否应为 balance？'],
    ['stage-rule.yaml', '2:3: schema 不能配置或忽略：无法解析或不符合格式的文件始终是错误'],
    ['unknown-key.yaml', '2:1: 配置文件顶层：不应有键 ignores'],
    ['ignore-without-reason.yaml', '2:5: ignore[0] 缺少 reason'],
    ['options-for-rule-without-options.yaml', '4:14: 规则 balance 没有选项'],
    ['bad-pointer.yaml', '3:11: ignore[0].path 应为以 / 开头的 JSON Pointer，如 /applications/carried_over，实为 "applications"'],
    ['not-yaml.yaml', '2:1: 配置文件不是有效的 YAML：Flow map in block collection must be sufficiently indented and end with a }'],
  ];
  it.each(cases)('%s', async (file, expected) => {
    const r = await runMain(['--config', `fixtures/config/invalid/${file}`, 'fixtures/examples']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `report-lint: fixtures/config/invalid/${file}:${expected}\n` });
  });

  it('in English with --lang en', async () => {
    const r = await runMain(['--lang', 'en', '--config', 'fixtures/config/invalid/severity-typo.yaml', 'fixtures/examples']);
    expect(r.stderr).toBe('report-lint: fixtures/config/invalid/severity-typo.yaml:2:12: rules.balance must be one of error, warning, off, got "warn"\n');
  });

  it('a --config file that does not exist', async () => {
    expect(await runMain(['--config', 'nope.yaml', 'fixtures/examples'])).toEqual({ code: 2, stdout: '', stderr: 'report-lint: 找不到配置文件 nope.yaml\n' });
  });

  it('bad --rule values', async () => {
    expect((await runMain(['--rule', 'balance', 'fixtures/examples'])).stderr).toBe(
      'report-lint: --rule 应写成 规则:级别（级别为 error、warning 或 off），如 balance:warning，实为 balance\n',
    );
    expect((await runMain(['--rule', 'balanse:off', 'fixtures/examples'])).stderr).toBe('report-lint: --rule balanse:off: 没有名为 balanse 的规则，是否应为 balance？\n');
    expect((await runMain(['--rule', 'parse:warning', 'fixtures/examples'])).code).toBe(2);
  });
});
