/**
 * The code-cached bundles of the worker and of the full CLI (src/cached-bundle.cts,
 * scripts/bundle-fast-start.mjs): fresh after the build, caches V8 takes, the same output as the
 * plain build's ES modules, and the plain build used when the bundles are stale. These use the
 * compiled code (`npm test` builds first: `npm run build`, not only `tsc`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { generate } from '../bench/generate.mjs';
import { WORKER_YOUNG_GENERATION_MB } from '../src/parallel/run.js';

const BUNDLES = resolve('dist/cached-bundle.cjs');
const bundles = createRequire(import.meta.url)(BUNDLES) as {
  bundleFile(name: string): string;
  cacheFor(name: string, source: string): Buffer | undefined;
};
const env = { ...process.env, NO_COLOR: '', LANG: 'zh_CN.UTF-8', LC_ALL: '' };
const result = (r: ReturnType<typeof spawnSync>) => ({ code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) });
/** The bin, as a user runs it (the CLI from its bundle). */
const bin = (args: string[], root = '.') => result(spawnSync(process.execPath, [join(root, 'bin/report-lint.js'), ...args], { env }));
/** The plain build's CLI (dist/cli/main.js, ES modules), as the bin ran it before the bundle. */
const plain = (args: string[]) =>
  result(
    spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(resolve('dist/cli/main.js'))}); process.exitCode = await main({ argv: ${JSON.stringify(args)}, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });`],
      { env },
    ),
  );

const dir = mkdtempSync(join(tmpdir(), 'report-lint-bundles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker and CLI bundles', () => {
  it('the build leaves fresh bundles with code caches V8 accepts (the worker’s in a worker thread with a run’s limits)', () => {
    for (const name of ['worker', 'cli']) {
      expect(statSync(bundles.bundleFile(name)).mtimeMs).toBeGreaterThanOrEqual(statSync(resolve('dist/check/lint.js')).mtimeMs);
      expect(bundles.cacheFor(name, readFileSync(bundles.bundleFile(name), 'utf8'))).toBeDefined();
    }
    const check = (name: string) => `
      const b = require(${JSON.stringify(BUNDLES)});
      const source = require('node:fs').readFileSync(b.bundleFile('${name}'), 'utf8');
      const script = new (require('node:vm').Script)('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: b.bundleFile('${name}'), cachedData: b.cacheFor('${name}', source) });
      process.stdout.write(String(script.cachedDataRejected));`;
    const inWorker = `
      const { Worker } = require('node:worker_threads');
      new Worker(${JSON.stringify(check('worker'))}, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: ${WORKER_YOUNG_GENERATION_MB} } });`;
    expect(result(spawnSync(process.execPath, ['-e', inWorker], { env }))).toEqual({ code: 0, stdout: 'false', stderr: '' });
    expect(result(spawnSync(process.execPath, ['-e', check('cli')], { env }))).toEqual({ code: 0, stdout: 'false', stderr: '' });
  });

  it('the CLI from its bundle prints what the plain build prints (lint in every format, commands, usage errors)', () => {
    const runs = [
      ['fixtures/schema/invalid-negative.yaml'],
      ['-f', 'json', 'fixtures/examples', 'fixtures/schema/invalid-subtotal.yaml'],
      ['-f', 'sarif', 'fixtures/schema/invalid-negative.yaml'],
      ['-f', 'junit', 'fixtures/schema/invalid-negative.yaml'],
      ['-f', 'github', '--lang', 'en', 'fixtures/rules/balance'],
      ['--fix-dry-run', 'fixtures/fix/mixed.yaml'],
      ['-f', 'html', 'fixtures/examples', 'fixtures/schema/invalid-negative.yaml'],
      ['--version'],
      ['--help'],
      ['rules'],
      ['init', '--year', '2021', '--agency', '某县人民政府办公室'],
      ['render', '--to', 'md', 'fixtures/examples/2020-wanglejing.yaml'],
      ['import', 'fixtures/import/word-2021.html'],
      ['import', 'fixtures/import/word-2021.docx'],
      ['--no-such-option'],
      ['no-such-file.yaml'],
    ];
    for (const args of runs) expect([args, bin(args)]).toEqual([args, plain(args)]);
    // 32 runs of the bin: seconds on an idle machine, far more while other jobs share its cores.
  }, 120_000);

  it('with bundles older than the build (a plain `tsc` after it), the bin and its workers use the plain build: same output', () => {
    // A copy of the build whose bundles are stale, as `tsc` alone leaves them (and would fail
    // if they were used).
    const root = join(dir, 'build');
    for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(resolve(part), join(root, part), { recursive: true });
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    for (const name of ['fast-start', 'worker', 'cli']) writeFileSync(join(root, `dist/fast-start/${name}.cjs`), 'throw new Error("stale bundle used");\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'dist/check/lint.js'), later, later);
    const reports = join(dir, 'reports');
    generate(reports, 120, { format: 'yaml', seed: 11, invalidShare: 0.2 });
    for (const args of [['--jobs', '3', '-f', 'json', reports], ['fixtures/schema/invalid-negative.yaml'], ['fixtures/examples/2020-wanglejing.yaml']]) {
      const stale = bin(args, root);
      expect(stale.stderr).toBe('');
      expect(stale).toEqual(bin(args));
    }
  });
});
