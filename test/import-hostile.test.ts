/**
 * `import` on hostile input, through the real bin: a zip bomb and a zip that lies about its
 * sizes, a 3 MB text, 100,000 nested tags, a FIFO and symbolic links in an import folder, the
 * size limit; and the files it writes: the --out-dir tree, no overwriting, no writing through
 * links or onto an input, missing folders created, a failed write leaving the old file whole.
 * Every run must end within 10 s and 500 MB with exit 0/1/2 and, when it fails, one line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOneCleanLine, runMeasured, type MeasuredRun } from './helpers/measured-bin.js';
import { docxEntries, documentXml, makeZip, paragraph } from './helpers/zip.js';

const SEED = 'fixtures/import/seed/000_6ffe456dcd5c94ce.txt';
const WORD_DOCX = 'fixtures/import/word-2021.docx';
const work = mkdtempSync(join(tmpdir(), 'report-lint-import-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.platform !== 'win32';

let n = 0;
const folder = (name = 'case') => {
  const dir = join(work, `${name}-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Bounded: ended by itself within 10 s (a loaded machine gets 20) and 500 MB, exit 0/1/2. */
function expectBounded(r: MeasuredRun, label: string): void {
  expect(r.timedOut, `${label}: still running after the timeout`).toBe(false);
  expect(r.ms, `${label}: took ${r.ms} ms`).toBeLessThan(process.env.CI ? 20_000 : 10_000);
  expect(r.rssMb, `${label}: peak memory`).toBeDefined();
  expect(r.rssMb!, `${label}: peak memory ${r.rssMb} MB`).toBeLessThan(500);
  expect([0, 1, 2], `${label}: exit ${r.code}\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
  expect(r.stderr + r.stdout, label).not.toMatch(/\n\s+at |内部错误|internal error|Maximum call stack/i);
}

/** Exit 2 with one line on stderr that says `expected`. */
function expectRefused(r: MeasuredRun, expected: RegExp, label: string): void {
  expectBounded(r, label);
  expect(r.code, `${label}\n${r.stderr}`).toBe(2);
  expect(isOneCleanLine(r.stderr), `${label}: stderr is not one clean line:\n${r.stderr.slice(0, 2000)}`).toBe(true);
  expect(r.stderr, label).toMatch(expected);
}

/** 36 MB of paragraphs: deflated, about 100 KB. */
const BOMB_BODY = '<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(1_000_000);

describe('import: a .docx zip bomb is refused from its zip directory, or while it inflates', () => {
  it('a 100 KB .docx whose document.xml unpacks to 36 MB: refused before inflating (the old code ran past 60 s and 2.5 GB)', () => {
    const dir = folder('bomb');
    const bomb = makeZip(docxEntries(documentXml(BOMB_BODY)));
    expect(bomb.length).toBeLessThan(110 * 1024);
    writeFileSync(join(dir, 'bomb.docx'), bomb);
    const r = runMeasured(['import', 'bomb.docx'], { cwd: dir, timeoutMs: 60_000 });
    expectRefused(r, /Word 文档 bomb\.docx 的正文部分解压后至少 \d+(\.\d)? MB，超过上限 20 MB/, 'bomb');
  });

  it('a zip whose directory says 1 KB for 100 MB: stopped while inflating', () => {
    const dir = folder('liar');
    const liar = makeZip(docxEntries(documentXml(BOMB_BODY), [], { declaredSize: 1024 }));
    writeFileSync(join(dir, 'liar.docx'), liar);
    const r = runMeasured(['import', 'liar.docx'], { cwd: dir });
    expectRefused(r, /liar\.docx 中 word\/document\.xml 解压后的大小与压缩目录所写不符/, 'liar');
  });

  it('more than 1,000 entries: refused from the end-of-directory record', () => {
    const dir = folder('entries');
    const many = Array.from({ length: 1500 }, (_, i) => ({ name: `word/media/image${i}.png`, data: '' }));
    writeFileSync(join(dir, 'many.docx'), makeZip(docxEntries(documentXml(paragraph('x')), many)));
    expectRefused(runMeasured(['import', 'many.docx'], { cwd: dir }), /含 1,503 个压缩条目，超过上限 1,000/, 'entries');
  });

  it('XML nested 100,000 deep, too many elements, or a DOCTYPE: refused before mammoth parses it', () => {
    const dir = folder('xml');
    writeFileSync(join(dir, 'deep.docx'), makeZip(docxEntries(documentXml('<w:p>'.repeat(100_000) + '</w:p>'.repeat(100_000)))));
    writeFileSync(join(dir, 'wide.docx'), makeZip(docxEntries(documentXml('<w:p/>'.repeat(150_000)))));
    const laughs = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + documentXml('<w:p><w:r><w:t>&b;</w:t></w:r></w:p>');
    writeFileSync(join(dir, 'laughs.docx'), makeZip(docxEntries(laughs)));
    expectRefused(runMeasured(['import', 'deep.docx'], { cwd: dir }), /word\/document\.xml 嵌套超过 256 层/, 'deep');
    expectRefused(runMeasured(['import', 'wide.docx'], { cwd: dir }), /超过 100,000 个 XML 元素/, 'wide');
    expectRefused(runMeasured(['import', 'laughs.docx'], { cwd: dir }), /含有 DOCTYPE 声明/, 'laughs');
  });

  it('an honest .docx with an image still imports (the image is never unpacked)', () => {
    const dir = folder('honest');
    const original = readFileSync(WORD_DOCX);
    writeFileSync(join(dir, 'word.docx'), original);
    const r = runMeasured(['import', 'word.docx', '-o', 'word.yaml'], { cwd: dir });
    expectBounded(r, 'honest');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'word.yaml'), 'utf8')).toMatch(/^agency: .+市场监督管理局/m);
  });

  it('in a batch, the bomb is one error row and the other files are imported', () => {
    const dir = folder('bomb-batch');
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'bomb.docx'), makeZip(docxEntries(documentXml(BOMB_BODY))));
    copyFileSync(SEED, join(dir, 'in', 'seed.txt'));
    copyFileSync(WORD_DOCX, join(dir, 'in', 'word.docx'));
    const r = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
    expectBounded(r, 'bomb batch');
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['seed.yaml', 'word.yaml']);
    expect(r.stdout).toMatch(/in\/bomb\.docx +✖ 无法导入/);
    expect(r.stdout).toContain('共 3 份：导入 2 份，无法导入 1 份');
  });
});

describe('import: text and HTML of any size and shape', () => {
  const seed = () => readFileSync(SEED, 'utf8');

  it('a 3 MB .txt whose table section has 150,000 lines: one clear line (the old code overflowed the stack: internal error)', () => {
    const dir = folder('txt-lines');
    const text = seed().replace(/^#### 五、/m, '12345678901234567890\n'.repeat(150_000) + '#### 五、');
    expect(text.length).toBeGreaterThan(3_000_000);
    writeFileSync(join(dir, 'long.txt'), text);
    expectRefused(runMeasured(['import', 'long.txt', '-o', 'long.yaml'], { cwd: dir }), /long\.txt 的表格部分有 > 20,000 个单元格/, '150,000 lines');
  });

  it('a 3 MB .txt whose table section runs on for 150,000 blank lines imports: blank lines are not cells', () => {
    const dir = folder('txt');
    // The blank lines follow 四's table: they are blocks of a table section, with no cells.
    const text = seed().replace(/^#### 五、/m, `${' '.repeat(19)}\n`.repeat(150_000) + '#### 五、');
    expect(text.length).toBeGreaterThan(3_000_000);
    writeFileSync(join(dir, 'long.txt'), text);
    const r = runMeasured(['import', 'long.txt', '-o', 'long.yaml'], { cwd: dir });
    expectBounded(r, '3 MB txt');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'long.yaml'), 'utf8')).toMatch(/^year: 2020$/m);
  });

  it('a 3 MB .txt of 500,000 table cells: refused in one line, in a batch one error row', () => {
    const dir = folder('cells');
    mkdirSync(join(dir, 'in'));
    const lines = ['某县2021年政府信息公开工作年度报告', '一、总体情况', '正文。', '二、主动公开政府信息情况'];
    for (let i = 0, length = 0; length < 3_000_000; i++) length += lines[lines.push(`未知标签${i} 甲 乙 丙 丁 戊 己`) - 1]!.length + 1;
    writeFileSync(join(dir, 'in', 'cells.txt'), lines.join('\n'));
    copyFileSync(SEED, join(dir, 'in', 'seed.txt'));
    expectRefused(runMeasured(['import', 'in/cells.txt'], { cwd: dir }), /表格部分有 > 20,000 个单元格，超过上限 20,000/, 'cells');
    const batch = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
    expectBounded(batch, 'cells batch');
    expect(batch.code).toBe(2);
    expect(existsSync(join(dir, 'out', 'seed.yaml'))).toBe(true);
    expect(batch.stdout).toContain('共 2 份：导入 1 份，无法导入 1 份');
  });

  it('one line of 5 MB of | in a table section: refused before it is split', () => {
    const dir = folder('pipes');
    writeFileSync(join(dir, 'pipes.md'), '二、主动公开政府信息情况\n' + '|'.repeat(5_000_000));
    expectRefused(runMeasured(['import', 'pipes.md'], { cwd: dir }), /单元格，超过上限 20,000/, 'pipes');
  });

  it('9,000,000 empty lines: refused before they become blocks', () => {
    const dir = folder('lines');
    writeFileSync(join(dir, 'lines.txt'), '\n'.repeat(9_000_000));
    expectRefused(runMeasured(['import', 'lines.txt'], { cwd: dir }), /超过 200,000 行/, 'lines');
  });

  it('100,000 nested tags, and formatting reopened in every paragraph (a tree that grows with the square of the input)', () => {
    const dir = folder('html');
    writeFileSync(join(dir, 'nested.html'), '<html><body>' + '<div>'.repeat(100_000) + 'x' + '</div>'.repeat(100_000) + '</body></html>');
    writeFileSync(join(dir, 'spans.html'), '<span>'.repeat(100_000) + 'x');
    writeFileSync(join(dir, 'fonts.html'), Array.from({ length: 20_000 }, (_, i) => `<font c=${i}>x<p>`).join(''));
    writeFileSync(join(dir, 'reopen.html'), Array.from({ length: 200 }, (_, i) => `<font c=${i}>`).join('') + '<p>x'.repeat(400_000));
    writeFileSync(join(dir, 'spans100.html'), '<table><tr>' + '<td colspan=100 rowspan=100>x'.repeat(30_000));
    expectRefused(runMeasured(['import', 'nested.html'], { cwd: dir }), /网页 nested\.html 的元素嵌套超过 256 层/, 'nested');
    expectRefused(runMeasured(['import', 'spans.html'], { cwd: dir }), /嵌套超过 256 层/, 'spans');
    expectRefused(runMeasured(['import', 'fonts.html'], { cwd: dir }), /嵌套超过 256 层/, 'fonts');
    expectRefused(runMeasured(['import', 'reopen.html'], { cwd: dir }), /的元素超过 100,000 个/, 'reopen');
    expectRefused(runMeasured(['import', 'spans100.html'], { cwd: dir }), /展开合并单元格后超过 200,000 格/, 'colspan');
  });

  it('--max-file-size applies to import as to lint (and to standard input)', () => {
    const dir = folder('size');
    copyFileSync(SEED, join(dir, 'seed.txt'));
    expectRefused(runMeasured(['import', 'seed.txt', '--max-file-size', '1KB'], { cwd: dir }), /seed\.txt：文件大小 8\.2 KB 超过上限 1 KB，未读取（可用 --max-file-size 调整上限）/, 'size');
    expectRefused(runMeasured(['import', '-', '--input-type', 'txt', '--max-file-size', '1KB'], { cwd: dir, input: readFileSync(SEED) }), /文件大小 > \d+(\.\d)? KB 超过上限 1 KB/, 'stdin size');
    expectRefused(runMeasured(['import', 'seed.txt', '--max-file-size', 'lots'], { cwd: dir }), /--max-file-size 需要正的大小/, 'bad size');
    expect(runMeasured(['import', 'seed.txt', '--max-file-size', '9KB'], { cwd: dir }).code).toBe(0);
  });

  it('notes and names quote the input only made safe (no terminal escapes, no workflow commands)', () => {
    const dir = folder('notes');
    const text = readFileSync(SEED, 'utf8').replace('商业机构', '商业机构\u001b]0;evil\u0007') + '\n';
    const hostile = 'a\u001b[31m\n::error::x.txt';
    writeFileSync(join(dir, 'seed.txt'), text);
    writeFileSync(join(dir, 'hostile.txt'), 'not a report');
    const r = runMeasured(['import', 'seed.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).toContain('\\u001b]0;evil\\u0007');
    if (posix) {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'in', hostile), 'nothing');
      const batch = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
      expectBounded(batch, 'hostile name');
      expect(batch.stdout + batch.stderr).not.toMatch(/[\u001b]|^::/m);
      expect(batch.stdout).toContain('a\\u001b[31m\\n::error::x.txt');
    }
  });
});

describe.skipIf(!posix)('import: what a folder holds besides reports', () => {
  it('a FIFO in an import folder is an error row, never a hang; a named FIFO is exit 2 with one line', () => {
    const dir = folder('fifo');
    mkdirSync(join(dir, 'in'));
    copyFileSync(SEED, join(dir, 'in', 'a.txt'));
    spawnSync('mkfifo', [join(dir, 'in', 'b.txt')]);
    const r = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir, timeoutMs: 20_000 });
    expectBounded(r, 'fifo batch');
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'out', 'a.yaml'))).toBe(true);
    expect(r.stderr).toContain('in/b.txt: in/b.txt 不是普通文件（命名管道、设备或套接字），不读取');
    expectRefused(runMeasured(['import', 'in/b.txt'], { cwd: dir, timeoutMs: 20_000 }), /^report-lint: in\/b\.txt 不是普通文件/, 'named fifo');
  });

  it('symbolic links: read when they lead inside the folder; a link out of the tree or to a device is skipped', () => {
    const dir = folder('links');
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    copyFileSync(SEED, join(dir, 'secret.txt'));
    copyFileSync(SEED, join(dir, 'in', 'sub', 'real.txt'));
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'in', 'outside.txt'));
    symlinkSync(join(dir, 'in', 'sub', 'real.txt'), join(dir, 'in', 'inside.txt'));
    symlinkSync('/dev/zero', join(dir, 'in', 'zero.txt'));
    symlinkSync(join(dir, 'in'), join(dir, 'in', 'sub', 'loop'));
    const r = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
    expectBounded(r, 'links');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'), { recursive: true }).map(String).sort()).toEqual(['inside.yaml', 'sub', join('sub', 'real.yaml')]);
    expect(r.stdout + r.stderr).not.toMatch(/outside|zero/);
  });

  it('/dev/zero named as an input: exit 2, one line, at once', () => {
    expectRefused(runMeasured(['import', '/dev/zero', '--input-type', 'txt']), /\/dev\/zero 不是普通文件/, 'dev zero');
  });
});

describe('import: the files it writes', () => {
  it('--out-dir mirrors the input tree: c1/r.txt and c2/r.txt are OUT/c1/r.yaml and OUT/c2/r.yaml (the old code wrote one r.txt.yaml)', () => {
    const dir = folder('tree');
    for (const c of ['c1', 'c2']) {
      mkdirSync(join(dir, c));
      copyFileSync(SEED, join(dir, c, 'r.txt'));
    }
    writeFileSync(join(dir, 'c2', 'r.txt'), readFileSync(SEED, 'utf8').replace('2020 年政府信息公开', '2019 年政府信息公开'));
    const r = runMeasured(['import', 'c1/r.txt', 'c2/r.txt', '--out-dir', 'out'], { cwd: dir });
    expectBounded(r, 'tree');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'c1', 'r.yaml'), 'utf8')).toMatch(/^year: 2020$/m);
    expect(readFileSync(join(dir, 'out', 'c2', 'r.yaml'), 'utf8')).toMatch(/^year: 2019$/m);
    // Two folders named: the same tree below their common folder.
    const folders = runMeasured(['import', 'c1', 'c2', '--out-dir', 'out2'], { cwd: dir });
    expect(folders.code).toBe(0);
    expect(readdirSync(join(dir, 'out2'), { recursive: true }).map(String).sort()).toEqual(['c1', join('c1', 'r.yaml'), 'c2', join('c2', 'r.yaml')]);
    // One folder named: the tree below it, as before.
    expect(runMeasured(['import', 'c1', '--out-dir', 'out3'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(join(dir, 'out3'))).toEqual(['r.yaml']);
    // A file named twice (by itself and in its folder) is one input, not a collision.
    const twice = runMeasured(['import', 'c1', 'c1/r.txt', '--out-dir', 'out4'], { cwd: dir });
    expect(twice.code, twice.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out4'))).toEqual(['r.yaml']);
  });

  it('same stem in one folder keeps the extensions; a name still taken twice is refused for the later input', () => {
    const dir = folder('stems');
    mkdirSync(join(dir, 'in'));
    copyFileSync(SEED, join(dir, 'in', 'a.txt'));
    copyFileSync(SEED, join(dir, 'in', 'a.md'));
    copyFileSync(SEED, join(dir, 'in', 'a.txt.txt'));
    const r = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
    expectBounded(r, 'stems');
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.md.yaml', 'a.txt.yaml']);
    expect(r.stderr).toMatch(/in\/a\.txt\.txt 与 in\/a\.txt 对应同一个输出文件 out\/a\.txt\.yaml：in\/a\.txt\.txt 未写入/);
    expect(r.stdout).toMatch(/in\/a\.txt\.txt +✖ 未写入/);
  });

  it('an existing report file is not overwritten without --force; with --force it is', () => {
    const dir = folder('exists');
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out'));
    copyFileSync(SEED, join(dir, 'in', 'a.txt'));
    writeFileSync(join(dir, 'out', 'a.yaml'), 'precious: true\n');
    const r = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir });
    expectBounded(r, 'exists');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out/a.yaml 已存在，未覆盖（确要覆盖请加 --force）');
    expect(readFileSync(join(dir, 'out', 'a.yaml'), 'utf8')).toBe('precious: true\n');
    const forced = runMeasured(['import', 'in', '--out-dir', 'out', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'a.yaml'), 'utf8')).toMatch(/^year: 2020$/m);
  });

  it.skipIf(!posix)('a symbolic link in the output folder is never written through, even with --force', () => {
    const dir = folder('outlink');
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    copyFileSync(SEED, join(dir, 'in', 'a.txt'));
    copyFileSync(SEED, join(dir, 'in', 'sub', 'b.txt'));
    writeFileSync(join(dir, 'victim.yaml'), 'victim: true\n');
    symlinkSync(join(dir, 'victim.yaml'), join(dir, 'out', 'a.yaml'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'sub'));
    const r = runMeasured(['import', 'in', '--out-dir', 'out', '--force'], { cwd: dir });
    expectBounded(r, 'outlink');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'victim.yaml'), 'utf8')).toBe('victim: true\n');
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
    expect(r.stderr).toContain('无法写入 out/a.yaml：这是符号链接，不会写入它指向的文件（原有文件未改动）');
    expect(r.stderr).toContain('输出文件 out/sub/b.yaml 所在的目录经符号链接指向 --out-dir 之外，未写入');
  });

  it('-o onto the input, or an output that is one of the inputs, is refused and the input stays whole', () => {
    const dir = folder('ontoinput');
    copyFileSync(SEED, join(dir, 'r.txt'));
    const before = readFileSync(join(dir, 'r.txt'));
    expectRefused(runMeasured(['import', 'r.txt', '-o', 'r.txt'], { cwd: dir }), /输出文件 r\.txt 是本次的输入文件，写入会毁掉输入，未写入/, 'onto input');
    expect(readFileSync(join(dir, 'r.txt')).equals(before)).toBe(true);
    mkdirSync(join(dir, 'in'));
    copyFileSync(SEED, join(dir, 'in', 'r.yaml'));
    const inputBefore = readFileSync(join(dir, 'in', 'r.yaml'));
    const r = runMeasured(['import', 'in/r.yaml', '--input-type', 'txt', '--out-dir', 'in', '--force'], { cwd: dir });
    expectBounded(r, 'out-dir onto input');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('输出文件 in/r.yaml 是本次的输入文件');
    expect(readFileSync(join(dir, 'in', 'r.yaml')).equals(inputBefore)).toBe(true);
  });

  it('-o into folders that do not exist yet creates them; -o onto a folder is one clear line', () => {
    const dir = folder('mkdir');
    copyFileSync(SEED, join(dir, 'r.txt'));
    const r = runMeasured(['import', 'r.txt', '-o', 'x/y/w.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'x', 'y', 'w.yaml'), 'utf8')).toMatch(/^year: 2020$/m);
    mkdirSync(join(dir, 'adir'));
    expectRefused(runMeasured(['import', 'r.txt', '-o', 'adir'], { cwd: dir }), /无法写入 adir：这不是普通文件（目录、命名管道或设备）/, '-o dir');
  });

  it.skipIf(!posix)('a write that fails (ulimit -f) names the file, keeps the old file byte for byte, and the batch goes on', () => {
    const dir = folder('ulimit');
    copyFileSync(SEED, join(dir, 'r.txt'));
    writeFileSync(join(dir, 'old.yaml'), 'old: true\n');
    const r = runMeasured(['import', 'r.txt', '-o', 'old.yaml'], { cwd: dir, shell: 'ulimit -f 6' });
    expectRefused(r, /无法写入 old\.yaml：超过文件大小上限（原有文件未改动）/, 'ulimit');
    expect(readFileSync(join(dir, 'old.yaml'), 'utf8')).toBe('old: true\n');
    expect(readdirSync(dir).sort()).toEqual(['old.yaml', 'r.txt']); // no temporary file left
    // A batch: the small report (4 KB) is written, the large one (9 KB) fails, and the table says which is which.
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'small.txt'), '某县2021年政府信息公开工作年度报告\n');
    copyFileSync(SEED, join(dir, 'in', 'large.txt'));
    const batch = runMeasured(['import', 'in', '--out-dir', 'out'], { cwd: dir, shell: 'ulimit -f 6' });
    expectBounded(batch, 'ulimit batch');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('in/large.txt: 无法写入 out/large.yaml：超过文件大小上限（未创建该文件）');
    expect(batch.stdout).toMatch(/in\/large\.txt +✖ 未写入/);
    expect(batch.stdout).toMatch(/in\/small\.txt +out\/small\.yaml/);
    expect(readdirSync(join(dir, 'out'))).toEqual(['small.yaml']);
  });
});
