// CommonJS on purpose: bin/report-lint.js require()s this file, so the common hook run (one
// clean file) never goes through the ESM loader's resolve/link/translate for our code.
import type { MainIO } from '../io.js' with { 'resolution-mode': 'import' };
import bundles = require('../cached-bundle.cjs');

type FastStart = (io: MainIO, loadFormat?: LoadFormat) => Promise<number | undefined>;
type LoadFormat = () => Promise<typeof import('../format/index.js', { with: { 'resolution-mode': 'import' } })>;

/**
 * dist/fast-start/fast-start.cjs: src/cli/fast-start.ts and the code it needs, bundled into one
 * CommonJS file by scripts/bundle-fast-start.mjs, with a V8 code cache made there after a
 * warm-up lint (so the functions a clean run calls are in it, compiled); loaded by
 * src/cached-bundle.cts, which uses it only when it belongs to this build (its build id).
 */
const BUNDLE = bundles.bundleFile('fast-start');
const CACHE = bundles.cacheFileOf('fast-start');

/** The formatters, for the colour path (import() is not available inside the vm.Script). */
const loadFormat: LoadFormat = () => import('../format/index.js');

/**
 * `report-lint one-file` without the full CLI where src/cli/fast-start.ts can prove the run
 * clean; undefined means: run the full CLI. Same answer from the bundle or the plain build.
 */
function fastStart(io: MainIO): Promise<number | undefined> {
  // fast-start.ts's own first test, before reading and compiling the bundle for nothing.
  if (io.argv.length !== 1) return Promise.resolve(undefined);
  const bundled = bundles.loadBundle<{ fastStart: FastStart }>('fast-start');
  if (bundled) return bundled.fastStart(io, loadFormat);
  return import('./fast-start.js').then((plain) => plain.fastStart(io));
}

/** The code cache made for this bundle text, if there is one (src/cached-bundle.cts). */
const cacheFor = (source: string): Buffer | undefined => bundles.cacheFor('fast-start', source);

/** The bundle run from a vm.Script (with this cache); the build makes the cache from the script. */
function compileBundle(source: string, cachedData?: Buffer): { fastStart: FastStart; script: ReturnType<typeof bundles.compileBundle>['script'] } {
  const { exports, script } = bundles.compileBundle<{ fastStart: FastStart }>('fast-start', source, cachedData);
  return { fastStart: exports.fastStart, script };
}

export = { fastStart, compileBundle, cacheFor, sealBundle: bundles.sealBundle, cacheFile: bundles.cacheFileBytes, BUNDLE, CACHE, loadFormat };
