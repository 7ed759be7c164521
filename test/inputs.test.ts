/**
 * Inputs (README, Inputs): files, directories, quoted globs, stdin, --ignore-pattern, and the
 * usage errors of cli.md (no path, missing path, glob matching nothing → exit 2, one line).
 * fixtures/cli/tree holds two clean reports, one with an appeal-total error (sub/2020-appeal.yml),
 * a broken draft, and broken copies under node_modules/ and .hidden/ that must never be read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBin, runMain } from './helpers/run-main.js';

const TREE = 'fixtures/cli/tree';
const filesOf = (stdout: string) => (JSON.parse(stdout) as { file: string }[]).map((r) => r.file);

describe('paths', () => {
  it('a directory is searched recursively for .yaml/.yml/.json, skipping node_modules and dot-folders', async () => {
    const r = await runMain([TREE, '-f', 'json']);
    expect(r.code).toBe(1);
    expect(filesOf(r.stdout)).toEqual([
      `${TREE}/2020-clean.yaml`,
      `${TREE}/drafts/draft.yaml`,
      `${TREE}/sub/2020-appeal.yml`,
      `${TREE}/sub/2021-clean.json`,
    ]);
  });

  it('several paths in one run; a file named twice is linted once', async () => {
    const r = await runMain([`${TREE}/2020-clean.yaml`, `${TREE}/sub`, `${TREE}/2020-clean.yaml`, '-f', 'json']);
    expect(filesOf(r.stdout)).toEqual([`${TREE}/2020-clean.yaml`, `${TREE}/sub/2020-appeal.yml`, `${TREE}/sub/2021-clean.json`]);
  });

  it('a quoted glob with forward slashes', async () => {
    const r = await runMain([`${TREE}/**/*.json`, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(filesOf(r.stdout)).toEqual([`${TREE}/sub/2021-clean.json`]);
  });

  it('a glob never reaches into node_modules or dot-folders', async () => {
    const r = await runMain([`${TREE}/**/skipped.yaml`]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `report-lint: glob ${TREE}/**/skipped.yaml 没有匹配到任何 .yaml、.yml 或 .json 文件\n` });
  });

  it('a missing file is exit 2 with one line', async () => {
    expect(await runMain([`${TREE}/nope.yaml`])).toEqual({ code: 2, stdout: '', stderr: `report-lint: 找不到文件或目录：${TREE}/nope.yaml\n` });
  });

  it('no path at all is a usage error, in English with --lang en', async () => {
    expect(await runMain(['--lang', 'en'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'report-lint: No files to check (usage: report-lint [options] <file|dir|glob|->..., see --help)\n',
    });
  });
});

describe('--ignore-pattern', () => {
  it('skips folders by name and files by glob, relative to the working directory', async () => {
    const r = await runMain([TREE, '--ignore-pattern', `${TREE}/drafts`, '--ignore-pattern', '**/*.yml', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(filesOf(r.stdout)).toEqual([`${TREE}/2020-clean.yaml`, `${TREE}/sub/2021-clean.json`]);
  });

  it('a named file that is ignored is skipped without an error (a pre-commit hook may pass it)', async () => {
    const r = await runMain([`${TREE}/drafts/draft.yaml`, '--ignore-pattern', `${TREE}/drafts/**`]);
    // Nothing was checked: no "0 files, no problems" on stdout, one line on stderr that says so.
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'report-lint: 指定的 1 个文件都被忽略规则（--ignore-pattern 或配置文件的 ignorePatterns）排除，没有检查任何文件\n',
    });
  });
});

describe('standard input', () => {
  const broken = readFileSync(`${TREE}/sub/2020-appeal.yml`, 'utf8');

  it('`-` reads one report; --stdin-filename names it', async () => {
    const r = await runMain(['-', '--stdin-filename', 'reports/2020.yaml', '-f', 'json'], { input: broken });
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as { file: string; diagnostics: { ruleId: string; line: number }[] }[];
    expect(result!.file).toBe('reports/2020.yaml');
    // Line 54: `  review: { … total: 1 }`, one more than its parts.
    expect(result!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['appeal-total', 54]]);
  });

  it('suppression comments work on standard input too', async () => {
    const text = readFileSync('fixtures/suppressions/next-line.yaml', 'utf8');
    expect((await runMain(['-'], { input: text })).code).toBe(0);
  });

  it('`-` together with other paths is a usage error', async () => {
    expect(await runMain(['-', TREE])).toEqual({ code: 2, stdout: '', stderr: 'report-lint: 标准输入（-）不能与其他路径同时使用\n' });
  });
});

describe('the real bin', () => {
  it('quoted glob, exit codes 1 and 2, json on stdout', () => {
    const found = runBin([`${TREE}/sub/*.{yml,json}`, '-f', 'json']);
    expect(found.code).toBe(1);
    expect(filesOf(found.stdout)).toEqual([`${TREE}/sub/2020-appeal.yml`, `${TREE}/sub/2021-clean.json`]);
    const missing = runBin(['no/such/*.yaml']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'report-lint: glob no/such/*.yaml 没有匹配到任何 .yaml、.yml 或 .json 文件\n' });
  });
});
