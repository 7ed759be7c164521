/**
 * A default run (no --jobs) starts worker threads only when they pay (src/parallel/run.ts): it
 * lints the first batch itself, and starts workers when the rest would take one thread longer
 * than starting them, linting on while they start. Either way the output is a one-thread run's.
 * These spawn the compiled CLI (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { generate } from '../bench/generate.mjs';
import { PARALLEL_MIN_FILES, workersPay } from '../src/parallel/run.js';

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/report-lint.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', LANG: 'zh_CN.UTF-8', LC_ALL: '', REPORT_LINT_DEBUG_BUNDLE: '1' },
  });
  const workers = r.stderr.split('\n').filter((l) => l.startsWith('report-lint [bundle] worker:')).length;
  return { code: r.status, stdout: r.stdout, workers, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('report-lint [bundle]')).join('\n') };
};
const dir = mkdtempSync(join(tmpdir(), 'report-lint-parallel-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

describe('when a default run starts worker threads', { timeout: 300_000 }, () => {
  it('the decision: workers when the files left take one thread longer than starting workers (1.5× the process start-up)', () => {
    // An idle 2-core machine: the process starts in ~90 ms, a clean report takes ~0.14 ms.
    expect(workersPay(PARALLEL_MIN_FILES - 50, 0.14, 90)).toBe(false);
    expect(workersPay(950, 0.14, 90)).toBe(false); // 133 ms of linting against 135 ms of starting
    expect(workersPay(1000, 0.14, 90)).toBe(true);
    expect(workersPay(9950, 0.14, 90)).toBe(true);
    // A busy machine: everything slower, the decision the same.
    expect(workersPay(150, 1, 600)).toBe(false);
    expect(workersPay(2000, 1, 600)).toBe(true);
    // Slow reports (large, or many mistakes) make workers pay sooner.
    expect(workersPay(150, 1, 90)).toBe(true);
  });

  it(`${PARALLEL_MIN_FILES} reports: the same output as --jobs 1 (on an idle machine without workers: bench/RESULTS.md)`, () => {
    const folder = join(dir, 'small');
    generate(folder, PARALLEL_MIN_FILES, { format: 'yaml', seed: 21, invalidShare: 0.1 });
    const auto = run(['-f', 'json', folder]);
    const one = run(['--jobs', '1', '-f', 'json', folder]);
    expect(one.workers).toBe(0);
    expect({ ...auto, workers: 0 }).toEqual(one);
    expect(auto.code).toBe(1);
  });

  it('4,000 reports: workers, while the main thread lints until one is ready; output in file order, as --jobs 1 gives it', () => {
    const folder = join(dir, 'large');
    generate(join(folder, 'a'), 2000, { format: 'yaml', seed: 22, invalidShare: 0.1 });
    generate(join(folder, 'b'), 2000, { format: 'json', seed: 23, invalidShare: 0.1 });
    const auto = run(['-f', 'json', folder]);
    expect(auto.workers).toBeGreaterThanOrEqual(1);
    const one = run(['--jobs', '1', '-f', 'json', folder]);
    expect(one.workers).toBe(0);
    expect(auto.stdout).toBe(one.stdout);
    expect(auto.stderr).toBe(one.stderr);
    expect(auto.code).toBe(one.code);
    expect((JSON.parse(auto.stdout) as unknown[]).length).toBe(4000);
  });
});
