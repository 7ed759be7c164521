/**
 * The code-cached bundles of the worker and of the full CLI (src/cached-bundle.cts,
 * scripts/bundle-fast-start.mjs): fresh after the build, caches V8 takes, the same output as the
 * plain build's ES modules, and the plain build used when the bundles belong to another build
 * (freshness by content: the build id, never file times). These use the
 * compiled code (`npm test` builds first: `npm run build`, not only `tsc`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { generate } from '../bench/generate.mjs';
import { WORKER_YOUNG_GENERATION_MB } from '../src/parallel/run.js';

const BUNDLES = resolve('dist/cached-bundle.cjs');
const bundles = createRequire(import.meta.url)(BUNDLES) as {
  BUILD_ID: string;
  bundleFile(name: string): string;
  cacheFor(name: string, source: string): Buffer | undefined;
};
const env = { ...process.env, NO_COLOR: '', LANG: 'zh_CN.UTF-8', LC_ALL: '' };
const result = (r: ReturnType<typeof spawnSync>) => ({ code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) });
/** The bin, as a user runs it (the CLI from its bundle). */
const bin = (args: string[], root = '.', extra: Record<string, string> = {}) => result(spawnSync(process.execPath, [join(root, 'bin/report-lint.js'), ...args], { env: { ...env, ...extra } }));
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

describe('worker and CLI bundles', { timeout: 180_000 }, () => {
  it('the build leaves bundles of this build (its id) with code caches V8 accepts (the worker’s in a worker thread with a run’s limits)', () => {
    expect(bundles.BUILD_ID).toMatch(/^[0-9a-f]{32}$/);
    for (const name of ['fast-start', 'worker', 'cli']) {
      expect(readFileSync(bundles.bundleFile(name), 'utf8')).toMatch(new RegExp(`\\n// build-id: ${bundles.BUILD_ID}\\n// code-cache-key: [0-9a-f]{32}\\n$`));
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

  /** A copy of the build (bin, dist, schemas) with the repository's node_modules. */
  const copyBuild = (name: string) => {
    const root = join(dir, name);
    for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(resolve(part), join(root, part), { recursive: true });
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    return root;
  };
  const reports = join(dir, 'reports');
  generate(reports, 120, { format: 'yaml', seed: 11, invalidShare: 0.2 });
  const runs = [['--jobs', '3', '-f', 'json', reports], ['fixtures/schema/invalid-negative.yaml'], ['fixtures/examples/2020-wanglejing.yaml']];
  /** Which code each run took, from the loaders' REPORT_LINT_DEBUG_BUNDLE lines. */
  const taken = (stderr: string) => [...new Set(stderr.split('\n').filter(Boolean).map((l) => l.replace(/ [0-9a-f]{32}.*$/, '').replace(/ \(.*$/, '')))].sort();

  it('after a plain `tsc` (the placeholder build id back in the loader), the bin and its workers use the plain build: same output', () => {
    const root = copyBuild('tsc-after');
    const loader = join(root, 'dist/cached-bundle.cjs');
    writeFileSync(loader, readFileSync(loader, 'utf8').replace(/^const BUILD_ID = '[0-9a-f]{32}';$/m, "const BUILD_ID = 'unbundled';"));
    for (const args of runs) {
      const stale = bin(args, root);
      expect(stale.stderr).toBe('');
      expect(stale).toEqual(bin(args));
      const traced = bin(args, root, { REPORT_LINT_DEBUG_BUNDLE: '1' });
      expect(taken(traced.stderr).every((line) => line.endsWith(': plain build')), traced.stderr).toBe(true);
    }
    // A bundle of another build is never run, whatever its text: one that throws changes nothing.
    for (const name of ['fast-start', 'worker', 'cli']) writeFileSync(join(root, `dist/fast-start/${name}.cjs`), 'throw new Error("stale bundle used");\n// build-id: 0123456789abcdef0123456789abcdef\n// code-cache-key: 0123456789abcdef0123456789abcdef\n');
    for (const args of runs) expect(bin(args, root)).toEqual(bin(args));
  });

  it('file times do not matter: bundles older than every other file of the build are still used', () => {
    const root = copyBuild('old-times');
    const long = new Date(Date.now() - 86_400_000 * 365);
    for (const name of ['fast-start', 'worker', 'cli']) {
      for (const ext of ['cjs', 'cache']) utimesSync(join(root, `dist/fast-start/${name}.${ext}`), long, long);
    }
    const traced = runs.map((args) => taken(bin(args, root, { REPORT_LINT_DEBUG_BUNDLE: '1' }).stderr));
    expect(traced).toEqual([
      ['report-lint [bundle] cli: bundle', 'report-lint [bundle] worker: bundle'],
      ['report-lint [bundle] cli: bundle', 'report-lint [bundle] fast-start: bundle'],
      ['report-lint [bundle] fast-start: bundle'],
    ]);
    for (const args of runs) expect(bin(args, root)).toEqual(bin(args));
  });
});
