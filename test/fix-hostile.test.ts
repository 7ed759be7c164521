/**
 * --fix and --fix-dry-run on input that is hostile, unusual or that --fix cannot safely edit,
 * through the real bin: the same resource limits as the lint, anchors and aliases never edited,
 * each edit verified on its own, every encoding the lint reads written back in that encoding,
 * a failed write leaving the original byte for byte, and input text shown only sanitized.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { t } from '../src/i18n/index.js';
import { lintFile } from '../src/lint-file.js';
import type { FileResult } from '../src/types.js';
import { buildGeneratedCase, type GeneratedCase } from './helpers/hostile-cases.js';

const BIN = resolve('bin/report-lint.js');
const FIX = 'fixtures/fix/';
const work = mkdtempSync(join(tmpdir(), 'report-lint-fix-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The bin in a child with a deadline (a hang fails the test instead of stalling the suite) and a 500 MB heap (an input that needs more crashes the child, which fails
 * the exit-code check). `limitKb` runs it under `ulimit -f` in a child shell: writes beyond it fail with EFBIG.
 */
function run(args: string[], options: { input?: string; timeout?: number; limitKb?: number; lang?: string } = {}): Run {
  const node = [process.execPath, '--max-old-space-size=500', BIN, ...args];
  const [command, argv] = options.limitKb === undefined ? [node[0]!, node.slice(1)] : ['bash', ['-c', `ulimit -f ${options.limitKb}; exec "$@"`, 'bash', ...node]];
  const started = Date.now();
  const r = spawnSync(command, argv, {
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeout ?? 120_000,
    env: { ...process.env, NO_COLOR: '1', LANG: options.lang ?? 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

let folders = 0;
/** A fresh folder holding copies of the given files (or bytes), so --fix never writes into fixtures/. */
function workFolder(files: Record<string, string | Uint8Array>): string {
  const dir = join(work, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const fixture = (name: string) => readFileSync(FIX + name);

/** What a run must never show, whatever the input: a stack trace, or more than one line on stderr. */
function expectCalm(r: Run, what: string): void {
  expect(r.signal, `${what}: killed (deadline or memory)`).toBeNull();
  expect([0, 1, 2], `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(r.stderr, what).not.toContain(t('zh', 'cli.internalError', { message: '' }).slice(0, 4));
  expect(r.stderr.split('\n').filter(Boolean).length, `${what}:\n${r.stderr}`).toBeLessThanOrEqual(1);
}

/**
 * Within 10 s; on a machine so busy that even this is not enough (tests share it with other
 * work), no slower than three times the plain lint of the same file: --fix must cost what the
 * lint costs (before, 80,000 keys took --fix 20 to 40 times as long as the lint).
 */
function expectAsFastAsLint(r: Run, lint: () => Run, what: string): void {
  if (r.ms < 10_000) return;
  const plain = lint();
  expect(r.ms, `${what}: ${r.ms} ms, the lint alone ${plain.ms} ms`).toBeLessThan(3 * plain.ms);
}

describe('--fix goes through the lint\'s resource limits', { timeout: 600_000 }, () => {
  const manyKeys = Array.from({ length: 80_000 }, (_, i) => `k${i}: ${i}\n`).join('');
  const manyKeysJson = '{\n' + Array.from({ length: 80_000 }, (_, i) => `  "k${i}": ${i}`).join(',\n') + '\n}\n';

  for (const [name, text, at] of [
    ['keys.yaml', manyKeys, '1001:1'],
    ['keys.json', manyKeysJson, '1002:3'],
  ] as const) {
    it(`80,000 keys (${name}): --fix and --fix-dry-run stop at the key limit like the lint, in seconds, the file untouched`, () => {
      const dir = workFolder({ [name]: text });
      const file = join(dir, name);
      const lint = run([file]);
      expect(lint.code).toBe(1);
      expect(lint.stdout).toContain(`${at}  错误  ${t('zh', 'parse.tooManyKeys', { limit: 1000 })}  parse`);
      for (const mode of ['--fix', '--fix-dry-run']) {
        // Before: 55 s or more (a quadratic duplicate-key check before any limit applied).
        const r = run([mode, file], { timeout: Math.max(60_000, 4 * lint.ms) });
        expect(r.signal, `${mode} was stopped after ${r.ms} ms (the lint took ${lint.ms} ms)`).toBeNull();
        expectAsFastAsLint(r, () => lint, `${mode} ${name}`);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe(lint.stdout);
        expect(r.stderr).toBe('');
      }
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }

  it('every file of fixtures/hostile (in process): a result or a one-line usage error, never anything else, within 10 s each', () => {
    const names = readdirSync('fixtures/hostile').filter((n) => /\.(ya?ml|json|md)$/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const mode of ['write', 'dry-run'] as const) {
      const dir = workFolder(Object.fromEntries(names.map((n) => [n, readFileSync(join('fixtures/hostile', n))])));
      for (const name of names) {
        const started = Date.now();
        let result: FileResult | undefined;
        try {
          result = lintFile(join(dir, name), { fix: mode });
        } catch (error) {
          // Exit 2 with its message as the one line; anything else would be a stack trace.
          expect(error, `${mode} ${name}`).toBeInstanceOf(UsageError);
          expect((error as Error).message, name).not.toContain('\n');
        }
        expect(Date.now() - started, `${mode} ${name}`).toBeLessThan(10_000);
        if (result) for (const note of result.fix?.notes ?? []) expect(note, name).not.toContain('\n');
      }
    }
  });

  for (const mode of ['--fix', '--fix-dry-run']) {
    it(`every generated hostile input (fixtures/hostile/generated/cases.json) through ${mode}: exit 0/1/2, one line at most, within 10 s`, () => {
      const { cases } = JSON.parse(readFileSync('fixtures/hostile/generated/cases.json', 'utf8')) as { cases: GeneratedCase[] };
      expect(cases.length).toBeGreaterThanOrEqual(10);
      const dir = join(work, `generated${mode}`);
      mkdirSync(dir);
      for (const c of cases) {
        const file = buildGeneratedCase(c, dir);
        const extra = c.options?.maxFileSize !== undefined ? ['--max-file-size', String(c.options.maxFileSize)] : [];
        const r = run([mode, ...extra, file]);
        expectCalm(r, `${mode} ${c.name}`);
        expectAsFastAsLint(r, () => run([...extra, file]), `${mode} ${c.name}`);
        // A folder named on the command line is walked (it holds no report): not an error there.
        if (c.error && c.make !== 'directory') expect(r.code, c.name).toBe(2);
        else if (!c.error && c.expect!.length > 0) expect(r.code, c.name).toBe(1);
      }
    });
  }
});



describe('anchors and aliases are never edited', { timeout: 300_000 }, () => {
  it('a total anchored (&z) and reused as another row\'s part (*z): left as it is, with a note; the other totals fixed; the lint shows the remaining error', () => {
    const dir = workFolder({ 'anchor.yaml': fixture('anchor.yaml') });
    const file = join(dir, 'anchor.yaml');
    const r = run(['--fix', file]);
    // The anchored total and the part aliased to it are unchanged; only 本年新收's total was set.
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(FIX + 'anchor.fixed.yaml', 'utf8'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('69:84  错误  四、行政诉讼 · 复议后起诉 · 总计：填报 0，按各项结果相加应为 1（结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0）  appeal-total');
    expect(r.stdout).toContain('1 个问题');
    expect(r.stderr).toBe(
      `${file}：已自动填写或更正 1 处合计\n` +
        `${file}：四、行政诉讼 · 复议后起诉 · 总计 应为 1，但它带有 YAML 锚点（&）或经别名（*）引用，改动会同时改变别处的值，未自动更正；请手工修改\n`,
    );
  });

  it('the note in English under --lang en', () => {
    const dir = workFolder({ 'anchor.yaml': fixture('anchor.yaml') });
    const file = join(dir, 'anchor.yaml');
    const r = run(['--fix-dry-run', '--lang', 'en', file]);
    expect(r.stderr).toContain(
      `${file}: review_litigation.lawsuit_after_review.total should be 1 but is not fixable: it carries a YAML anchor (&) or is reached through an alias (*), so changing it would change other cells too; correct it by hand\n`,
    );
    expect(readFileSync(file)).toEqual(fixture('anchor.yaml'));
  });

  it('a total reached through an aliased row (*row) is not edited either', () => {
    const text = fixture('mixed.fixed.yaml')
      .toString('utf8')
      .replace('  carried_over: { natural_person: 0,', '  carried_over: &row { natural_person: 0,')
      .replace(/^  carried_forward:\n(    .*\n)+/m, '  carried_forward: *row\n');
    // 上年结转 (anchored) gets a wrong total; 结转下年度 is that same row through the alias.
    const input = text.replace(/(carried_over: &row \{[^}]*)total: 0 \}/, '$1total: 5 }');
    expect(input).not.toBe(text);
    const dir = workFolder({ 'r.yaml': input });
    const r = run(['--fix', join(dir, 'r.yaml')]);
    expect(readFileSync(join(dir, 'r.yaml'), 'utf8')).toBe(input);
    const note = '应为 0，但它带有 YAML 锚点（&）或经别名（*）引用，改动会同时改变别处的值，未自动更正；请手工修改';
    expect(r.stderr).toBe(`${join(dir, 'r.yaml')}：三、二、上年结转政府信息公开申请数量 · 总计 ${note}\n${join(dir, 'r.yaml')}：三、四、结转下年度继续办理 · 总计 ${note}\n`);
    expect(r.stdout).toContain('row-total');
  });
});

describe('each edit is verified on its own', { timeout: 300_000 }, () => {
  it('blank totals followed by a comment are filled in, the comments kept; a tagged !!str total is reported, the rest still fixed', () => {
    const dir = workFolder({ 'r.yaml': fixture('blank-comment.yaml') });
    const file = join(dir, 'r.yaml');
    const r = run(['--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(FIX + 'blank-comment.fixed.yaml', 'utf8'));
    expect(r.stderr).toBe(
      `${file}：已自动填写或更正 3 处合计\n` + `${file}：四、行政复议 · 总计 应为 2，但改写后读回的结果与预期不符（如带标签或多行写法的值），未自动更正；请手工修改\n`,
    );
    expect(r.stdout).toContain('68:87  错误  四、行政复议 · 总计：应为非负整数，实为 "1"  schema');
  });
});

describe('every encoding the lint reads is fixed and written back in that encoding', { timeout: 300_000 }, () => {
  const input = fixture('mixed.yaml').toString('utf8');
  const fixed = fixture('mixed.fixed.yaml').toString('utf8');
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const variants: [string, (s: string) => Uint8Array, string[]][] = [
    ['CR only (old Mac)', (s) => Buffer.from(s.replace(/\n/g, '\r')), []],
    ['CRLF', (s) => Buffer.from(s.replace(/\n/g, '\r\n')), []],
    ['UTF-8 with BOM', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]), []],
    ['UTF-16 LE with BOM', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), []],
    ['UTF-16 BE with BOM', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(s)]), []],
    ['UTF-16 LE with BOM and CRLF', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.replace(/\n/g, '\r\n'), 'utf16le')]), []],
    ['GB18030 (--encoding gb18030)', (s) => gb18030(s), ['--encoding', 'gb18030']],
  ];
  for (const [name, encode, extra] of variants) {
    it(name, () => {
      const dir = workFolder({ 'r.yaml': encode(input) });
      const file = join(dir, 'r.yaml');
      const dry = run(['--fix-dry-run', ...extra, file]);
      expect(dry.stdout).toContain('-      total: "2"   # 手填的\n+      total: 3   # 手填的\n');
      expect(readFileSync(file)).toEqual(Buffer.from(encode(input)));
      const r = run(['--fix', ...extra, file]);
      expect(r.stderr).toBe(`${file}：已自动填写或更正 7 处合计\n`);
      expect(readFileSync(file)).toEqual(Buffer.from(encode(fixed)));
      // What remains is what --fix cannot know, as for the UTF-8 original (fix.test.ts).
      expect(r.stdout.match(/ balance$/gm)).toHaveLength(2);
      expect(r.stdout).not.toMatch(/row-total|outcome-total|appeal-total/);
    });
  }

  it('an encoding that would not write the file back byte for byte: nothing written, a note says why', () => {
    // UTF-7 may spell a letter two ways: "+AGE-" reads as "a" but is written back as "a".
    const bytes = Buffer.from(utf7(input).toString('latin1').replace('wrong and', 'wrong +AGE-nd'), 'latin1');
    const dir = workFolder({ 'r.yaml': bytes });
    const file = join(dir, 'r.yaml');
    const r = run(['--fix', '--encoding', 'utf7', file]);
    expect(readFileSync(file)).toEqual(bytes);
    expect(r.stderr).toBe(`${file}：按原编码 utf7 写回会改变 7 处合计以外的内容，未写入文件\n`);
    // The lint of the file as it stays: the total written as a string is still there.
    expect(r.stdout).toContain('35:14  错误  三、（一）予以公开 · 总计：应为非负整数，实为 "2"  schema');
    const en = run(['--fix', '--lang', 'en', '--encoding', 'utf7', file]);
    expect(en.stderr).toBe(`${file}: not written: writing it back in its encoding utf7 would change more than the 7 totals\n`);
  });
});

const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
const gb18030 = (text: string): Uint8Array => iconv.encode(text, 'gb18030');
const utf7 = (text: string): Buffer => iconv.encode(text, 'utf7');

describe('a write that fails leaves the file as it was', { timeout: 300_000 }, () => {
  /** mixed.yaml with enough prose to be over 4 KB once more. */
  const big = fixture('mixed.yaml').toString('utf8').replace('other_matters: 无', 'other_matters: |\n' + '  这是一行说明文字，用来让文件大于几千字节。\n'.repeat(300));

  it('ulimit -f 4 during --fix: the original byte for byte, exit 2, one line saying the file was not changed, no temporary file left', () => {
    const dir = workFolder({ 'r.yaml': big });
    const file = join(dir, 'r.yaml');
    expect(Buffer.byteLength(big)).toBeGreaterThan(8192);
    const r = run(['--fix', file], { limitKb: 4 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写回 ${file}：EFBIG；该文件未被改动\n`);
    expect(readFileSync(file, 'utf8')).toBe(big);
    expect(readdirSync(dir)).toEqual(['r.yaml']);
    const en = run(['--fix', '--lang', 'en', file], { limitKb: 4 });
    expect(en.stderr).toBe(`report-lint: Cannot write ${file} back: EFBIG; the file was not changed\n`);
  });

  it('several files, the second fails: the message names the first as written', () => {
    const dir = workFolder({ 'a.json': fixture('indent4.json'), 'b.yaml': big });
    const r = run(['--fix', join(dir, 'a.json'), join(dir, 'b.yaml')], { limitKb: 16 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写回 ${join(dir, 'b.yaml')}：EFBIG；该文件未被改动；此前已写入：${join(dir, 'a.json')}\n`);
    expect(readFileSync(join(dir, 'a.json'))).toEqual(fixture('indent4.fixed.json'));
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe(big);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.yaml']);
  });
});

describe('messages and input text shown safely', { timeout: 300_000 }, () => {
  it('--fix on standard input: exit 2, one line, in the run\'s language', () => {
    const text = fixture('indent4.json').toString('utf8');
    expect(run(['--fix', '-'], { input: text }).stderr).toBe('report-lint: --fix 不能用于标准输入（-）：没有可写回的文件；可改用 --fix-dry-run 查看修改\n');
    const en = run(['--fix', '--lang', 'en', '-'], { input: text });
    expect(en.code).toBe(2);
    expect(en.stderr).toBe('report-lint: --fix cannot be used with standard input (-): there is no file to write back to; use --fix-dry-run to see the changes\n');
    expect(run(['--fix', '-'], { input: text, lang: 'en_US.UTF-8' }).stderr).toBe(en.stderr);
  });

  it('--fix-dry-run: ESC and BEL in a comment and a value, and in the file name, are shown escaped', () => {
    const name = 'r\u001b]0;x\u0007.yaml';
    const text = fixture('mixed.yaml')
      .toString('utf8')
      .replace('total: "2"   # 手填的', 'total: "2"   # \u001b]0;pwned\u0007 \u001b[8m')
      .replace('agency: 盐池县王乐井乡人民政府', 'agency: "盐池县王乐井乡人民政府\u001b[2J"');
    const dir = workFolder({ [name]: text });
    const file = join(dir, name);
    const r = run(['--fix-dry-run', file]);
    const safeFile = join(dir, 'r\\u001b]0;x\\u0007.yaml');
    expect(r.stdout).toContain('-      total: "2"   # \\u001b]0;pwned\\u0007 \\u001b[8m\n+      total: 3   # \\u001b]0;pwned\\u0007 \\u001b[8m\n');
    expect(r.stdout).toContain(`--- ${safeFile}\n+++ ${safeFile}\t(--fix)\n`);
    expect(r.stderr).toBe(`${safeFile}：--fix 将填写或更正 7 处合计（未写入文件）\n`);
    // The diff: the lines before the lint's own output.
    const lines = r.stdout.split('\n');
    const diff = lines.slice(0, lines.findIndex((l) => !/^(Index: |=+$|--- |\+\+\+ |@@ |[ +\-\\])/.test(l)));
    expect(diff.length).toBeGreaterThan(20);
    expect(diff.join('\n')).not.toMatch(/[\u0007\u001b]/);
    expect(r.stderr).not.toMatch(/[\u0007\u001b]/);
    expect(basename(file)).toBe(name);
  });
});
