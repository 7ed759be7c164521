/**
 * The real bin, as a clerk or a CI job runs it (spec/cli.md): exit codes 0/1/2, stylish and
 * json output, usage errors as one line on stderr. Needs a fresh build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/report-lint.js', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CLEAN = 'fixtures/examples/2021-county-market-regulation.yaml';
const BALANCE = 'fixtures/rules/balance/invalid-carried-forward-flow.yaml';

describe('exit 0: clean', () => {
  it('the 2021 example: one ✔ line, nothing on stderr', () => {
    const r = run([CLEAN]);
    expect(r).toEqual({ code: 0, stdout: '✔ 已检查 1 个文件，没有发现问题\n', stderr: '' });
  });
  it('all examples, YAML and JSON', () => {
    const r = run(['fixtures/examples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ 已检查 3 个文件，没有发现问题\n');
  });
});

describe('exit 1: problems', () => {
  it('stylish output, checked by hand against the fixture', () => {
    const r = run([BALANCE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    // Line 42 is `  carried_forward: { natural_person: 5, … total: 2 }`: 自然人 at column 38, 总计 at 118.
    // 一 20 + 二 1 − 三（七）19 = 2 carried forward for 自然人; the row's columns add up to 5, not 2.
    expect(r.stdout.split('\n')).toEqual([
      BALANCE,
      '  42:38   错误  三、四、结转下年度继续办理 · 自然人：填报 5，按勾稽关系（第一项加第二项之和，等于第三项加第四项之和）应为 2（一、本年新收 20 + 二、上年结转 1 − （七）总计 19）  balance',
      '  42:118  错误  三、四、结转下年度继续办理 · 总计：填报 2，按各类申请人相加应为 5（自然人 5 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0）  row-total',
      '',
      '✖ 2 个问题（2 个错误，0 个警告）',
      '',
    ]);
  });
  it('a file that does not parse is exit 1 with a parse diagnostic', () => {
    const r = run(['fixtures/parse/tab-indent.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}4:1 {2}错误 {2}不能用 Tab 键缩进，请改用空格 {2}parse\n/);
  });
  it('--lang en gives English messages and summary', () => {
    const r = run(['--lang', 'en', 'fixtures/rules/appeal-total/invalid-review-flow.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '  44:67  error  review_litigation.review.total: reported 4, the results add up to 3 (upheld 1 + corrected 1 + other 0 + pending 1)  appeal-total\n',
    );
    expect(r.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)\n$/);
    expect(r.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it('reads standard input with -', () => {
    const r = run(['-', '--stdin-filename', 'stdin.yaml'], 'template: 2021\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^stdin\.yaml\n/);
  });
});

describe('--format json', () => {
  it('is one JSON document even with zero findings', () => {
    const r = run(['--format', 'json', CLEAN]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ file: CLEAN, errorCount: 0, warningCount: 0, diagnostics: [] }]);
  });
  it('has exactly cli.md’s shape, files sorted by name, diagnostics by line, column, ruleId', () => {
    const outcome = 'fixtures/rules/outcome-total/invalid-total-cell-flow.yaml';
    const r = run(['--format', 'json', outcome, BALANCE, CLEAN]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { file: string; diagnostics: Record<string, unknown>[] }[];
    expect(results.map((x) => x.file)).toEqual([CLEAN, BALANCE, outcome].sort());
    const byFile = Object.fromEntries(results.map((x) => [x.file, x]));
    expect(Object.keys(byFile[outcome]!)).toEqual(['file', 'errorCount', 'warningCount', 'diagnostics']);
    expect(byFile[outcome]).toMatchObject({ errorCount: 3, warningCount: 0 });
    const diagnostics = byFile[outcome]!.diagnostics;
    expect(diagnostics.map((d) => [d.line, d.column, d.ruleId, d.path, d.expected, d.actual])).toEqual([
      [42, 46, 'outcome-total', '/applications/outcomes/total/commercial', 2, 3],
      [42, 111, 'row-total', '/applications/outcomes/total/total', 24, 23],
      [43, 53, 'balance', '/applications/carried_forward/commercial', -1, 0],
    ]);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(['ruleId', 'severity', 'message', 'path', 'line', 'column', 'endLine', 'endColumn', 'expected', 'actual']);
      expect(d.severity).toBe('error');
    }
  });
  it('schema diagnostics carry no expected/actual', () => {
    const r = run(['--format', 'json', 'fixtures/schema/invalid-string-number.yaml']);
    const [d] = (JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] }[])[0]!.diagnostics;
    expect(d).toEqual({
      ruleId: 'schema',
      severity: 'error',
      message: '三、（三）不予公开 · 1.属于国家秘密 · 自然人：应为非负整数，实为 "3"',
      path: '/applications/outcomes/withheld/state_secret/natural_person',
      line: 59,
      column: 25,
      endLine: 59,
      endColumn: 28,
    });
  });
});

describe('exit 2: could not lint — one line on stderr, no stack trace', () => {
  it.each([
    ['a missing file', ['no-such-report.yaml']],
    ['no path at all', []],
    ['a bad option', ['--no-such-option', CLEAN]],
    ['an unknown format', ['--format', 'xml', CLEAN]],
  ])('%s', (_name, args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('names the missing file', () => {
    expect(run(['no-such-report.yaml']).stderr).toContain('no-such-report.yaml');
  });
});
