/**
 * A config file is read and parsed with the limits of a report, plus its own (CONFIG_LIMITS in
 * src/config/load.ts): whatever it holds, the run ends with exit 2 and one line
 * `file:line:col: what is wrong`, quickly — never "internal error", never a hang.
 * Every position below was counted by hand from the text the test writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './helpers/run-main.js';

const work = mkdtempSync(join(tmpdir(), 'report-lint-config-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const REPORT = resolve('fixtures/examples/2020-wanglejing.yaml');
const BIN = resolve('bin/report-lint.js');

/** Lint the example report with `--config <name>` written into the work folder; the run's cwd is that folder. */
async function withConfig(name: string, text: string | Buffer, lang: 'zh' | 'en' = 'zh') {
  writeFileSync(join(work, name), text);
  return runMain(['--lang', lang, '--config', name, REPORT], { cwd: work });
}

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';

describe('a config over a limit is exit 2 with file:line:col', () => {
  it('an alias bomb: at its first alias (was "internal error")', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`), 'ignorePatterns: *h'].join('\n');
    // Line 2 is `b: &b [*a, …`: the first alias starts at column 8.
    expect(await withConfig('bomb.yaml', bomb)).toEqual({ code: 2, stdout: '', stderr: 'report-lint: bomb.yaml:2:8: 别名（*alias）展开过多，疑似“别名炸弹”，已停止读取此文件\n' });
  });

  it('200,000 ignorePatterns: stopped before parsing, at the line over the limit (took 12 s and 1.3 GB)', async () => {
    // `- a` items: 800 KB, under the size limit; line 20,001 is the first beyond 20,000.
    expect(await withConfig('many.yaml', 'ignorePatterns:\n' + lines(200_000, () => '- a'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'report-lint: many.yaml:20001:1: 配置文件超过 20000 行（或列表项），远多于任何配置文件（通常只有几十行），未继续读取\n',
    });
    // The same in one flow list. The line is one node and so is each item after the first: the
    // k-th comma makes k nodes, the 20,001st is the first too many. `ignorePatterns: [` is 17
    // characters and each item `a,` two: the k-th comma is at column 17 + 2k = 40,019.
    const flow = await withConfig('many-flow.yaml', `ignorePatterns: [${Array(200_000).fill('a').join(',')}]\n`);
    expect(flow.stderr).toBe('report-lint: many-flow.yaml:1:40019: 配置文件超过 20000 行（或列表项），远多于任何配置文件（通常只有几十行），未继续读取\n');
    // Longer patterns: over 1 MB, not read at all.
    expect((await withConfig('large.yaml', 'ignorePatterns:\n' + lines(200_000, (i) => `  - "drafts/${i}/**"`))).stderr).toBe(
      'report-lint: large.yaml:1:1: 配置文件超过 1 MB（配置文件通常只有几十行），未读取\n',
    );
  });

  it('1,001 ignorePatterns: at the 1,001st; 1,000 are accepted', async () => {
    const patterns = (n: number) => 'ignorePatterns:\n' + lines(n, (i) => `  - drafts/${i}/**`);
    // Line 1 is the key, lines 2–1,001 the first thousand, line 1,002 the next; each value at column 5.
    expect(await withConfig('k1001.yaml', patterns(1001))).toEqual({ code: 2, stdout: '', stderr: 'report-lint: k1001.yaml:1002:5: ignorePatterns 超过 1000 项（配置文件用不到这么多），已停止读取\n' });
    expect((await withConfig('k1000.yaml', patterns(1000))).code).toBe(0);
  });

  it('1,001 overrides, and 1,001 files in one override', async () => {
    const overrides = 'overrides:\n' + lines(1001, (i) => `  - { files: ["r/${i}/**"], rules: { balance: warning } }`);
    expect((await withConfig('overrides.yaml', overrides, 'en')).stderr).toBe('report-lint: overrides.yaml:1002:5: overrides has more than 1000 entries (no config needs that many); reading stopped\n');
    const files = 'overrides:\n  - rules: { balance: warning }\n    files:\n' + lines(1001, (i) => `      - r/${i}/**`);
    // Lines 1–3 come first: the 1,001st file is on line 1,004, at column 9.
    expect((await withConfig('files.yaml', files, 'en')).stderr).toBe('report-lint: files.yaml:1004:9: overrides[0].files has more than 1000 entries (no config needs that many); reading stopped\n');
  });

  it('a glob longer than 1,000 characters (70,000 made picomatch throw: "internal error")', async () => {
    const r = await withConfig('long.yaml', `ignorePatterns:\n  - ok/**\n  - ${'x'.repeat(70_000)}\n`);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'report-lint: long.yaml:3:5: ignorePatterns[1] 超过 1000 个字符，不是可用的路径模式\n' });
  });

  it('deep nesting: the first collection beyond 64 levels, in any thread (was 896:1791, "Maximum call stack size exceeded")', async () => {
    // Line k holds the mapping at depth k, indented 2(k − 1): line 65, column 129.
    const deep = lines(200, (k) => `${'  '.repeat(k)}a:`);
    expect(await withConfig('deep.yaml', deep)).toEqual({ code: 2, stdout: '', stderr: 'report-lint: deep.yaml:65:129: 嵌套超过 64 层（配置文件只有几层），已停止读取\n' });
    // `rules: ` is 7 characters; the k-th [ is at depth 1 + k: the 64th, at column 8 + 63 = 71.
    expect((await withConfig('deep-flow.yaml', `rules: ${'['.repeat(100)}${']'.repeat(100)}\n`)).stderr).toBe(
      'report-lint: deep-flow.yaml:1:71: 嵌套超过 64 层（配置文件只有几层），已停止读取\n',
    );
  });

  it('a duplicate key: at the second one, found in linear time', async () => {
    expect((await withConfig('dup.yaml', 'rules:\n  balance: warning\n  balance: off\n')).stderr).toBe('report-lint: dup.yaml:3:3: 键 balance 重复出现：同一层级的每个键只能出现一次\n');
  });

  it('bytes that are not UTF-8: at the first of them', async () => {
    // `  balance: warning # ` is 21 characters: the GBK bytes of 测试 start at column 22.
    const gbk = Buffer.concat([Buffer.from('rules:\n  balance: warning # '), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from('\n')]);
    expect((await withConfig('gbk.yaml', gbk)).stderr).toBe('report-lint: gbk.yaml:2:22: 文件不是 UTF-8 编码（第 2 行有无法识别的字节），很可能是 GB18030/GBK：请在编辑器中“另存为 UTF-8”后再检查\n');
  });

  it('an empty config (comments only) is still an empty config', async () => {
    expect((await withConfig('empty.yaml', '# nothing configured yet\n')).code).toBe(0);
  });
});

describe('a config that is not a regular file is exit 2 at once, not a hang', () => {
  // The real bin, with a time limit: a FIFO opened for reading blocks until a writer comes.
  const bin = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8' } });

  it('--config naming a FIFO', () => {
    const dir = join(work, 'fifo');
    mkdirSync(dir);
    expect(spawnSync('mkfifo', [join(dir, 'config.yaml')]).status).toBe(0);
    const r = bin(['--config', 'config.yaml', REPORT], dir);
    expect(r.error).toBeUndefined();
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'report-lint: 配置文件 config.yaml 不是普通文件（命名管道、设备或套接字），不读取\n']);
  });

  it('a FIFO named .report-lint.yaml found above the working directory: reported, not skipped', () => {
    const dir = join(work, 'found');
    mkdirSync(join(dir, 'reports'), { recursive: true });
    expect(spawnSync('mkfifo', [join(dir, '.report-lint.yaml')]).status).toBe(0);
    const r = bin([REPORT], join(dir, 'reports'));
    expect(r.error).toBeUndefined();
    expect([r.status, r.stderr]).toEqual([2, 'report-lint: 配置文件 ../.report-lint.yaml 不是普通文件（命名管道、设备或套接字），不读取\n']);
  });
});
