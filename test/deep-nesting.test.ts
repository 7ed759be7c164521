/**
 * Deep block nesting is reported at one place, whatever thread lints the file: the first
 * collection more than 64 levels deep. The YAML parser gives up where the JavaScript stack runs
 * out, which differs between the main thread and a worker; so prescan counts the levels by
 * indentation before the parser runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';

const BIN = resolve('bin/report-lint.js');
const work = mkdtempSync(join(tmpdir(), 'report-lint-deep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `levels` nested collections, one per line, each two spaces deeper than the one before. */
function nested(levels: number, line: string): string {
  let text = '';
  for (let k = 0; k < levels; k++) text += `${'  '.repeat(k)}${line}\n`;
  return text + `${'  '.repeat(levels)}leaf\n`;
}

/**
 * Line k holds the collection at depth k, indented 2(k − 1) spaces: the first beyond 64 levels
 * is on line 65, at column 2 × 64 + 1 = 129.
 */
const FIRST_TOO_DEEP = { line: 65, column: 129 };

/** [line, column, message] of each diagnostic, per file, from `--format json`. */
function run(args: string[]): Record<string, [number, number, string][]> {
  const r = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  const results = JSON.parse(r.stdout) as { file: string; diagnostics: { line: number; column: number; message: string }[] }[];
  return Object.fromEntries(results.map((f) => [f.file, f.diagnostics.map((d) => [d.line, d.column, d.message])]));
}

describe('deep block nesting', () => {
  // 3,000 levels ran the main thread's parser out of stack (reported at 896:1791, a different
  // message), while a worker reported 65:129; 300 levels gave 65:129 in both.
  const files = [
    ['mappings-300.yaml', nested(300, 'a:')],
    ['mappings-3000.yaml', nested(3000, 'a:')],
    ['lists-3000.yaml', nested(3000, '-')],
  ].map(([name, text]) => {
    const file = join(work, name!);
    writeFileSync(file, text!);
    return file;
  });
  const expected = [[FIRST_TOO_DEEP.line, FIRST_TOO_DEEP.column, '嵌套超过 64 层（报告最多只有几层），已停止读取此文件']];

  it('in the main thread (--jobs 1): the first collection beyond 64 levels', () => {
    const results = run(['--jobs', '1', ...files]);
    for (const file of files) expect(results[file], file).toEqual(expected);
  });

  it('in a worker thread (--jobs 2): the same place', () => {
    const results = run(['--jobs', '2', ...files]);
    for (const file of files) expect(results[file], file).toEqual(expected);
  });

  it('in process: the same place', () => {
    const result = lintSource(nested(3000, 'a:'), 'deep.yaml');
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual(expected);
  });
});
