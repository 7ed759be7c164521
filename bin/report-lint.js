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

// Write errors on stdout and stderr arrive as 'error' events, after the write (often after main()
// has returned); unhandled, they would end the run with a stack trace.
// - EPIPE, `report-lint … | head -1`: the reader has gone. Stop writing quietly; the exit code
//   stays the lint result, so `set -o pipefail` still sees errors.
// - Anything else (`> /dev/full`, a full disk, an I/O error): the results did not reach their
//   reader, so the run could not do its job: exit 2, with one line on stderr when stdout failed
//   (when stderr itself failed there is nowhere to say it).
let outputFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    stream.destroy();
    if (error.code === 'EPIPE' || outputFailed) return;
    outputFailed = true;
    process.exitCode = 2;
    if (stream !== process.stdout) return;
    const code = String(error.code ?? error.message);
    loadCli()
      .then((cli) => cli.stdoutFailureLine(process.argv.slice(2), process.env, code))
      .catch(() => `report-lint: cannot write to standard output: ${code}\n`)
      .then((line) => process.stderr.write(line));
  });
}

(async () => {
  try {
    const io = { argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    const code = (await fastStart(io)) ?? (await (await loadCli()).main(io));
    process.exitCode = outputFailed ? 2 : code;
  } catch (error) {
    // Only reached on a bug: main() turns every known failure into a one-line message. The
    // stack only with --debug (cli.md), else one line (made safe, in the run's language).
    process.exitCode = 2;
    const argv = process.argv.slice(2);
    if (argv.includes('--debug')) console.error(error);
    else {
      const message = String((error && error.message) || error);
      const line = await loadCli()
        .then((cli) => cli.internalErrorLine(argv, process.env, message))
        .catch(() => 'report-lint: internal error (add --debug for details)\n');
      process.stderr.write(line);
    }
  }
})();
