import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { generate } from '../bench/generate.mjs';
import { PARALLEL_MIN_FILES, threadsFor } from '../src/parallel/run.js';

/** These spawn the compiled CLI (`npm test` builds first). */
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['bin/report-lint.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', LANG: 'zh_CN.UTF-8', LC_ALL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const dir = mkdtempSync(join(tmpdir(), 'report-lint-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--jobs worker threads', () => {
  it('threads: the main thread for small runs and --jobs 1, one worker per core for large runs, --jobs as given (never more threads than batches)', () => {
    expect(threadsFor(10, undefined)).toBe(0);
    expect(threadsFor(PARALLEL_MIN_FILES - 1, undefined, 8)).toBe(0);
    expect(threadsFor(PARALLEL_MIN_FILES * 10, undefined, 4)).toBe(4);
    expect(threadsFor(PARALLEL_MIN_FILES * 10, undefined, 2)).toBe(2);
    expect(threadsFor(PARALLEL_MIN_FILES * 10, undefined, 1)).toBe(1);
    expect(threadsFor(PARALLEL_MIN_FILES * 10, 2, 2)).toBe(2);
    expect(threadsFor(PARALLEL_MIN_FILES * 10, 1, 8)).toBe(0);
    expect(threadsFor(5000, 3)).toBe(3);
    expect(threadsFor(5000, 0)).toBe(0);
    expect(threadsFor(60, 8)).toBe(2);
  });

  it('the same output, in the same order, and exit code with 1 and with 3 threads (stylish and json)', () => {
    // Both templates, YAML and JSON, a tenth with a mistake, in two folders so order matters.
    generate(join(dir, 'a'), 60, { format: 'yaml', seed: 7, invalidShare: 0.2 });
    generate(join(dir, 'b'), 60, { format: 'json', seed: 8, invalidShare: 0.2 });
    for (const format of ['stylish', 'json']) {
      const one = run(['--jobs', '1', '-f', format, dir]);
      const three = run(['--jobs', '3', '-f', format, dir]);
      expect(one.code).toBe(1);
      expect(three.stderr).toBe(one.stderr);
      expect(three.code).toBe(one.code);
      expect(three.stdout).toBe(one.stdout);
    }
    const json = JSON.parse(run(['--jobs', '3', '-f', 'json', dir]).stdout) as { filePath?: string; file?: string }[];
    expect(json.length).toBe(120);
  });
});

describe('fast start (one clean file, no options)', () => {
  const example = 'fixtures/examples/2020-wanglejing.yaml';
  it('prints exactly what the full CLI prints, in Chinese and English', () => {
    for (const env of [{}, { LANG: 'en_US.UTF-8' }]) {
      const fast = run([example], env);
      // Any option makes bin/report-lint.js take the full CLI.
      const full = run(['--format', 'stylish', example], env);
      expect(fast).toEqual(full);
      expect(fast.code).toBe(0);
      expect(fast.stdout).toMatch(/^✔ /);
    }
  });

  it('leaves a file with problems to the full CLI (same diagnostics)', () => {
    const bad = 'fixtures/schema/invalid-negative.yaml';
    const fast = run([bad]);
    expect(fast).toEqual(run(['--format', 'stylish', bad]));
    expect(fast.code).toBe(1);
    expect(fast.stdout).toContain('schema');
  });
});
