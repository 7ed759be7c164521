#!/usr/bin/env node
// Thin entry: all logic lives in dist/cli/main.js; exit code via process.exitCode so output flushes.
// CommonJS (bin/package.json): an ES module entry costs every run the ESM loader's start-up.
'use strict';

// The common hook case (one clean file) is answered without loading the CLI
// (src/cli/fast-start.ts, run from its code-cached bundle by src/cli/fast-start-loader.cts).
const { fastStart } = require('../dist/cli/fast-start-loader.cjs');
// Every other run: the full CLI (src/cli/main.ts), from its code-cached bundle when the build left a
// fresh one (src/cached-bundle.cts), else the plain build's ES modules.
const { loadBundle } = require('../dist/cached-bundle.cjs');
const loadCli = async () => loadBundle('cli') ?? (await import('../dist/cli/main.js'));

// `report-lint … | head -1`: the reader has gone. Stop writing quietly (no EPIPE stack trace);
// the exit code stays the lint result, so `set -o pipefail` still sees errors.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    stream.destroy();
  });
}

(async () => {
  try {
    const io = { argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    process.exitCode = (await fastStart(io)) ?? (await (await loadCli()).main(io));
  } catch (error) {
    // Only reached on a bug: main() turns every known failure into a one-line message.
    console.error(error);
    process.exitCode = 2;
  }
})();
