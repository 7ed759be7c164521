/**
 * Thresholds (README, Thresholds) and exit codes of cli.md: warnings alone exit 0 unless there are more
 * than --max-warnings; --quiet reports errors only (and its hidden warnings do not count).
 * fixtures/suppressions/stacked.yaml has exactly two warnings and no error;
 * fixtures/suppressions/problems.yaml has two errors and six warnings.
 */
import { describe, expect, it } from 'vitest';
import { runBin, runMain } from './helpers/run-main.js';

const TWO_WARNINGS = 'fixtures/suppressions/stacked.yaml';
const ERRORS = 'fixtures/suppressions/problems.yaml';

describe('--max-warnings', () => {
  it('warnings alone: exit 0', async () => {
    expect((await runMain([TWO_WARNINGS])).code).toBe(0);
  });
  it('as many warnings as allowed: exit 0', async () => {
    expect((await runMain([TWO_WARNINGS, '--max-warnings', '2'])).code).toBe(0);
  });
  it('more warnings than allowed: exit 1 with a line on stderr saying why', async () => {
    const r = await runMain([TWO_WARNINGS, '--max-warnings', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('report-lint: 警告 2 个，超过 --max-warnings 1\n');
    expect(r.stdout).toContain('✖ 2 个问题（0 个错误，2 个警告）');
  });
  it('not a non-negative integer: exit 2', async () => {
    expect(await runMain([TWO_WARNINGS, '--max-warnings', 'many'])).toEqual({ code: 2, stdout: '', stderr: 'report-lint: --max-warnings 需要非负整数，实为 many\n' });
    expect((await runMain([TWO_WARNINGS, '--max-warnings=-1'])).code).toBe(2);
  });
});

describe('--quiet', () => {
  it('hides warnings, which then do not count toward --max-warnings', async () => {
    expect(await runMain([TWO_WARNINGS, '--quiet', '--max-warnings', '0'])).toEqual({ code: 0, stdout: '✔ 已检查 1 个文件，没有发现问题\n', stderr: '' });
  });
  it('errors are still reported and still exit 1', async () => {
    const r = await runMain([ERRORS, '--quiet', '-f', 'json']);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as { errorCount: number; warningCount: number; diagnostics: { severity: string }[] }[];
    expect([file!.errorCount, file!.warningCount, file!.diagnostics.map((d) => d.severity)]).toEqual([2, 0, ['error', 'error']]);
  });
});

describe('the real bin', () => {
  it('exit 1 from --max-warnings 0, exit 2 from a bad value', () => {
    expect(runBin([TWO_WARNINGS, '--max-warnings', '0']).code).toBe(1);
    expect(runBin([TWO_WARNINGS, '--max-warnings', 'x', '--lang', 'en']).stderr).toBe('report-lint: --max-warnings needs a non-negative integer, got x\n');
  });
});
