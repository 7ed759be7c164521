/**
 * A clerk's year, end to end with the real bin: `init` a blank report, fill in the parts (not
 * the totals) and the prose, `--fix` the totals, lint clean; next year, the new report is
 * checked against last year's in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const BIN = resolve('bin/report-lint.js');

it('init → edit → --fix → lint, then next year against last year', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-clerk-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8' } });
  /** Edit one cell of a flow row the way a clerk does in an editor: change the number after `key:` on the row's line. */
  const setCell = (text: string, row: string, cell: string, value: number) => {
    const re = new RegExp(`^(\\s*${row}:\\s*\\{[^}]*?\\b${cell}: )\\d+`, 'm');
    expect(re.test(text), `${row}.${cell}`).toBe(true);
    return text.replace(re, `$1${value}`);
  };

  // January: a blank report for 2025.
  expect(run('init', '--year', '2025', '--agency', '某某县人民政府', '-o', '2025.yaml').status).toBe(0);
  let text = readFileSync(join(dir, '2025.yaml'), 'utf8');

  // Filling it in: the parts and the prose; the totals are left for --fix.
  text = text
    .replace('【请填写：一、总体情况】', '全年共收到政府信息公开申请3件，其中自然人申请2件，商业企业申请1件。')
    .replace(/【请填写：五[^】]*】/, '公开信息的质量有待提升。')
    .replace(/【请填写：六[^】]*】/, '无');
  text = setCell(text, 'received', 'natural_person', 2);
  text = setCell(text, 'received', 'commercial', 1);
  text = setCell(text, 'disclosed', 'natural_person', 2);
  text = setCell(text, 'not_held', 'commercial', 1);
  text = setCell(text, 'review', 'upheld', 1);
  writeFileSync(join(dir, '2025.yaml'), text);

  const before = run('2025.yaml');
  expect(before.status).toBe(1);
  expect(before.stdout).toMatch(/row-total/);
  expect(before.stdout).toMatch(/outcome-total/);
  expect(before.stdout).toMatch(/appeal-total/);
  // The prose says 3, the table's total still says 0.
  expect(before.stdout).toMatch(/收到政府信息公开申请3件”写的是 3.*narrative-table/);

  // --fix fills in every total; nothing is left to report.
  const fixed = run('--fix', '2025.yaml');
  expect(fixed.stderr).toContain('2025.yaml：已自动填写或更正');
  expect(fixed.status, fixed.stdout).toBe(0);
  expect(fixed.stdout).toContain('没有发现问题');
  const after = readFileSync(join(dir, '2025.yaml'), 'utf8');
  expect(after.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
  expect(after).toMatch(/received: +\{ natural_person: 2, commercial: 1, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 3 \}  # 一、本年新收政府信息公开申请数量/);
  expect(after).toMatch(/^ {4}total: +\{ natural_person: 2, commercial: 1, .* total: 3 \}  # （七）总计$/m);
  expect(after).toMatch(/review: +\{ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 \}/);

  // A year later: 2026's 上年结转 must be 2025's 结转下年度 (0 here); the clerk typed 1.
  expect(run('init', '--year', '2026', '--agency', '某某县人民政府', '-o', '2026.yaml').status).toBe(0);
  let next = readFileSync(join(dir, '2026.yaml'), 'utf8')
    .replace(/【请填写：一[^】]*】/, '本年度工作平稳有序。')
    .replace(/【请填写：五[^】]*】/, '无')
    .replace(/【请填写：六[^】]*】/, '无');
  next = setCell(next, 'carried_over', 'natural_person', 1);
  next = setCell(next, 'carried_forward', 'natural_person', 1);
  writeFileSync(join(dir, '2026.yaml'), next);
  const fixedNext = run('--fix', '2026.yaml');
  expect(fixedNext.status, fixedNext.stderr + fixedNext.stdout).toBe(0);
  const both = run('.');
  expect(both.status).toBe(0);
  expect(both.stdout).toMatch(/2026\.yaml\n.*二、上年结转政府信息公开申请数量 · 自然人：本报告 2026\.yaml 填报 1，上一年度报告 2025\.yaml 中 三、四、结转下年度继续办理 · 自然人（第 \d+ 行）为 0.*carry-over/);
  expect(both.stdout).toContain('2 个问题（0 个错误，2 个警告）');
  // Six runs of the real bin: allow for a loaded machine.
}, 120_000);

it('publication-deadline: late after 1月31日 by default, in time until 3月31日 with the config option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-deadline-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8' } });
  const text = readFileSync('fixtures/rules/publication-deadline/valid-no-date.yaml', 'utf8').replace(/^year: 2020.*$/m, '$&\npublished: 2021-03-15');
  writeFileSync(join(dir, '2020.yaml'), text);
  const late = run('2020.yaml');
  expect(late.status).toBe(0);
  expect(late.stdout).toContain('发布日期 2021-03-15 晚于 2020 年度报告的公布期限 2021-01-31');
  writeFileSync(join(dir, '.report-lint.yaml'), 'rules:\n  publication-deadline: { options: { deadline: "03-31" } }\n');
  expect(run('2020.yaml').stdout).toContain('没有发现问题');
}, 60_000);
