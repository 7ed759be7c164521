// CommonJS on purpose: required by bin/report-lint.js, the fast-start loader and the worker
// loader, so starting a bundle never goes through the ESM loader for our code.
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

/**
 * dist/fast-start/: parts of the build bundled into one CommonJS file each by
 * scripts/bundle-fast-start.mjs (our modules inlined, packages left to `require`), each with a
 * V8 code cache made there after a warm-up run (so the functions a run calls are in it,
 * compiled). Loading one costs a file read and a cache check instead of resolving, linking and
 * compiling tens of ES modules.
 *
 * - fast-start: src/cli/fast-start.ts (one clean file), from src/cli/fast-start-loader.cts;
 * - worker: src/parallel/worker.ts (a --jobs thread), from src/parallel/worker-loader.cts;
 * - cli: src/cli/main.ts (every other run), from bin/report-lint.js.
 */
const DIR = path.join(__dirname, 'fast-start');
type BundleName = 'fast-start' | 'worker' | 'cli';
const bundleFile = (name: BundleName): string => path.join(DIR, `${name}.cjs`);
const cacheFileOf = (name: BundleName): string => path.join(DIR, `${name}.cache`);
/** A bundle is used only while it is newer than this (a plain `tsc` rebuild makes it stale). */
const COMPILED = path.join(__dirname, 'check', 'lint.js');

/** The last line of a bundle names the code cache made for exactly this text. */
const KEY_LINE = /\n\/\/ code-cache-key: ([0-9a-f]{32})\n$/;
const KEY_LENGTH = 32;

/**
 * The bundle's exports, or undefined when there is no bundle or it is older than the build
 * (the caller then loads the plain build).
 */
function loadBundle<T>(name: BundleName): T | undefined {
  const file = bundleFile(name);
  let source: string;
  try {
    if (fs.statSync(file).mtimeMs < fs.statSync(COMPILED).mtimeMs) return undefined;
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return compileBundle<T>(name, source, cacheFor(name, source)).exports;
}

/**
 * The code cache made for this bundle text, if there is one. V8 checks the cache against its
 * own version and flags (and rejects it, compiling normally, when they differ) but not against
 * the text, so the key ties the two together; no key, no cache.
 */
function cacheFor(name: BundleName, source: string): Buffer | undefined {
  const key = KEY_LINE.exec(source.slice(-(KEY_LENGTH + 30)))?.[1];
  if (!key) return undefined;
  let cache: Buffer;
  try {
    cache = fs.readFileSync(cacheFileOf(name));
  } catch {
    return undefined;
  }
  return cache.length > KEY_LENGTH && cache.toString('latin1', 0, KEY_LENGTH) === key ? cache.subarray(KEY_LENGTH) : undefined;
}

/**
 * Run the bundle as a CommonJS module would run (same wrapper, `require` from its own place),
 * from a vm.Script so a code cache can be given to it. Also used by the build, which makes the
 * cache from the returned script after a warm-up. (No import() inside a vm.Script on Node 20
 * without an experimental flag: the build checks that a bundle needs none, or, for fast-start,
 * that the loader hands it the one it needs.)
 */
function compileBundle<T>(name: BundleName, source: string, cachedData?: Buffer): { exports: T; script: vm.Script } {
  const file = bundleFile(name);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, nodeModule.createRequire(file), module, file, DIR);
  return { exports: module.exports, script };
}

/** For the build: the bundle text with its key line, and the cache file's bytes for it. */
function sealBundle(code: string, key: string): string {
  if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`code cache key must be 32 hex digits: ${key}`);
  return `${code.endsWith('\n') ? code : code + '\n'}// code-cache-key: ${key}\n`;
}
function cacheFileBytes(key: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(key, 'latin1'), data]);
}

export = { loadBundle, compileBundle, cacheFor, sealBundle, cacheFileBytes, bundleFile, cacheFileOf };
