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

/**
 * The build this loader belongs to. scripts/bundle-fast-start.mjs writes the id of the bundles
 * it made into this line of dist/cached-bundle.cjs, and the same id at the end of each bundle;
 * a plain `tsc` writes the placeholder back, so after it no bundle matches and the loaders run
 * the plain build. Freshness is decided by content, never by file times: the files of an
 * unpacked package tarball (or a copy, a checkout) do not keep the order the build wrote them in.
 */
const BUILD_ID: string = 'unbundled';

/** The last two lines of a bundle: the build it belongs to, and the code cache made for exactly this text. */
const TRAILER = /\n\/\/ build-id: ([0-9a-f]{32})\n\/\/ code-cache-key: ([0-9a-f]{32})\n$/;
const KEY_LENGTH = 32;
const TRAILER_LENGTH = 2 * KEY_LENGTH + 40;

/**
 * REPORT_LINT_DEBUG_BUNDLE=1: one line on stderr per bundle a run loads or passes over, saying
 * which code ran (a diagnostic aid for the build and its tests, not a message of the linter,
 * so not in the catalogues; nothing else is printed).
 */
const debug = (name: BundleName, what: string): void => {
  if (process.env.REPORT_LINT_DEBUG_BUNDLE) process.stderr.write(`report-lint [bundle] ${name}: ${what}\n`);
};

/**
 * The bundle's exports, or undefined when there is no bundle or it belongs to another build
 * (the caller then loads the plain build).
 */
function loadBundle<T>(name: BundleName): T | undefined {
  let source: string;
  try {
    source = fs.readFileSync(bundleFile(name), 'utf8');
  } catch {
    debug(name, 'plain build (no bundle)');
    return undefined;
  }
  const built = TRAILER.exec(source.slice(-TRAILER_LENGTH))?.[1];
  if (built !== BUILD_ID) {
    debug(name, `plain build (bundle of build ${built ?? 'unknown'}, this build is ${BUILD_ID})`);
    return undefined;
  }
  const cache = cacheFor(name, source);
  const { exports, script } = compileBundle<T>(name, source, cache);
  debug(name, `bundle ${built}, code cache ${!cache ? 'missing' : script.cachedDataRejected ? 'rejected by V8' : 'accepted'}`);
  return exports;
}

/**
 * The code cache made for this bundle text, if there is one. V8 checks the cache against its
 * own version and flags (and rejects it, compiling normally, when they differ) but not against
 * the text, so the key ties the two together; no key, no cache.
 */
function cacheFor(name: BundleName, source: string): Buffer | undefined {
  const key = TRAILER.exec(source.slice(-TRAILER_LENGTH))?.[2];
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

/** For the build: the bundle text with its trailer (build id, cache key), and the cache file's bytes for it. */
function sealBundle(code: string, buildId: string, key: string): string {
  for (const id of [buildId, key]) if (!/^[0-9a-f]{32}$/.test(id)) throw new Error(`build id and code cache key must be 32 hex digits: ${id}`);
  return `${code.endsWith('\n') ? code : code + '\n'}// build-id: ${buildId}\n// code-cache-key: ${key}\n`;
}
function cacheFileBytes(key: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(key, 'latin1'), data]);
}

export = { loadBundle, compileBundle, cacheFor, sealBundle, cacheFileBytes, bundleFile, cacheFileOf, BUILD_ID };
