/**
 * Hostile and broken input (README, Encodings, limits, hostile input): the corpus in
 * fixtures/hostile/ (each file states its expected diagnostics), the inputs that cannot live in git (fixtures/hostile/generated/cases.json,
 * built here in a temporary folder), and what only the real bin can show: exit codes, a closed
 * pipe, SIGINT, FIFOs, permissions, symlinks.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { t } from '../src/i18n/index.js';
import { lintFile } from '../src/lint-file.js';
import { lintSource } from '../src/check/lint.js';
import type { FileResult } from '../src/types.js';
import { buildGeneratedCase, type GeneratedCase } from './helpers/hostile-cases.js';
import { expectDiagnosticsToMatch, expectedMarkers, expectRenderedMessages, fixtureFiles } from './helpers/markers.js';

const DIR = 'fixtures/hostile/';
const EXAMPLE = 'fixtures/examples/2020-wanglejing.yaml';
const BIN = resolve('bin/report-lint.js');
const work = mkdtempSync(join(tmpdir(), 'report-lint-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every diagnostic points inside the file: a line that exists, a column on it (or just after it). */
export function expectPositionsInside(result: FileResult, text: string): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const d of result.diagnostics) {
    expect(d.ruleId, d.message).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(d.message.length, d.ruleId).toBeGreaterThan(0);
    expect(d.line, d.message).toBeGreaterThanOrEqual(1);
    expect(d.line, d.message).toBeLessThanOrEqual(lines.length);
    expect(d.column, d.message).toBeGreaterThanOrEqual(1);
    expect(d.column, d.message).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  }
}

describe('fixtures/hostile: every file gives exactly the diagnostics it states', () => {
  const files = fixtureFiles(DIR);
  it('the corpus has one file per kind of hostile input', () => expect(files.length).toBeGreaterThanOrEqual(25));
  for (const file of files) {
    it(basename(file), () => {
      const bytes = readFileSync(file);
      const result = lintSource(bytes, file);
      expectDiagnosticsToMatch(result, expectedMarkers(file));
      expectRenderedMessages(result.diagnostics);
      expectRenderedMessages(lintSource(bytes, file, { lang: 'en' }).diagnostics);
      // A file that was not fully checked never comes out clean.
      expect(result.errorCount).toBeGreaterThan(0);
    });
  }
});

describe('safety', () => {
  it('__proto__, constructor and prototype keys are reported as unknown keys and pollute nothing', () => {
    for (const file of ['proto-keys.yaml', 'proto-keys-json.json', 'duplicate-proto.json']) lintSource(readFileSync(DIR + file), file);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).template).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    // Ajv saw the keys as data: each is named in its message.
    const result = lintSource(readFileSync(DIR + 'proto-keys.yaml'), 'proto-keys.yaml');
    expect(result.diagnostics.map((d) => d.path)).toEqual([['__proto__'], ['constructor'], ['prototype']]);
    expect(result.diagnostics.every((d, i) => d.message.includes(['__proto__', 'constructor', 'prototype'][i]!))).toBe(true);
  });
  it('a !!js/function tag is never run', () => {
    lintSource(readFileSync(DIR + 'js-function-tag.yaml'), 'x.yaml');
    expect((globalThis as Record<string, unknown>).__reportLintPwned).toBeUndefined();
  });
  it('a message never carries a whole 5 MB key', () => {
    const result = lintSource(readFileSync(EXAMPLE, 'utf8') + `"${'k'.repeat(5_000_000)}": 1\n`, 'x.yaml');
    expect(result.errorCount).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(d.message.length).toBeLessThan(2000);
  });
});


const build = (c: GeneratedCase): string => buildGeneratedCase(c, work);

describe('generated hostile inputs (fixtures/hostile/generated/cases.json)', () => {
  const { cases } = JSON.parse(readFileSync(DIR + 'generated/cases.json', 'utf8')) as { cases: GeneratedCase[] };
  for (const c of cases) {
    it(c.name, () => {
      const file = build(c);
      if (c.error) {
        // Read errors are one exit-2 line, not diagnostics; a FIFO must not block the run.
        expect(() => lintFile(file, c.options ?? {})).toThrow(UsageError);
        expect(() => lintFile(file, c.options ?? {})).toThrow(t('zh', c.error, { file }));
        expect(() => lintFile(file, { lang: 'en' })).toThrow(t('en', c.error, { file }));
        return;
      }
      const result = lintFile(file, c.options ?? {});
      expectDiagnosticsToMatch(result, c.expect!);
      expectRenderedMessages(result.diagnostics);
    });
  }
});

