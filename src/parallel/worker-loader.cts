// CommonJS on purpose: src/parallel/run.ts starts its worker threads from this file, so a thread
// loads the linter as one code-cached file (dist/fast-start/worker.cjs, src/cached-bundle.cts)
// instead of resolving, linking and compiling its ~40 ES modules in every thread.
import bundles = require('../cached-bundle.cjs');

// The bundle is src/parallel/worker.ts and what it imports: running it starts the thread's
// message loop. No fresh bundle (a plain `tsc` build): the same module from the plain build.
if (!bundles.loadBundle('worker')) void import('./worker.js');
