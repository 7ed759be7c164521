/**
 * --fix and --fix-dry-run through the real bin. Each fixtures/fix/<name> has a hand-written
 * <name>.fixed.<ext>: the exact bytes --fix must leave (comments, quoting, flow/block style and
 * JSON indentation kept; only computable totals changed; parts and balance left alone).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFixes } from '../src/fix/compute.js';
import { parse } from 'yaml';

const BIN = resolve('bin/report-lint.js');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8' } });
const copy = (name: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'report-lint-fix-')), name);
  copyFileSync(join('fixtures/fix', name), file);
  return file;
};

describe('--fix', { timeout: 60_000 }, () => {
  it('YAML: fills and corrects totals in place, keeping comments, quoting and style; balance and a string part stay reported', () => {
    const file = copy('mixed.yaml');
    const r = run(['--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('fixtures/fix/mixed.fixed.yaml', 'utf8'));
    expect(r.stderr).toContain('已自动填写或更正 7 处合计');
    // What --fix cannot know stays: the 勾稽关系 (two columns) and the part written as a string.
    expect(r.status).toBe(1);
    expect(r.stdout.match(/ balance$/gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/结果纠正：应为非负整数，实为 "1"\s+schema$/m);
    expect(r.stdout).not.toMatch(/row-total|outcome-total|appeal-total/);
  });

  it('JSON: rewritten with its original 4-space indentation', () => {
    const file = copy('indent4.json');
    const r = run(['--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('fixtures/fix/indent4.fixed.json', 'utf8'));
    expect(r.status, r.stdout).toBe(0);
  });

  it('a second --fix changes nothing and says nothing', () => {
    const file = copy('mixed.fixed.yaml');
    const r = run(['--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('fixtures/fix/mixed.fixed.yaml', 'utf8'));
    expect(r.stderr).toBe('');
  });

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const file = copy('mixed.yaml');
    const r = run(['--fix-dry-run', file]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('fixtures/fix/mixed.yaml', 'utf8'));
    expect(r.stdout).toContain(`--- ${file}`);
    expect(r.stdout).toContain('-      total: "2"   # 手填的\n+      total: 3   # 手填的\n');
    expect(r.stdout).toContain('-    total:\n+    total: 1\n');
    expect(r.stderr).toContain('--fix 将填写或更正 7 处合计（未写入文件）');
    // The diagnostics shown are those that remain after the fix.
    expect(r.stdout).not.toMatch(/row-total|appeal-total/);
    expect(r.status).toBe(1);
  });

  it('--fix-dry-run --format json keeps stdout one JSON document (the diff goes to stderr)', () => {
    const file = copy('indent4.json');
    const r = run(['--fix-dry-run', '--format', 'json', file]);
    expect(JSON.parse(r.stdout)[0].diagnostics).toEqual([]);
    expect(r.stderr).toContain('+            "total": 2');
  });

  it('standard input: --fix-dry-run works, --fix is a usage error', () => {
    const text = readFileSync('fixtures/fix/indent4.json', 'utf8');
    const dry = run(['--fix-dry-run', '--stdin-filename', 'r.json', '-'], text);
    expect(dry.stdout).toContain('+            "total": 0');
    expect(dry.status).toBe(0);
    const fix = run(['--fix', '-'], text);
    expect(fix.status).toBe(2);
    expect(fix.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('computes only totals: every fixed cell is a `total`, never a part', () => {
    const data = parse(readFileSync('fixtures/fix/mixed.yaml', 'utf8'));
    const fixes = computeFixes(data, 2019);
    expect(fixes.map((f) => f.path.join('.')).sort()).toEqual(
      [
        'applications.carried_forward.total',
        'applications.outcomes.disclosed.total',
        'applications.outcomes.total.commercial',
        'applications.outcomes.total.natural_person',
        'applications.outcomes.total.total',
        'applications.received.total',
        'review_litigation.review.total',
      ].sort(),
    );
  });
});
