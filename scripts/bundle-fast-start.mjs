#!/usr/bin/env node
// Bundle parts of the build into ONE CommonJS file each, in dist/fast-start/, and make a V8 code
// cache of each (dist/cached-bundle.cjs, src/cached-bundle.cts, loads them):
//
// - fast-start.cjs: dist/cli/fast-start.js (the one-clean-file start path), for
//   bin/report-lint.js through dist/cli/fast-start-loader.cjs;
// - worker.cjs: dist/parallel/worker.js (a --jobs worker thread, which otherwise loads the
//   linter's ~40 ES modules in every thread), for dist/parallel/worker-loader.cjs;
// - cli.cjs: dist/cli/main.js (every run fast-start does not answer: ~70 ES modules and commander,
//   chalk, diff), for bin/report-lint.js.
//
// A CommonJS file skips the ESM loader's resolve/link/translate, and the code cache (made after
// a warm-up run, so it holds the functions a run compiles) skips most of the compiling. A
// loader uses a bundle only when the bundle ends with the build id written into
// dist/cached-bundle.cjs at the end of this script (a plain `tsc` rebuild writes the
// placeholder back and the loaders fall back to the plain build), and a cache only with the
// bundle text it was made for.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'rolldown';
import { buildId } from './build-id.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}dist/`;
const bundles = createRequire(import.meta.url)(`${DIST}cached-bundle.cjs`);
const fastStartLoader = createRequire(import.meta.url)(`${DIST}cli/fast-start-loader.cjs`);
const OUT = `${DIST}fast-start`;
const BUILD_ID = buildId(ROOT);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const isPackage = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.startsWith('#');
const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);
const requireFromDist = createRequire(DIST);

/**
 * `import.meta.url` of each bundled module as the URL of its plain-build file, so paths made
 * from it (schemas/, package.json, the worker) are the same from the bundle. rolldown's own
 * rewrite would give every module the bundle's URL.
 */
const moduleUrls = {
  name: 'module-urls',
  transform(code, id) {
    if (!id.startsWith(DIST) || !code.includes('import.meta.url')) return null;
    const rel = JSON.stringify(relative(OUT, id));
    return code.replaceAll('import.meta.url', `__moduleUrl(${rel})`);
  },
};

/**
 * A package (CommonJS) imported by a module the bundle runs only on demand, `require`d when that
 * module runs: rolldown puts every external package's require at the top of the bundle, where
 * it would load on every start. Each becomes a small module of the bundle that requires it
 * (through __lazyRequire, which rolldown does not see) and exports what it has.
 */
