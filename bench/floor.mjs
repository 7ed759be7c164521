#!/usr/bin/env node
// The floor of a batch in one Node process: read every file of a folder (and JSON.parse the .json
// ones) and do nothing else — no schema, no rules, no output. Read the fastest way we know, as
// report-lint reads (src/read/read-input.ts, src/parse/fast/fast-path.ts): into one shared buffer, taken
// as a one-byte string without UTF-8 decoding. bench/run.mjs times it beside report-lint and
// ajv-cli: it shows how much of a batch's time any checker must spend anyway.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const buffer = Buffer.allocUnsafe(1 << 20);
let keys = 0;
for (const name of readdirSync(dir)) {
  const fd = openSync(join(dir, name), 'r');
  const n = readSync(fd, buffer, 0, buffer.length, null);
  closeSync(fd);
  const text = buffer.toString('latin1', 0, n);
  if (name.endsWith('.json')) keys += Object.keys(JSON.parse(text)).length;
  else keys += text.length > 0 ? 1 : 0;
}
if (keys === 0) process.exitCode = 1;
