#!/usr/bin/env node
// Thin entry: all logic lives in dist/cli.js; exit code via process.exitCode so output flushes.
import { statSync } from 'node:fs';

// The common hook case (one clean file) is answered without loading the CLI (src/load/fast-start.ts);
// its bundle (scripts/bundle-fast-start.mjs) only while it is newer than the compiled code.
const bundle = new URL('../dist/fast-start/fast-start.js', import.meta.url);
const fresh = (() => {
  try {
    return statSync(bundle).mtimeMs >= statSync(new URL('../dist/lint.js', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
})();
const { fastStart } = await import(fresh ? bundle.href : '../dist/load/fast-start.js');

// `report-lint … | head -1`: the reader has gone. Stop writing quietly (no EPIPE stack trace);
// the exit code stays the lint result, so `set -o pipefail` still sees errors.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    stream.destroy();
  });
}

try {
  const io = { argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  process.exitCode = (await fastStart(io)) ?? (await (await import('../dist/cli.js')).main(io));
} catch (error) {
  // Only reached on a bug: main() turns every known failure into a one-line message.
  console.error(error);
  process.exitCode = 2;
}
