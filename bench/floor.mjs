#!/usr/bin/env node
// The floor of a batch in one Node process: read every file of a folder (and JSON.parse the .json
// ones) and do nothing else — no schema, no rules, no output. bench/run.mjs times it beside
// report-lint and ajv-cli to show how much of a batch's time any checker must spend anyway.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let keys = 0;
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'utf8');
  if (name.endsWith('.json')) keys += Object.keys(JSON.parse(text)).length;
  else keys += text.length > 0 ? 1 : 0;
}
if (keys === 0) process.exitCode = 1;
