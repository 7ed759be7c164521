#!/usr/bin/env node
// Thin entry: all logic lives in dist/cli.js; exit code via process.exitCode so output flushes.
import { main } from '../dist/cli.js';

try {
  process.exitCode = await main({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
} catch (error) {
  // Only reached on a bug: main() turns every known failure into a one-line message.
  console.error(error);
  process.exitCode = 2;
}
