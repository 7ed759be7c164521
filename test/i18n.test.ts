/**
 * Messages in Chinese and English (README, Languages): one catalogue per language with the same keys
 * and the same placeholders per key; --lang, else LC_ALL / LC_MESSAGES / LANG, else Chinese;
 * and no user-facing Chinese text hard-coded in the command-line modules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { zh } from '../src/i18n/zh.js';
import { runMain } from './helpers/run-main.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  it('zh and en have identical keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
  it('every key has the same placeholders in both languages', () => {
    const differ = Object.keys(zh)
      .filter((k) => k in en)
      .filter((k) => JSON.stringify([...new Set(placeholders(zh[k as keyof typeof zh]))]) !== JSON.stringify([...new Set(placeholders((en as Record<string, string>)[k]!))]));
    expect(differ).toEqual([]);
  });
  it('no message is empty', () => {
    expect(Object.entries({ ...zh }).filter(([, v]) => v === '').map(([k]) => k)).toEqual([]);
    expect(Object.entries({ ...en }).filter(([, v]) => v === '').map(([k]) => k)).toEqual([]);
  });
});

describe('choosing the language', () => {
  const missing = ['nope.yaml'];
  const zhLine = 'report-lint: 找不到文件或目录：nope.yaml\n';
  const enLine = 'report-lint: No such file or directory: nope.yaml\n';
  it('defaults to Chinese when the locale says nothing (C, POSIX, empty)', async () => {
    expect((await runMain(missing, { env: { LANG: 'C' } })).stderr).toBe(zhLine);
    expect((await runMain(missing, { env: { LANG: '' } })).stderr).toBe(zhLine);
  });
  it('English from LANG, LC_ALL over LANG', async () => {
    expect((await runMain(missing, { env: { LANG: 'en_US.UTF-8' } })).stderr).toBe(enLine);
    expect((await runMain(missing, { env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' } })).stderr).toBe(zhLine);
  });
  it('--lang wins over the locale, in both spellings', async () => {
    expect((await runMain([...missing, '--lang', 'zh'], { env: { LANG: 'en_US.UTF-8' } })).stderr).toBe(zhLine);
    expect((await runMain([...missing, '--lang=en'])).stderr).toBe(enLine);
  });
  it('commander usage errors and option help come from the catalogue too', async () => {
    expect(await runMain(['--formt', 'json', 'x.yaml'])).toEqual({ code: 2, stdout: '', stderr: 'report-lint: 未知选项 --formt（见 --help），是否应为 --format？\n' });
    expect((await runMain(['--lang', 'en', '--formt', 'json'])).stderr).toBe('report-lint: Unknown option --formt (see --help); did you mean --format?\n');
    expect((await runMain(['--lang', 'fr', 'x.yaml'])).stderr).toBe('report-lint: 选项 --lang 的值 fr 无效，可用：zh, en\n');
    expect((await runMain(['rules', '-f', 'xml'])).stderr).toBe('report-lint: 选项 --format 的值 xml 无效，可用：text, json\n');
    expect((await runMain(['x.yaml', '--output'])).stderr).toBe('report-lint: 选项 --output 缺少参数值\n');
    expect((await runMain(['lint', '--help', '--lang', 'en'])).stdout).toContain('--max-warnings <n>');
    expect((await runMain(['lint', '--help', '--lang', 'en'])).stdout).toContain('exit 1 when there are more than n warnings');
    expect((await runMain(['lint', '--help'])).stdout).toContain('警告超过 n 个时退出码为 1');
  });
});

describe('no hard-coded user-facing Chinese in the command-line modules', () => {
  // Code lines only: comments may be Chinese; messages must come from src/i18n.
  const files = [
    'src/cli/main.ts',
    'src/cli/messages.ts',
    'src/cli/run-lint.ts',
    'src/cli/files.ts',
    'src/lint-file.ts',
    'src/format/outputs.ts',
    'src/cli/thresholds.ts',
    'src/check/suppressions.ts',
    'src/format/index.ts',
    'src/format/sarif.ts',
    'src/format/junit.ts',
    'src/format/github.ts',
    'src/cli/commands/lint.ts',
    'src/cli/commands/rules.ts',
    'src/config/load.ts',
    'src/config/validate.ts',
    'src/config/resolve.ts',
    'src/config/rule-ids.ts',
    'src/config/index.ts',
  ];
  it.each(files)('%s', (file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, ''));
    const cjk = code.map((line, i) => [i + 1, line] as const).filter(([, line]) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line));
    expect(cjk).toEqual([]);
  });
});
