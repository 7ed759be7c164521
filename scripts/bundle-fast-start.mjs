#!/usr/bin/env node
// Bundle dist/load/fast-start.js (the one-clean-file start path) and what it imports into
// dist/fast-start/: one module graph of a few files starts faster than ~60 small modules.
// bin/report-lint.js uses the bundle only while it is newer than dist/lint.js (a plain `tsc`
// rebuild makes it stale and the bin falls back to dist/load/fast-start.js).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const out = `${ROOT}dist/fast-start`;
rmSync(out, { recursive: true, force: true });
await build({
  input: `${ROOT}dist/load/fast-start.js`,
  platform: 'node',
  // Packages stay packages (they are loaded lazily, if at all); only our own code is joined.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: { dir: out, format: 'esm', entryFileNames: 'fast-start.js' },
  logLevel: 'warn',
});
