// CommonJS on purpose: bin/report-lint.js require()s this file, so the common hook run (one
// clean file) never goes through the ESM loader's resolve/link/translate for our code.
import type { MainIO } from '../cli.js' with { 'resolution-mode': 'import' };
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

type FastStart = (io: MainIO, loadFormat?: LoadFormat) => Promise<number | undefined>;
type LoadFormat = () => Promise<typeof import('../format/index.js', { with: { 'resolution-mode': 'import' } })>;

/**
 * dist/fast-start/: src/load/fast-start.ts and the code it needs, bundled into one CommonJS file
 * by scripts/bundle-fast-start.mjs, and a V8 code cache of it made there after a warm-up lint
 * (so the functions a clean run calls are in it, compiled).
 */
const BUNDLE = path.join(__dirname, '../fast-start/fast-start.cjs');
const CACHE = path.join(__dirname, '../fast-start/fast-start.cache');
/** The bundle is used only while it is newer than this (a plain `tsc` rebuild makes it stale). */
const COMPILED = path.join(__dirname, '../lint.js');

/** The last line of the bundle names the code cache made for exactly this text. */
const KEY_LINE = /\n\/\/ code-cache-key: ([0-9a-f]{32})\n$/;
const KEY_LENGTH = 32;

/** The formatters, for the colour path (import() is not available inside the vm.Script). */
const loadFormat: LoadFormat = () => import('../format/index.js');

/**
 * `report-lint one-file` without the full CLI where src/load/fast-start.ts can prove the run
 * clean; undefined means: run the full CLI. Same answer from the bundle or the plain build.
 */
function fastStart(io: MainIO): Promise<number | undefined> {
  // fast-start.ts's own first test, before reading and compiling the bundle for nothing.
  if (io.argv.length !== 1) return Promise.resolve(undefined);
  const bundled = freshBundle();
  if (bundled) return bundled(io, loadFormat);
  return import('./fast-start.js').then((plain) => plain.fastStart(io));
}

/** The bundle's fastStart, or undefined when there is no bundle or it is older than the build. */
function freshBundle(): FastStart | undefined {
  let source: string;
  try {
    if (fs.statSync(BUNDLE).mtimeMs < fs.statSync(COMPILED).mtimeMs) return undefined;
    source = fs.readFileSync(BUNDLE, 'utf8');
  } catch {
    return undefined;
  }
  return compileBundle(source, cacheFor(source)).fastStart;
}

/**
 * The code cache made for this bundle text, if there is one. V8 checks the cache against its
 * own version and flags (and rejects it, compiling normally, when they differ) but not against
 * the text, so the key ties the two together; no key, no cache.
 */
function cacheFor(source: string): Buffer | undefined {
  const key = KEY_LINE.exec(source.slice(-(KEY_LENGTH + 30)))?.[1];
  if (!key) return undefined;
  let cache: Buffer;
  try {
    cache = fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return cache.length > KEY_LENGTH && cache.toString('latin1', 0, KEY_LENGTH) === key ? cache.subarray(KEY_LENGTH) : undefined;
}

/**
 * Run the bundle as a CommonJS module would run (same wrapper, `require` from its own place),
 * from a vm.Script so a code cache can be given to it. Also used by the build, which makes the
 * cache from the returned script after a warm-up.
 */
function compileBundle(source: string, cachedData?: Buffer): { fastStart: FastStart; script: vm.Script } {
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as { fastStart: FastStart } };
  script.runInThisContext()(module.exports, nodeModule.createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { fastStart: module.exports.fastStart, script };
}

/** For the build: the bundle text with its key line, and the cache file's bytes for it. */
function sealBundle(code: string, key: string): string {
  if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`code cache key must be 32 hex digits: ${key}`);
  return `${code.endsWith('\n') ? code : code + '\n'}// code-cache-key: ${key}\n`;
}
function cacheFile(key: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(key, 'latin1'), data]);
}

export = { fastStart, compileBundle, cacheFor, sealBundle, cacheFile, BUNDLE, CACHE, loadFormat };
