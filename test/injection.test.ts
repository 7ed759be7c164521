/**
 * Nothing from an input steers a terminal or a CI runner (hardening items 8 and 9). A pull
 * request controls file names, keys and prose; a terminal acts on control sequences (ESC]0;…BEL
 * sets the window title, ESC[8m hides what follows), bidi controls reorder what is shown, and
 * the GitHub Actions runner reads a workflow command from `::` at the start of a line (after
 * leading white space) and from `##[` anywhere in a line, on stdout and stderr.
 *
 * First `sanitize` and its two siblings, by hand and as properties; then the real bin on a tree
 * of hostile file names, keys and prose, in every format and on every stderr path.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import html from '../src/format/html.js';
import { renderPage } from '../src/format/html/page.js';
import { t } from '../src/i18n/index.js';
import { lintSource } from '../src/check/lint.js';
import { sanitize, sanitizeJson, sanitizeLines } from '../src/util/sanitize.js';

/** What a terminal or the runner would act on: C0 but tab and line feed, DEL, C1, U+2028/2029, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** report-lint's own annotation (src/format/github.ts): properties escaped, so none holds a raw `,` or `:`. */
const OUR_ANNOTATION = /^::(error|warning) file=[^,:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=report-lint \([a-z-]+\)::/;

/** The lines of an output a terminal or runner would act on, with why; [] when it is safe. */
function unsafeLines(text: string, { annotations = false } = {}): string[] {
  const bad: string[] = [];
  text.split('\n').forEach((line, i) => {
    const why: string[] = [];
    if (RAW_CONTROL.test(line)) why.push('raw control');
    if (line.includes('##[')) why.push('##[');
    // The runner trims leading white space (U+3000 too) before it looks for `::`.
    if (/^\s*::/.test(line) && !(annotations && OUR_ANNOTATION.test(line))) why.push('starts with ::');
    if (why.length > 0) bad.push(`${i + 1} (${why.join(', ')}): ${JSON.stringify(line.slice(0, 160))}`);
  });
  return bad;
}

describe('sanitize', () => {
  it('shows every control character as an escape: line breaks and tab by name, the rest as \\uXXXX', () => {
    expect(sanitize('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(sanitize('\u0000\u0007\u001b[8m\u001b]0;owned\u0007')).toBe('\\u0000\\u0007\\u001b[8m\\u001b]0;owned\\u0007');
    expect(sanitize('\u007f\u0080\u0085\u009b\u009f')).toBe('\\u007f\\u0080\\u0085\\u009b\\u009f');
    expect(sanitize('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
  });

  it('shows every bidi control as an escape (Trojan Source)', () => {
    expect(sanitize('\u202a\u202b\u202c\u202d\u202e')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e');
    expect(sanitize('\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe('\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c');
  });

  it('breaks every ##[ (the runner looks anywhere in a line)', () => {
    expect(sanitize('##[add-mask]secret')).toBe('#\\u0023[add-mask]secret');
    expect(sanitize('a ##[x] b ##[y]')).toBe('a #\\u0023[x] b #\\u0023[y]');
    expect(sanitize('###[')).toBe('##\\u0023[');
    expect(sanitize('## [ and #[ stay')).toBe('## [ and #[ stay');
  });

  it('breaks :: only at the start, also after white space the runner trims (space, U+3000, NBSP)', () => {
    expect(sanitize('::error file=README.md,line=1::FORGED')).toBe('\\u003a:error file=README.md,line=1::FORGED');
    expect(sanitize('  ::warning ::x')).toBe('  \\u003a:warning ::x');
    expect(sanitize('\u3000::x')).toBe('\u3000\\u003a:x');
    expect(sanitize('\u00a0::x')).toBe('\u00a0\\u003a:x');
    expect(sanitize('\t::x')).toBe('\\t::x');
    expect(sanitize('a::b')).toBe('a::b');
    expect(sanitize(':x')).toBe(':x');
  });

  it('leaves ordinary text alone', () => {
    const text = '三、四、结转下年度继续办理 · 自然人：填报 0（一、本年新收 2 + 二、上年结转 0） 100% a#b [c] d:e';
    expect(sanitize(text)).toBe(text);
    expect(sanitizeLines(`${text}\n${text}`)).toBe(`${text}\n${text}`);
  });

  /** Strings made of the characters that matter, so the interesting cases are common. */
  const hostile = fc
    .array(fc.constantFrom('#', '[', ':', ' ', '\u3000', '\u00a0', '\n', '\r', '\t', '\u001b', '\u0007', '\u0085', '\u202e', '\u2028', '\\', 'u', '0', 'a', '报'), { maxLength: 30 })
    .map((chars) => chars.join(''));
  /** Also as a runner reads a line: maybe white space, then maybe `::` or `##[`, then anything. */
  const lineStart = fc
    .tuple(fc.constantFrom('', ' ', '  ', '\u3000', '\u00a0', '\t'), fc.constantFrom('', '::', ':', '##[', '#'), hostile)
    .map((parts) => parts.join(''));
  const anyText = fc.oneof(hostile, lineStart, fc.string({ unit: 'binary', maxLength: 40 }));

  it('gives one safe line, and applying it again changes nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = sanitize(text);
        expect(sanitize(once)).toBe(once);
        expect(once).not.toContain('\n');
        expect(unsafeLines(once)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('sanitizeLines keeps the line breaks and makes each line safe', () => {
    expect(sanitizeLines('a\n::b\r\nc\u001b\n##[x]')).toBe('a\n\\u003a:b\nc\\u001b\n#\\u0023[x]');
    fc.assert(
      fc.property(anyText, (text) => {
        const once = sanitizeLines(text);
        expect(sanitizeLines(once)).toBe(once);
        expect(unsafeLines(once)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('sanitizeJson keeps the document exact and leaves nothing that acts', () => {
    expect(sanitizeJson(JSON.stringify({ a: '##[x]\u202e\u0085\n' }))).toBe('{"a":"#\\u0023[x]\\u202e\\u0085\\n"}');
    fc.assert(
      fc.property(fc.array(fc.dictionary(anyText, anyText, { maxKeys: 3 }), { maxLength: 3 }), (value) => {
        const text = sanitizeJson(JSON.stringify(value, null, 2));
        expect(JSON.parse(text)).toEqual(value);
        expect(unsafeLines(text)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('t() passes every value through it: a message is one safe line', () => {
    expect(t('en', 'files.notFound', { path: 'a\n::error ::b\u001b[8m##[add-mask]' })).toBe('No such file or directory: a\\n::error ::b\\u001b[8m#\\u0023[add-mask]');
  });
});

describe('the html page', () => {
  it('is left as it was when nothing in it is hostile (its markup, style and script hold nothing sanitize changes)', () => {
    const file = 'fixtures/examples/2020-wanglejing.yaml';
    const result = lintSource(readFileSync(file), file, { lang: 'zh', keepData: true });
    const page = renderPage([result], 'zh');
    expect(html([result], { cwd: process.cwd(), color: false, lang: 'zh' })).toBe(page);
    expect(unsafeLines(page)).toEqual([]);
  });
});

// ── The real bin on hostile input ─────────────────────────────────────────────────────────────

const BIN = resolve('bin/report-lint.js');
const ENV = { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const work = mkdtempSync(join(tmpdir(), 'report-lint-injection-'));
const TREE = join(work, 'tree');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(argv: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: options.cwd ?? TREE, env: ENV, encoding: 'utf8', input: options.input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** File names that would forge an annotation, set the window title, hide the output, reorder it, mask a secret. */
const HOSTILE_NAMES = [
  'x\n::error file=README.md,line=1::FORGED.yaml',
  't\u001b]0;owned\u0007.yaml',
  'h\u001b[8mhide.yaml',
  'b\u202egnp.yaml',
  'm##[add-mask]secret.yaml',
  'p%0A::error ::q.yaml',
  '::warning ::lead.yaml',
  '\u3000::error ::ideographic-space.yaml',
];
/** A key and a prose label with the same: the unknown key is quoted by schema, the label by narrative-sum. */
const HOSTILE_KEY = 'bad\u001b[8m\u001b]0;x\u0007##[add-mask]k\n::error ::FORGED\u202e';
const HOSTILE_REPORT = (() => {
  const base = readFileSync('fixtures/rules/narrative-sum/invalid-halfwidth.yaml', 'utf8');
  const overview = base.split('\n').find((l) => l.startsWith('overview:'))!;
  // A double-quoted YAML scalar: \e and \u202e are YAML escapes; the label "政策解读" gets ##[ and a bidi override.
  const prose = overview
    .slice('overview: '.length, overview.indexOf('  #'))
    .replace('政策解读', '##[add-mask]\\u202e政策解读')
    .replace(/[“”]/g, '\\"');
  return base.replace(overview, `overview: "${prose}"`) + `\n${JSON.stringify(HOSTILE_KEY)}: 1\n`;
})();

beforeAll(() => {
  mkdirSync(TREE);
  for (const name of HOSTILE_NAMES) writeFileSync(join(TREE, name), HOSTILE_REPORT);
});

describe('hostile file names, keys and prose in every format', () => {
  it('the tree really is hostile: the json output carries the raw names and key (data kept exact)', () => {
    const r = run(['.', '-f', 'json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { file: string; diagnostics: { ruleId: string; path: string; message: string }[] }[];
    expect(results.map((x) => x.file).sort()).toEqual([...HOSTILE_NAMES].sort());
    for (const x of results) {
      expect(x.diagnostics.map((d) => d.ruleId).sort()).toEqual(['narrative-sum', 'schema']);
      expect(x.diagnostics.find((d) => d.ruleId === 'schema')!.path).toBe(`/${HOSTILE_KEY}`);
      // The message is text for people: the key in it is shown escaped.
      expect(x.diagnostics.find((d) => d.ruleId === 'schema')!.message).toBe(
        '报告：不应有键 bad\\u001b[8m\\u001b]0;x\\u0007#\\u0023[add-mask]k\\n::error ::FORGED\\u202e',
      );
      expect(x.diagnostics.find((d) => d.ruleId === 'narrative-sum')!.message).toContain('（#\\u0023[add-ma… 30 + ');
    }
    expect(unsafeLines(r.stdout)).toEqual([]);
    expect(r.stderr).toBe('');
  });

  for (const format of ['stylish', 'sarif', 'junit', 'github', 'html']) {
    it(`-f ${format}: no raw control character, no ##[, no line starting with :: but our own annotations`, () => {
      const r = run(['.', '-f', format]);
      expect(r.code).toBe(1);
      expect(unsafeLines(r.stdout, { annotations: format === 'github' })).toEqual([]);
      expect(r.stderr).toBe('');
    });
  }

  it('stylish: the file header shows the name escaped, by hand', () => {
    const lines = run(['.', '--lang', 'en']).stdout.split('\n');
    expect(lines).toContain('\\u003a:warning ::lead.yaml');
    expect(lines).toContain('x\\n::error file=README.md,line=1::FORGED.yaml');
    expect(lines).toContain('t\\u001b]0;owned\\u0007.yaml');
    expect(lines).toContain('\u3000\\u003a:error ::ideographic-space.yaml');
    expect(lines.at(-2)).toBe('✖ 16 problems (8 errors, 8 warnings)');
  });

  it('github: one annotation per diagnostic, the name %-escaped and sanitized in file=', () => {
    const lines = run(['.', '-f', 'github']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    for (const line of lines) expect(line).toMatch(OUR_ANNOTATION);
    // The line break stays %0A (exact); the line after it would start with `::`, so its first `:` is escaped.
    expect(lines.filter((l) => l.startsWith('::error file=x%0A\\u003a%3Aerror file=README.md%2Cline=1%3A%3AFORGED.yaml,line=58,col=1,'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('::warning file=m#\\u0023[add-mask]secret.yaml,line=7,col=35,'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('::warning file=p%250A%3A%3Aerror %3A%3Aq.yaml,'))).toHaveLength(1);
  });

  it('junit: the XML holds the escaped names and messages', () => {
    const r = run(['.', '-f', 'junit']);
    expect(r.stdout).toContain('<testsuite name="h\\u001b[8mhide.yaml"');
    expect(r.stdout).toContain('\\u003a:warning ::lead.yaml:58:1  错误  报告：不应有键 bad\\u001b[8m');
  });

  it('standard input named by --stdin-filename', () => {
    const r = run(['-', '--stdin-filename', '::error ::S\u001b]0;t\u0007.yaml'], { input: HOSTILE_REPORT });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('\\u003a:error ::S\\u001b]0;t\\u0007.yaml');
    expect(unsafeLines(r.stdout)).toEqual([]);
  });
});

describe('every stderr line of the lint command and the CLI shell', () => {
  it('a named pipe with a hostile name: one line, exit 2', () => {
    const fifo = join(work, 'f\n::error ::FIFO\u001b[8m.yaml');
    spawnSync('mkfifo', [fifo]);
    const r = run([fifo], { cwd: work });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `report-lint: ${work}/f\\n::error ::FIFO\\u001b[8m.yaml 不是普通文件（命名管道、设备或套接字），不读取\n` });
  });

  it('a broken symbolic link with a hostile name: one line, exit 2', () => {
    // (No `[` in this name: a path that does not exist and looks like a glob is taken as a glob.)
    symlinkSync('nowhere', join(work, 'l\u202e::error ::L\u0007.yaml'));
    const r = run(['l\u202e::error ::L\u0007.yaml'], { cwd: work });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'report-lint: l\\u202e::error ::L\\u0007.yaml 是符号链接，但它指向的文件不存在\n' });
  });

  it('a missing path, an unknown option, a bad --rule: one safe line each', () => {
    for (const argv of [['::error ::nope\u001b[8m.yaml'], ['--x\u001b]0;t\u0007', 'a.yaml'], ['--rule', '##[add-mask]\n::error ::x:off', 'a.yaml'], ['--format', '\u202e##[x]', 'a.yaml']]) {
      const r = run(argv, { cwd: work });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.split('\n'), argv.join(' ')).toHaveLength(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^report-lint: /);
      expect(unsafeLines(r.stderr), argv.join(' ')).toEqual([]);
    }
    expect(run(['::error ::nope\u001b[8m.yaml'], { cwd: work }).stderr).toBe('report-lint: 找不到文件或目录：\\u003a:error ::nope\\u001b[8m.yaml\n');
  });

  it('a config file with a hostile rule id: one safe line, exit 2', () => {
    const dir = join(work, 'config');
    mkdirSync(dir);
    copyFileSync('fixtures/examples/2020-wanglejing.yaml', join(dir, 'a.yaml'));
    writeFileSync(join(dir, '.report-lint.yaml'), 'rules:\n  "x\\e[8m##[add-mask]\\u202e\\n::error ::y": off\n');
    const r = run(['a.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(unsafeLines(r.stderr)).toEqual([]);
  });

  it('--print-config: the reason of an ignore entry stays exact in the JSON, and nothing in it acts', () => {
    const dir = join(work, 'print-config');
    mkdirSync(dir);
    const reason = '##[add-mask]\u202e\u0085 reviewed';
    writeFileSync(join(dir, '.report-lint.yaml'), `ignore:\n  - file: "**"\n    rule: balance\n    reason: ${JSON.stringify(reason)}\n`);
    const r = run(['--print-config', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { ignore: { reason: string }[] }).ignore[0]!.reason).toBe(reason);
    expect(unsafeLines(r.stdout)).toEqual([]);
  });

  it('--previous with a hostile name: its notice is one safe line, in English under --lang en', () => {
    const dir = join(work, 'previous');
    mkdirSync(dir);
    copyFileSync('fixtures/examples/2020-wanglejing.yaml', join(dir, 'a.yaml'));
    copyFileSync('fixtures/examples/2020-wanglejing.yaml', join(dir, 'p\n::error ::P##[x].yaml'));
    const r = run(['a.yaml', '--previous', 'p\n::error ::P##[x].yaml', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'report-lint: --previous p\\n::error ::P#\\u0023[x].yaml is the 2020 report, but no 2021 report is among the files checked; the cross-year checks did not run\n',
    );
  });

  it('--fix-dry-run: the diff and the note of a hostile file and line are safe', () => {
    const dir = join(work, 'fix');
    mkdirSync(dir);
    const text = readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8').replace(
      'received:     { natural_person: 0, commercial: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 0 }',
      'received:     { natural_person: 1, commercial: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 0 }  # \u202e##[add-mask]x',
    );
    writeFileSync(join(dir, '::error ::F\u001b[8m.yaml'), text);
    for (const format of ['stylish', 'json']) {
      const r = run(['.', '--fix-dry-run', '-f', format], { cwd: dir });
      expect(r.stdout + r.stderr).toContain('total: 1');
      expect(unsafeLines(r.stdout)).toEqual([]);
      expect(unsafeLines(r.stderr)).toEqual([]);
    }
  });
});
