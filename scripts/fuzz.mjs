#!/usr/bin/env node
/**
 * `npm run fuzz [-- --seed N --runs N]` (or FUZZ_SEED / FUZZ_RUNS): the properties of
 * test/property.test.ts over 100,000+ generated inputs, in-process against dist/. Prints a
 * summary, records the run in fixtures/hostile/FUZZ.md, and exits 1 on any finding: a throw,
 * a broken invariant, or one input taking longer than --slow ms (a hang in the making).
 * `--mode import|render|fix|cli` fuzzes those commands instead (scripts/fuzz-cli.mjs, 10,000+
 * inputs, its own section of FUZZ.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { lintSource } from '../dist/check/lint.js';
import { arbitraryInput, problemsOf } from '../test/fuzz/hostile-arbitraries.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : (process.env[`FUZZ_${name.toUpperCase()}`] ?? fallback);
};
const seed = Number(arg('seed', String(Date.now() % 2 ** 31)));
const mode = arg('mode', 'lint');

// --mode import|render|fix|cli: the command line on generated files (scripts/fuzz-cli.mjs).
if (mode !== 'lint') {
  const runs = Number(arg('runs', '10000'));
  const { fuzzCli } = await import('./fuzz-cli.mjs');
  const ok = await fuzzCli({ mode, seed, runs, slowMs: Number(arg('slow', '10000')), record: arg('record', runs >= 10_000 ? 'yes' : 'no') === 'yes' });
  process.exit(ok ? 0 : 1);
}

const runs = Number(arg('runs', '100000'));
const slowMs = Number(arg('slow', '5000'));
const record = arg('record', runs >= 100_000 ? 'yes' : 'no') === 'yes';

const EXAMPLES = new URL('../fixtures/examples/', import.meta.url);
const seeds = readdirSync(EXAMPLES).map((name) => ({ name, text: readFileSync(new URL(name, EXAMPLES), 'utf8') }));

const byKind = {};
let slowest = { ms: 0, kind: '' };
let diagnostics = 0;
const started = performance.now();

const property = fc.property(arbitraryInput(seeds), (input) => {
  const t0 = performance.now();
  let result;
  try {
    result = lintSource(input.bytes, input.file);
  } catch (error) {
    throw new Error(`threw: ${error?.stack ?? error}`);
  }
  const ms = performance.now() - t0;
  byKind[input.kind] = (byKind[input.kind] ?? 0) + 1;
  diagnostics += result.diagnostics.length;
  if (ms > slowest.ms) slowest = { ms, kind: input.kind };
  const problems = problemsOf(result, input);
  if (ms > slowMs) problems.push(`took ${Math.round(ms)} ms (limit ${slowMs})`);
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
});

const details = fc.check(property, { numRuns: runs, seed, endOnFailure: false });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const ok = !details.failed;
const counts = Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ');
const summary = [
  `report-lint fuzz: seed ${seed}, ${details.numRuns} inputs (${counts}) in ${seconds} s`,
  `diagnostics produced: ${diagnostics}; slowest input: ${Math.round(slowest.ms)} ms (${slowest.kind})`,
  ok ? 'result: no findings' : `result: FINDING after ${details.numRuns} inputs (shrunk ${details.numShrinks} times)\n${String(details.errorInstance?.message ?? details.error).slice(0, 4000)}\ncounterexample: ${fc.stringify(details.counterexample).slice(0, 4000)}`,
];
console.log(summary.join('\n'));

if (record) {
  const file = new URL('../fixtures/hostile/FUZZ.md', import.meta.url);
  // The command-line fuzz keeps its own section (scripts/fuzz-cli.mjs): carried over as it is.
  const previous = readFileSync(file, 'utf8');
  const cliSection = previous.includes('<!-- fuzz:cli -->') ? '\n' + previous.slice(previous.indexOf('<!-- fuzz:cli -->')) : '';
  writeFileSync(
    file,
    `# Last fuzz run\n\nWritten by \`npm run fuzz\` (scripts/fuzz.mjs) after every run of 100,000 inputs or more.\nReproduce with \`npm run fuzz -- --seed ${seed} --runs ${runs}\`.\n\n` +
      `| | |\n|---|---|\n| date | ${new Date().toISOString()} |\n| seed | ${seed} |\n| inputs | ${details.numRuns} (${counts}) |\n| duration | ${seconds} s |\n| node | ${process.version} |\n| result | ${ok ? 'no findings' : 'FINDING (see below)'} |\n\n` +
      'Invariants checked on every input: lintSource never throws; every diagnostic has a kebab-case rule id, a non-empty message with no unrendered `{{placeholder}}`, a severity, and a line/column inside the file (end not before start); errorCount matches; a valid report (commented, aliased, tagged, CRLF/CR/BOM/UTF-16) gets no error; no input takes longer than ' +
      `${slowMs} ms.\n` +
      (ok ? '' : `\n\`\`\`\n${summary[2]}\n\`\`\`\n`) +
      cliSection,
  );
}
process.exitCode = ok ? 0 : 1;
