/**
 * Honest exits (hardening items 10 and 11): a run that checked nothing never looks clean, an
 * output that cannot be written is one line and exit 2, rule ids that are names of Object's
 * prototype are unknown rules like any other, and the --previous messages follow --lang.
 *
 * The rules for a run that finds nothing to check (src/cli/files.ts):
 * - a directory without report files, like a glob that matches none: exit 2, one line;
 * - ignore patterns that leave nothing, when a directory or glob was given: exit 2, one line;
 * - ignore patterns that leave nothing, when only files were named (a pre-commit hook passing
 *   drafts): exit 0, nothing on stdout but the machine formats' empty documents, one line on
 *   stderr that nothing was checked.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import stylish from '../src/format/stylish.js';
// runBin where a working directory matters: main() in-process reads files relative to the test's own.
import { runBin, runMain } from './helpers/run-main.js';

const EXAMPLE = resolve('fixtures/examples/2020-wanglejing.yaml');
const work = mkdtempSync(join(tmpdir(), 'report-lint-exits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh folder under the temporary one, with the files given (name → content, or the example report). */
function tree(name: string, files: Record<string, string | null> = {}): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    if (content === null) copyFileSync(EXAMPLE, join(dir, file));
    else writeFileSync(join(dir, file), content);
  }
  return dir;
}

const NOTHING_NAMED = (n: number) => `report-lint: 指定的 ${n} 个文件都被忽略规则（--ignore-pattern 或配置文件的 ignorePatterns）排除，没有检查任何文件\n`;

