#!/usr/bin/env node
// Bundle dist/load/fast-start.js (the one-clean-file start path) and what it imports into ONE
// CommonJS file, dist/fast-start/fast-start.cjs, and make a V8 code cache of it,
// dist/fast-start/fast-start.cache. bin/report-lint.js loads it through
// dist/load/fast-start-loader.cjs (src/load/fast-start-loader.cts), with require(), not
// import(): a CommonJS file skips the ESM loader's resolve/link/translate, and the code cache
// (made after a warm-up lint, so it holds the functions a clean run compiles) skips most of
// the compiling. The loader uses the bundle only while it is newer than dist/lint.js (a plain
// `tsc` rebuild makes it stale and the loader falls back to dist/load/fast-start.js), and the
// cache only with the bundle text it was made for.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `${ROOT}dist/load/fast-start.js`;
const loader = createRequire(import.meta.url)(`${ROOT}dist/load/fast-start-loader.cjs`);
const out = `${ROOT}dist/fast-start`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const { output } = await build({
  input: ENTRY,
  platform: 'node',
  // Packages stay packages, loaded by the code that needs them when it runs (a bundle's
  // top-level require of a package would load it on every start). The formatters stay the
  // plain build's: only the colour path needs them, and it gets them from the loader.
  external: (id, importer) =>
    (!id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')) || (id === '../format/index.js' && importer === ENTRY),
  // An import of a package whose exports the bundle does not use loads nothing (none of ours
  // needs its side effects).
  treeshake: { moduleSideEffects: (_id, external) => !external },
  // strict: the modules are ES modules, strict mode code; the CommonJS wrapper must keep them so.
  output: { format: 'cjs', codeSplitting: false, strict: true },
  write: false,
  logLevel: 'warn',
});
if (output.length !== 1) throw new Error(`fast-start bundle: expected one file, got ${output.map((o) => o.fileName).join(', ')}`);
const { code } = output[0];
if (!code.startsWith('"use strict";')) throw new Error('fast-start bundle: not strict mode code');

// What the bundle requires when it starts: node: built-ins only. A package here would be
// loaded on every run; inside the vm.Script an import() would need an experimental flag.
const topRequires = [...code.matchAll(/^(?:let \w+ = )?require\("([^"]+)"\);$/gm)].map((m) => m[1]);
const packages = topRequires.filter((id) => !id.startsWith('node:'));
if (packages.length > 0) throw new Error(`fast-start bundle: packages required at start: ${packages.join(', ')}`);
const imports = [...code.matchAll(/\bimport\(\s*("[^"]*"|[\w$.]+)/g)].map((m) => m[1]);
if (imports.some((id) => id !== '"../format/index.js"')) throw new Error(`fast-start bundle: unexpected import(): ${imports.join(', ')}`);

/** Whole files only (a run or another build may be reading): write aside, then rename. */
const writeWhole = (file, data) => {
  writeFileSync(`${file}.${process.pid}.tmp`, data);
  renameSync(`${file}.${process.pid}.tmp`, file);
};

const key = createHash('sha256').update(code).digest('hex').slice(0, 32);
const source = loader.sealBundle(code, key);
writeWhole(loader.BUNDLE, source);

// Warm-up: lint clean example reports (YAML and JSON) through the bundle as the bin runs it,
// then keep the compiled code. Run in an empty directory: no config file may be found.
const { script, fastStart } = loader.compileBundle(source);
const cwd = mkdtempSync(join(tmpdir(), 'report-lint-warm-up-'));
try {
  for (const example of ['2020-wanglejing.yaml', '2021-county-market-regulation.json']) {
    writeFileSync(join(cwd, example), readFileSync(`${ROOT}fixtures/examples/${example}`));
    let text = '';
    const stdout = { isTTY: false, write: (s) => ((text += s), true) };
    const code = await fastStart({ argv: [example], stdout, stderr: stdout, env: { LANG: 'zh_CN.UTF-8' }, cwd }, loader.loadFormat);
    if (code !== 0) console.warn(`fast-start warm-up: ${example} was not linted clean (${code}): ${text}`);
  }
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
writeWhole(loader.CACHE, loader.cacheFile(key, script.createCachedData()));
