/**
 * writeFileAtomic (src/util/write-file.ts) and the writers that use it (--output, init -o):
 * a file is either the old one or the new one, never half of either; the old mode is kept;
 * links, FIFOs and folders at the target are refused; `exclusive` never replaces a file.
 * A write that fails midway is made real with `ulimit -f` in a child shell (EFBIG).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, WriteFailure } from '../src/util/write-file.js';

const BIN = resolve('bin/report-lint.js');
const DIST_WRITER = resolve('dist/util/write-file.js');
const work = mkdtempSync(join(tmpdir(), 'report-lint-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
const folder = () => {
  const dir = join(work, `d${++folders}`);
  mkdirSync(dir);
  return dir;
};

/** The code of the WriteFailure `write` throws (fails the test when it does not throw one). */
function failureCode(write: () => void): string {
  try {
    write();
  } catch (error) {
    expect(error).toBeInstanceOf(WriteFailure);
    return (error as WriteFailure).code;
  }
  throw new Error('expected the write to fail');
}

/** Run a command under `ulimit -f <kb>` in a child shell: writes past the limit fail with EFBIG. */
function underFileSizeLimit(kb: number, argv: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync('bash', ['-c', `ulimit -f ${kb}; exec "$@"`, 'bash', ...argv], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
  });
}