describe('a run that checks nothing', () => {
  it('an empty directory: exit 2, one line', async () => {
    const dir = tree('empty');
    expect(await runMain([dir])).toEqual({ code: 2, stdout: '', stderr: `report-lint: 目录 ${dir} 中没有 .yaml、.yml 或 .json 文件，没有检查任何文件\n` });
    expect(await runMain([dir, '--lang', 'en', '-f', 'json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `report-lint: The directory ${dir} holds no .yaml, .yml or .json file; nothing was checked\n`,
    });
  });

  it('a directory with only other files, hidden reports and node_modules: exit 2', async () => {
    const dir = tree('other-files', { 'notes.txt': 'x', 'docs/readme.md': 'x', '.hidden.yaml': null, 'node_modules/pkg/a.yaml': null });
    expect(await runMain([dir])).toEqual({ code: 2, stdout: '', stderr: `report-lint: 目录 ${dir} 中没有 .yaml、.yml 或 .json 文件，没有检查任何文件\n` });
  });

  it('a directory without reports next to one with reports is still exit 2: each path must hold something', async () => {
    const empty = tree('empty-beside');
    const full = tree('full-beside', { 'a.yaml': null });
    expect((await runMain([full, empty])).code).toBe(2);
  });

  it('a directory whose reports are all ignored: exit 2, naming it', async () => {
    // --ignore-pattern globs are relative to the working directory.
    const dir = tree('all-ignored', { 'reports/a.yaml': null, 'reports/sub/b.yaml': null });
    expect(runBin(['reports', '--ignore-pattern', '**/*.yaml'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'report-lint: reports 中的报告文件都被忽略规则（--ignore-pattern 或配置文件的 ignorePatterns）排除，没有检查任何文件\n',
    });
    // Also when an ignored sub-folder holds them.
    expect(runBin(['reports', '--ignore-pattern', 'reports/sub', '--ignore-pattern', 'reports/a.yaml'], { cwd: dir }).code).toBe(2);
    expect(runBin(['reports', '--ignore-pattern', 'reports/sub'], { cwd: dir }).code).toBe(0);
  });

  it('a directory that is itself ignored, alone: exit 2', async () => {
    const dir = tree('ignored-dir', { 'drafts/a.yaml': null });
    expect(runBin(['drafts', '--ignore-pattern', 'drafts', '--lang', 'en'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: "report-lint: drafts is ignored (--ignore-pattern or the config file's ignorePatterns); nothing was checked\n",
    });
  });

  it('an ignored directory beside one that is checked: no error (the config file may ignore drafts/)', async () => {
    const dir = tree('ignored-beside', { 'reports/a.yaml': null, 'drafts/b.yaml': null });
    const r = runBin(['reports', 'drafts', '--ignore-pattern', 'drafts'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '✔ 已检查 1 个文件，没有发现问题\n', stderr: '' });
  });

  it('a glob whose matches are all ignored: exit 2, naming it', async () => {
    const dir = tree('glob-ignored', { 'drafts/a.yaml': null, 'drafts/b.json': '{}' });
    expect(runBin(['drafts/*', '--ignore-pattern', 'drafts/**'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'report-lint: drafts/* 中的报告文件都被忽略规则（--ignore-pattern 或配置文件的 ignorePatterns）排除，没有检查任何文件\n',
    });
  });

  it('files named one by one and all ignored (pre-commit on drafts): exit 0, one notice, empty documents', async () => {
    const dir = tree('named', { 'drafts/a.yaml': null, 'drafts/b.yaml': null });
    const argv = ['drafts/a.yaml', 'drafts/b.yaml', './drafts/a.yaml', '--ignore-pattern', 'drafts/**'];
    expect(await runMain(argv, { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: NOTHING_NAMED(2) });
    expect(runBin([...argv, '-f', 'json'], { cwd: dir })).toEqual({ code: 0, stdout: '[]\n', stderr: NOTHING_NAMED(2) });
    expect(runBin([...argv, '-f', 'github'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: NOTHING_NAMED(2) });
    expect(runBin(['drafts/a.yaml', '--ignore-pattern', 'drafts/**', '--lang', 'en'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '',
      stderr: "report-lint: All the files named (1) are ignored (--ignore-pattern or the config file's ignorePatterns); nothing was checked\n",
    });
  });

  it('the same through the config file\'s ignorePatterns', async () => {
    const dir = tree('named-config', { 'drafts/a.yaml': null, '.report-lint.yaml': 'ignorePatterns: ["drafts/**"]\n' });
    expect(runBin(['drafts/a.yaml'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: NOTHING_NAMED(1) });
    expect(runBin(['drafts'], { cwd: dir }).code).toBe(2);
  });

  it('one named file ignored, another checked: the run is an ordinary one, no notice', async () => {
    const dir = tree('named-mixed', { 'drafts/a.yaml': null, 'b.yaml': null });
    expect(runBin(['drafts/a.yaml', 'b.yaml', '--ignore-pattern', 'drafts/**'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '✔ 已检查 1 个文件，没有发现问题\n',
      stderr: '',
    });
  });

  it('a named ignored file beside an ignored directory: a directory was given, so exit 2', async () => {
    const dir = tree('named-and-dir', { 'drafts/a.yaml': null, 'old/b.yaml': null });
    expect(runBin(['drafts/a.yaml', 'old', '--ignore-pattern', 'drafts/**', '--ignore-pattern', 'old'], { cwd: dir }).code).toBe(2);
  });

  it('stylish never prints "0 files, no problems"', () => {
    expect(stylish([], { cwd: process.cwd(), color: false, lang: 'zh' })).toBe('');
    expect(stylish([], { cwd: process.cwd(), color: true, lang: 'en' })).toBe('');
  });
});

describe('an output that cannot be written', () => {
  const BIN = resolve('bin/report-lint.js');
  const ENV = { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  /** The real bin with stdout (or stderr) on /dev/full: every write fails with ENOSPC. */
  function toDevFull(argv: string[], stream: 'stdout' | 'stderr' = 'stdout', env: NodeJS.ProcessEnv = {}) {
    const full = openSync('/dev/full', 'w');
    try {
      const stdio = stream === 'stdout' ? (['ignore', full, 'pipe'] as const) : (['ignore', 'pipe', full] as const);
      const r = spawnSync(process.execPath, [BIN, ...argv], { stdio: [...stdio], env: { ...ENV, ...env }, encoding: 'utf8' });
      return { code: r.status, out: (stream === 'stdout' ? r.stderr : r.stdout) ?? '' };
    } finally {
      closeSync(full);
    }
  }
  const devFull = existsSync('/dev/full');

  it.runIf(devFull)('one clean file (the fast start path) > /dev/full: one line, exit 2, no stack trace', () => {
    expect(toDevFull([EXAMPLE])).toEqual({ code: 2, out: 'report-lint: 无法写入标准输出：ENOSPC\n' });
  });

  it.runIf(devFull)('the full CLI > /dev/full, in English under --lang en or an English locale', () => {
    expect(toDevFull([EXAMPLE, '-f', 'json', '--lang', 'en'])).toEqual({ code: 2, out: 'report-lint: cannot write to standard output: ENOSPC\n' });
    expect(toDevFull([resolve('fixtures/examples')], 'stdout', { LANG: 'en_US.UTF-8' })).toEqual({
      code: 2,
      out: 'report-lint: cannot write to standard output: ENOSPC\n',
    });
  });

  it.runIf(devFull)('a run with errors > /dev/full is exit 2 too: its results did not reach their reader', () => {
    expect(toDevFull([resolve('fixtures/rules/balance')])).toEqual({ code: 2, out: 'report-lint: 无法写入标准输出：ENOSPC\n' });
  });

  it.runIf(devFull)('stderr on /dev/full: exit 2 when a message was lost, the lint result when nothing was written there', () => {
    expect(toDevFull([join(work, 'nope.yaml')], 'stderr')).toEqual({ code: 2, out: '' });
    expect(toDevFull([EXAMPLE, '-f', 'json'], 'stderr').code).toBe(0);
  });
});

describe('rule ids that are names on Object.prototype', () => {
  const RULES = 'row-total, outcome-total, balance, appeal-total, template-year, publication-deadline, carry-over, in-force, item-count, narrative-sum, narrative-table, invalid-suppression, unused-suppression';
  const unknown = (flag: string, id: string) => `report-lint: --rule ${flag}: 没有名为 ${id} 的规则（可用：${RULES}）\n`;

  it('--rule constructor:off, toString:warning, __proto__:off, hasOwnProperty:error: the unknown-rule message, exit 2', async () => {
    expect(await runMain(['--rule', 'nosuch:off', EXAMPLE])).toEqual({ code: 2, stdout: '', stderr: unknown('nosuch:off', 'nosuch') });
    for (const [flag, id] of [
      ['constructor:off', 'constructor'],
      ['toString:warning', 'toString'],
      ['__proto__:off', '__proto__'],
      ['hasOwnProperty:error', 'hasOwnProperty'],
      ['valueOf:off', 'valueOf'],
    ]) {
      expect(await runMain(['--rule', flag!, EXAMPLE]), flag).toEqual({ code: 2, stdout: '', stderr: unknown(flag!, id!) });
    }
  });

  it('in a config file: rules, overrides and ignore entries', async () => {
    const cases: [string, string][] = [
      ['rules:\n  constructor: off\n', `.report-lint.yaml:2:3: 没有名为 constructor 的规则（可用：${RULES}）`],
      ['overrides:\n  - files: ["*.yaml"]\n    rules:\n      constructor: off\n', `.report-lint.yaml:4:7: 没有名为 constructor 的规则（可用：${RULES}）`],
      ['ignore:\n  - file: a.yaml\n    rule: constructor\n    reason: x\n', `.report-lint.yaml:3:11: 没有名为 constructor 的规则（可用：${RULES}）`],
      // Not a rule name at all (the schema's pattern: lower case): said so, not "cannot be configured".
      ['rules:\n  __proto__: off\n', '.report-lint.yaml:2:3: rules："__proto__" 不是规则名（小写字母、数字和连字符，如 carry-over）'],
      ['rules:\n  toString: off\n', '.report-lint.yaml:2:3: rules："toString" 不是规则名（小写字母、数字和连字符，如 carry-over）'],
    ];
    cases.forEach(([config], i) => tree(`config-${i}`, { 'a.yaml': null, '.report-lint.yaml': config }));
    for (const [i, [config, line]] of cases.entries()) {
      expect(await runMain(['a.yaml'], { cwd: join(work, `config-${i}`) }), config).toEqual({ code: 2, stdout: '', stderr: `report-lint: ${line}\n` });
    }
  });

  it('in a suppression comment: an unknown rule, not one that "cannot be suppressed"', async () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace('agency: 盐池县王乐井乡人民政府', 'agency: 盐池县王乐井乡人民政府  # report-lint-disable-line constructor -- 理由');
    const dir = tree('suppression', { 'a.yaml': text });
    const r = runBin(['a.yaml'], { cwd: dir });
    // Column 22: `agency: ` (8) + 11 characters of the name + 2 spaces, then the `#`.
    expect(r.stdout.split('\n')[1]).toBe('  4:22  警告  抑制注释中的规则 constructor 不存在  invalid-suppression');
  });
});

describe('--previous messages follow --lang', () => {
  const DIR = resolve('fixtures/cross-year/run');
  it('cannot be read: one line, exit 2, in both languages', async () => {
    const missing = join(work, 'missing.yaml');
    expect(await runMain([`${DIR}/a-2020.yaml`, '--previous', missing, '--lang', 'en'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `report-lint: --previous ${missing}: cannot be read or parsed as an annual report (it needs template, year and agency; check that file on its own first)\n`,
    });
    expect((await runMain([`${DIR}/a-2020.yaml`, '--previous', missing])).stderr).toBe(
      `report-lint: --previous ${missing}：无法读取或解析为年度报告（需有 template、year、agency；请先单独检查该文件）\n`,
    );
  });

  it('of the wrong year: the notice in English under --lang en', async () => {
    const r = await runMain([`${DIR}/a-2021.yaml`, '--previous', `${DIR}/a-2019.yaml`, '--lang', 'en', '-f', 'json']);
    expect(r.stderr).toBe(
      `report-lint: --previous ${DIR}/a-2019.yaml is the 2019 report, but no 2020 report is among the files checked; the cross-year checks did not run\n`,
    );
  });
});