/** Run the real bin; a generous timeout turns a hang into a failure instead of a stuck suite. */
function run(args: string[], options: { input?: string; uid?: number; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '' },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('through the bin', () => {
  it('a FIFO found in a folder: exit 2 with one line, never a hang', () => {
    const dir = join(work, 'with-fifo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), readFileSync(EXAMPLE));
    spawnSync('mkfifo', [join(dir, 'b.yaml')]);
    const r = run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`report-lint: ${t('zh', 'input.notRegular', { file: join(dir, 'b.yaml') })}`]);
  });

  it('a file without read permission: exit 2 with one line', () => {
    const dir = join(work, 'locked');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const file = join(dir, 'locked.yaml');
    writeFileSync(file, readFileSync(EXAMPLE));
    chmodSync(file, 0o000);
    // root reads everything: run the bin as nobody then (it still needs to read the repo).
    const root = process.getuid?.() === 0;
    chmodSync(work, 0o755);
    const r = run([file], root ? { uid: 65534 } : {});
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`report-lint: ${t('zh', 'input.permission', { file })}\n`);
  });

  it('symlinks in a folder: loops are not followed, a link out of the folder is not read, a broken link is exit 2', () => {
    const outside = join(work, 'outside');
    const dir = join(work, 'links');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.yaml'), 'password: hunter2\n');
    writeFileSync(join(dir, 'ok.yaml'), readFileSync(EXAMPLE));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'secret.yaml'));
    symlinkSync('ok.yaml', join(dir, 'same.yaml'));
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync(dir, join(dir, 'sub', 'loop.yaml'));
    let r = run(['--format', 'json', dir]);
    expect(r.code, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => basename(f.file));
    expect(files).toEqual(['ok.yaml', 'same.yaml']);
    expect(r.stdout).not.toContain('hunter2');
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'broken.yaml'));
    r = run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`report-lint: ${t('zh', 'input.brokenSymlink', { file: join(dir, 'broken.yaml') })}\n`);
  });

  it('output to a closed pipe (| head -c 1) ends quietly, exit code still the lint result', () => {
    const dir = join(work, 'many');
    mkdirSync(dir);
    // Enough output to overflow the pipe buffer after head has gone.
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `r${i}.yaml`), 'template: 2019\nyear: [\n');
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --format json "${dir}" | head -c 1 >/dev/null`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  it('SIGINT stops a run promptly', async () => {
    // The bin waits on standard input that never comes; SIGINT must end it.
    const child = spawn(process.execPath, [BIN, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    child.kill('SIGINT');
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const { code, signal } = await exited;
    clearTimeout(guard);
    expect(signal === 'SIGINT' || code === 130).toBe(true);
  });

  it('--encoding gb18030 reads a GB18030 file; an unknown encoding is exit 2', () => {
    const plain = run([DIR + 'gb18030.yaml']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('iconv -f GB18030 -t UTF-8');
    expect(plain.stdout).toContain('--encoding gb18030');
    const decoded = run(['--format', 'json', '--encoding', 'gb18030', DIR + 'gb18030.yaml']);
    const diagnostics = (JSON.parse(decoded.stdout) as FileResult[])[0]!.diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.ruleId === 'schema')).toBe(true);
    const bad = run(['--encoding', 'klingon', EXAMPLE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`report-lint: ${t('zh', 'input.badEncoding', { value: 'klingon' })}\n`);
  });

  it('--max-file-size: files and standard input over it get a diagnostic; a bad size is exit 2', () => {
    const file = run(['--max-file-size', '1KB', EXAMPLE]);
    expect(file.code).toBe(1);
    expect(file.stdout).toContain(t('zh', 'parse.tooLarge', { size: '4.8 KB', limit: '1 KB' }));
    const stdin = run(['--max-file-size', '1k', '--format', 'json', '-'], { input: readFileSync(EXAMPLE, 'utf8') });
    expect(stdin.code).toBe(1);
    expect((JSON.parse(stdin.stdout) as { diagnostics: { ruleId: string }[] }[])[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['parse']);
    expect(run(['--max-file-size', '1MB', EXAMPLE]).code).toBe(0);
    const bad = run(['--max-file-size', 'lots', EXAMPLE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`report-lint: ${t('zh', 'input.badSize', { value: 'lots' })}\n`);
  });
});