const lazyPackages = (names) => ({
  name: 'lazy-packages',
  resolveId(id, importer) {
    return names.includes(id) && importer?.startsWith(DIST) ? `\0lazy-package:${id}` : null;
  },
  load(id) {
    if (!id.startsWith('\0lazy-package:')) return null;
    const name = id.slice('\0lazy-package:'.length);
    const keys = Object.keys(requireFromDist(name)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
    return `const m = __lazyRequire(${JSON.stringify(name)});\nexport const { ${keys.join(', ')} } = m;\nexport default m;\n`;
  },
});

/**
 * One bundle's code: our modules inlined, packages left to `require` (or `import()`), strict.
 * `inline`: packages bundled in (and so code-cached) instead, with what they import; `lazy`:
 * see lazyPackages.
 */
async function bundle(name, entry, { external = () => false, inline = [], lazy = [], dynamicImportInCjs = true } = {}) {
  const { output } = await build({
    input: `${DIST}${entry}`,
    platform: 'node',
    // Packages stay packages, loaded by the code that needs them when it runs (a bundle's
    // top-level require of a package would load it on every start).
    external: (id, importer) =>
      isBuiltin(id) || (isPackage(id) && importer?.startsWith(DIST) === true && !inline.includes(id) && !lazy.includes(id)) || external(id, importer),
    // An import of a package whose exports the bundle does not use loads nothing (none of ours
    // needs its side effects).
    treeshake: { moduleSideEffects: (_id, external) => !external },
    // strict: the modules are ES modules, strict mode code; the CommonJS wrapper must keep them so.
    output: {
      format: 'cjs',
      dynamicImportInCjs,
      codeSplitting: false,
      strict: true,
      // Licence notices stay; doc comments need not be read on every start.
      comments: { legal: true, annotation: true, jsdoc: false },
      // For moduleUrls (a module of ours may have a `require` of its own) and lazyPackages.
      intro: 'const __moduleUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href;\nconst __lazyRequire = require;',
    },
    plugins: [moduleUrls, lazyPackages(lazy)],
    write: false,
    logLevel: 'warn',
  });
  if (output.length !== 1) throw new Error(`${name} bundle: expected one file, got ${output.map((o) => o.fileName).join(', ')}`);
  const { code } = output[0];
  if (!code.startsWith('"use strict";')) throw new Error(`${name} bundle: not strict mode code`);
  // What the bundle requires when it starts: node: built-ins only. A package here would be
  // loaded on every run; inside the vm.Script an import() would need an experimental flag.
  const topRequires = [...code.matchAll(/^(?:let \w+ = )?require\("([^"]+)"\);$/gm)].map((m) => m[1]);
  const packages = topRequires.filter((id) => !id.startsWith('node:'));
  if (packages.length > 0) throw new Error(`${name} bundle: packages required at start: ${packages.join(', ')}`);
  return code;
}

/** Whole files only (a run or another build may be reading): write aside, then rename. */
const writeWhole = (file, data) => {
  writeFileSync(`${file}.${process.pid}.tmp`, data);
  renameSync(`${file}.${process.pid}.tmp`, file);
};

/** The bundle text sealed with the build id and its cache key, written; the key for the cache file. */
function writeBundle(name, code) {
  const key = createHash('sha256').update(code).digest('hex').slice(0, 32);
  const source = bundles.sealBundle(code, BUILD_ID, key);
  writeWhole(bundles.bundleFile(name), source);
  return { key, source };
}

// fast-start: the formatters stay the plain build's: only the colour path needs them, and it
// gets them from the loader.
{
  const entry = `${DIST}cli/fast-start.js`;
  const code = await bundle('fast-start', 'cli/fast-start.js', { external: (id, importer) => id === '../format/index.js' && importer === entry });
  const imports = [...code.matchAll(/\bimport\(\s*("[^"]*"|[\w$.]+)/g)].map((m) => m[1]);
  if (imports.some((id) => id !== '"../format/index.js"')) throw new Error(`fast-start bundle: unexpected import(): ${imports.join(', ')}`);
  const { key, source } = writeBundle('fast-start', code);
  // Warm-up: lint clean example reports (YAML and JSON) through the bundle as the bin runs it,
  // then keep the compiled code. Run in an empty directory: no config file may be found.
  const { script, exports } = bundles.compileBundle('fast-start', source);
  const cwd = mkdtempSync(join(tmpdir(), 'report-lint-warm-up-'));
  try {
    for (const example of ['2020-wanglejing.yaml', '2021-county-market-regulation.json']) {
      writeFileSync(join(cwd, example), readFileSync(`${ROOT}fixtures/examples/${example}`));
      let text = '';
      const stdout = { isTTY: false, write: (s) => ((text += s), true) };
      const code = await exports.fastStart({ argv: [example], stdout, stderr: stdout, env: { LANG: 'zh_CN.UTF-8' }, cwd }, fastStartLoader.loadFormat);
      if (code !== 0) console.warn(`fast-start warm-up: ${example} was not linted clean (${code}): ${text}`);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  writeWhole(bundles.cacheFileOf('fast-start'), bundles.cacheFileBytes(key, script.createCachedData()));
}

// worker: no import() at all (a worker lints, it loads no formatter).
{
  // `diff` (--fix-dry-run's unified diff) is imported by src/fix/index.ts, which every lint
  // loads: in the bundle, rather than required by every thread.
  const code = await bundle('worker', 'parallel/worker.js', { inline: ['diff'] });
  if (/\bimport\(/.test(code)) throw new Error('worker bundle: unexpected import()');
  const { key, source } = writeBundle('worker', code);
  writeWhole(bundles.cacheFileOf('worker'), bundles.cacheFileBytes(key, await warmWorker(source)));
}

/**
 * The worker bundle's code cache, made in a worker thread (with the resource limits a run's
 * workers have) after it linted example reports, clean and with problems, as a run sends them.
 */
async function warmWorker(source) {
  const { WORKER_YOUNG_GENERATION_MB } = await import(`${DIST}parallel/run.js`);
  const files = [
    ...['2020-wanglejing.yaml', '2021-county-market-regulation.yaml', '2021-county-market-regulation.json'].map((f) => `fixtures/examples/${f}`),
    ...['schema/invalid-negative.yaml', 'schema/invalid-subtotal.yaml', 'schema/invalid-missing-key.yaml'].map((f) => `fixtures/${f}`),
  ].map((f) => join(ROOT, f));
  const { port1, port2 } = new MessageChannel();
  // Runs the bundle as dist/parallel/worker-loader.cjs does; on `port`, hands back the cache.
  const worker = new Worker(
    `const { compileBundle } = require(${JSON.stringify(`${DIST}cached-bundle.cjs`)});
     const { workerData: { source, port } } = require('node:worker_threads');
     const { script } = compileBundle('worker', source);
     port.once('message', () => { const data = script.createCachedData(); port.postMessage(data, [data.buffer]); port.close(); });`,
    { eval: true, workerData: { source, port: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } },
  );
  try {
    // Its first message says it is ready for batches (src/parallel/worker.ts).
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    for (const options of [{ lang: 'zh', keepData: false }, { lang: 'en', keepData: false }]) {
      const answers = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ options: [options], tasks: files.map((file, index) => ({ index, file, options: 0 })) });
      });
      const failed = answers.filter((a) => 'error' in a);
      if (failed.length > 0) throw new Error(`worker warm-up: ${failed.map((a) => a.error.message).join('; ')}`);
    }
    return await new Promise((resolve, reject) => {
      port1.once('message', (data) => resolve(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
      worker.once('error', reject);
      port1.postMessage(null);
    });
  } finally {
    port1.close();
    await worker.terminate();
  }
}

// cli: src/cli/main.ts, its commands, formatters, import and render, all in one file (their import()s
// of our modules become lazily run parts of it). Packages stay packages, `require`d when the
// code that needs them runs (an import() of one becomes a require: import() is not available
// inside a vm.Script on Node 20), except the ES-module-only ones, which require() cannot load
// on Node 20, and those every run loads (commander, diff).
{
  const code = await bundle('cli', 'cli/main.js', {
    inline: ['chalk', 'parse5', 'commander', 'diff', 'fastest-levenshtein'],
    lazy: ['ajv', 'iconv-lite', 'yaml'],
    dynamicImportInCjs: false,
  });
  if (/\bimport\(/.test(code)) throw new Error('cli bundle: unexpected import()');
  const { key, source } = writeBundle('cli', code);
  const { script, exports } = bundles.compileBundle('cli', source);
  // Warm-up: runs that fast-start leaves to the CLI (a report with problems, in the usual
  // formats; a clean one with an option), in an empty directory (no config file may be found).
  const cwd = mkdtempSync(join(tmpdir(), 'report-lint-warm-up-'));
  const buildCwd = process.cwd();
  // Report paths are read from the process's directory, as the bin reads them.
  process.chdir(cwd);
  try {
    const reports = ['examples/2020-wanglejing.yaml', 'examples/2021-county-market-regulation.json', 'schema/invalid-negative.yaml', 'schema/invalid-subtotal.yaml'];
    for (const report of reports) writeFileSync(join(cwd, report.replace('/', '-')), readFileSync(`${ROOT}fixtures/${report}`));
    const names = reports.map((r) => r.replace('/', '-'));
    for (const argv of [names.slice(2, 3), ['-f', 'json', ...names], ['--format', 'stylish', names[0]], names]) {
      let text = '';
      const stdout = { isTTY: false, write: (s) => ((text += s), true) };
      const code = await exports.main({ argv, stdout, stderr: stdout, env: { LANG: 'zh_CN.UTF-8' }, cwd });
      if (code > 1) throw new Error(`cli warm-up: report-lint ${argv.join(' ')} could not lint (${code}): ${text}`);
    }
  } finally {
    process.chdir(buildCwd);
    rmSync(cwd, { recursive: true, force: true });
  }
  writeWhole(bundles.cacheFileOf('cli'), bundles.cacheFileBytes(key, script.createCachedData()));
}

// Last, when every bundle and cache is written: the loader takes the bundles of this build.
{
  const loader = `${DIST}cached-bundle.cjs`;
  const text = readFileSync(loader, 'utf8');
  const placeholder = /^const BUILD_ID = '[^']*';$/m;
  if (!placeholder.test(text)) throw new Error(`${loader}: no BUILD_ID line to write the build id into`);
  writeWhole(loader, text.replace(placeholder, `const BUILD_ID = '${BUILD_ID}';`));
}