describe('writeFileAtomic', () => {
  it('replaces the content and keeps the mode of the file it replaces', () => {
    const file = join(folder(), 'r.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    writeFileAtomic(file, Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
    expect([...readFileSync(file)]).toEqual([0xff, 0xfe, 0x41, 0x00]);
    expect(readdirSync(join(file, '..'))).toEqual(['r.yaml']);
  });

  it('a new file gets the usual mode (0666 less the umask)', () => {
    const file = join(folder(), 'new.yaml');
    writeFileAtomic(file, 'x');
    const umask = process.umask();
    expect(statSync(file).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('a write that fails midway (ulimit -f): the original byte for byte, its mode kept, no temporary file left', () => {
    const dir = folder();
    const file = join(dir, 'r.yaml');
    const original = Buffer.from('原来的内容\n'.repeat(100));
    writeFileSync(file, original);
    chmodSync(file, 0o604);
    const script = `import { writeFileAtomic } from ${JSON.stringify(DIST_WRITER)};
try { writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(100000)); console.log('written'); }
catch (e) { console.log(e.name, e.code); }`;
    const r = underFileSizeLimit(4, [process.execPath, '--input-type=module', '-e', script]);
    expect(r.stdout).toBe('WriteFailure EFBIG\n');
    expect(readFileSync(file)).toEqual(original);
    expect(statSync(file).mode & 0o7777).toBe(0o604);
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  });

  it('refuses a symbolic link at the target, and leaves what it points to alone', () => {
    const dir = folder();
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'keep\n');
    const link = join(dir, 'out.json');
    symlinkSync(target, link);
    expect(failureCode(() => writeFileAtomic(link, 'x'))).toBe('symlink');
    expect(readFileSync(target, 'utf8')).toBe('keep\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // A dangling link too: it must not create the file it names.
    const dangling = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'created-through-link.txt'), dangling);
    expect(failureCode(() => writeFileAtomic(dangling, 'x'))).toBe('symlink');
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'elsewhere.txt', 'out.json']);
  });

  it('refuses a FIFO (without blocking) and a folder at the target', () => {
    const dir = folder();
    const fifo = join(dir, 'fifo.json');
    spawnSync('mkfifo', [fifo]);
    expect(failureCode(() => writeFileAtomic(fifo, 'x'))).toBe('notRegular');
    mkdirSync(join(dir, 'sub.json'));
    expect(failureCode(() => writeFileAtomic(join(dir, 'sub.json'), 'x'))).toBe('notRegular');
    expect(readdirSync(dir).sort()).toEqual(['fifo.json', 'sub.json']);
  });

  it('exclusive: never replaces an existing file, writes a new one', () => {
    const dir = folder();
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'keep\n');
    expect(failureCode(() => writeFileAtomic(file, 'x', { exclusive: true }))).toBe('exists');
    expect(readFileSync(file, 'utf8')).toBe('keep\n');
    writeFileAtomic(join(dir, 'fresh.yaml'), 'new\n', { exclusive: true });
    expect(readFileSync(join(dir, 'fresh.yaml'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['fresh.yaml', 'r.yaml']);
  });

  it('makeParents creates the missing folders; without it a missing folder is ENOENT', () => {
    const dir = folder();
    expect(failureCode(() => writeFileAtomic(join(dir, 'a', 'b', 'out.json'), 'x'))).toBe('ENOENT');
    writeFileAtomic(join(dir, 'a', 'b', 'out.json'), 'x', { makeParents: true });
    expect(readFileSync(join(dir, 'a', 'b', 'out.json'), 'utf8')).toBe('x');
  });

  it('a target whose name is near the 255-byte limit can still be written (the temporary name is shortened)', () => {
    const dir = folder();
    const name = '年'.repeat(83) + '.yaml'; // 249 + 5 bytes
    expect(Buffer.byteLength(name)).toBe(254);
    writeFileAtomic(join(dir, name), 'x');
    writeFileAtomic(join(dir, name), 'y');
    expect(readFileSync(join(dir, name), 'utf8')).toBe('y');
    expect(readdirSync(dir)).toEqual([name]);
  });
});

describe('the writers use it', { timeout: 300_000 }, () => {
  /** Clean examples: the html page of them is well over 4 KB. */
  const examples = resolve('fixtures/examples');

  it('--output: a failed write leaves the existing output file byte for byte, and says so', () => {
    const dir = folder();
    const out = join(dir, 'report.html');
    writeFileSync(out, 'yesterday\n');
    const r = underFileSizeLimit(4, [process.execPath, BIN, '-f', 'html', '-o', out, examples]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写入输出文件 ${out}：EFBIG（该文件未被改动）\n`);
    expect(readFileSync(out, 'utf8')).toBe('yesterday\n');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('--output: when the second output fails, the message names the first as written', () => {
    const dir = folder();
    const first = join(dir, 'a.json');
    const r = underFileSizeLimit(4, [process.execPath, BIN, '-f', 'json', '-o', first, '-f', 'html', '-o', join(dir, 'b.html'), examples]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写入输出文件 ${join(dir, 'b.html')}：EFBIG（该文件未被改动）；此前已写入：${first}\n`);
    expect(JSON.parse(readFileSync(first, 'utf8'))).toHaveLength(3);
    expect(readdirSync(dir)).toEqual(['a.json']);
    const en = underFileSizeLimit(4, [process.execPath, BIN, '--lang', 'en', '-f', 'json', '-o', first, '-f', 'html', '-o', join(dir, 'b.html'), examples]);
    expect(en.stderr).toBe(`report-lint: Cannot write the output file ${join(dir, 'b.html')}: EFBIG (the file was not changed); already written: ${first}\n`);
  });

  it('init -o --force: a failed write leaves the existing file byte for byte', () => {
    const dir = folder();
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'keep me\n');
    const r = underFileSizeLimit(4, [process.execPath, BIN, 'init', '--year', '2025', '--agency', '某局', '-o', file, '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写入 ${file}：EFBIG（未写入任何内容，原有文件未被改动）\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  });

  it('init -o onto a symbolic link: refused, the file it points to unchanged', () => {
    const dir = folder();
    const target = join(dir, 'target.yaml');
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, join(dir, 'r.yaml'));
    const r = underFileSizeLimit(1024, [process.execPath, BIN, 'init', '--year', '2025', '--agency', '某局', '-o', join(dir, 'r.yaml'), '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`report-lint: 无法写入 ${join(dir, 'r.yaml')}：symlink（未写入任何内容，原有文件未被改动）\n`);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
  });
});
