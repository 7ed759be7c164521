/**
 * Property tests over the whole pipeline (README, Encodings, limits, hostile input): for
 * arbitrary bytes, arbitrary JSON/YAML values and mutations of valid reports the linter never throws, always finishes, and every
 * diagnostic has a rule id, a message and a position inside the file; a valid report (also
 * re-encoded, commented, aliased) never gets an error. A few inputs also go through the bin:
 * exit 0 or 1, one JSON document on stdout. `npm run fuzz` runs the same properties 100,000+ times.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';
import type { FileResult } from '../src/types.js';
import { arbitraryReport } from './helpers/report-arbitrary.js';
// @ts-expect-error plain JavaScript shared with scripts/fuzz.mjs
import { arbitraryBytes, arbitraryInput, arbitraryMutations, arbitraryValidVariants, arbitraryValues, problemsOf } from './fuzz/hostile-arbitraries.mjs';

interface FuzzInput {
  bytes: Uint8Array;
  file: string;
  kind: string;
  validReport?: boolean;
}

const EXAMPLES = 'fixtures/examples/';
const seeds = readdirSync(EXAMPLES).map((name) => ({ name, text: readFileSync(EXAMPLES + name, 'utf8') }));

/** Lint in-process; a throw is a failure with the input attached. */
function check(input: FuzzInput): void {
  let result: FileResult;
  try {
    result = lintSource(input.bytes, input.file);
  } catch (error) {
    throw new Error(`threw on ${input.kind} input ${JSON.stringify(Buffer.from(input.bytes).toString('utf8').slice(0, 300))}: ${(error as Error).stack}`);
  }
  const problems = problemsOf(result, input) as string[];
  expect(problems, `${input.kind} input ${input.file}: ${JSON.stringify(Buffer.from(input.bytes).toString('utf8').slice(0, 400))}`).toEqual([]);
}

const prop = (arb: fc.Arbitrary<FuzzInput>, numRuns: number) => fc.assert(fc.property(arb, check), { numRuns });

describe('in-process: never throws, positions inside the file', () => {
  it('arbitrary bytes', () => prop(arbitraryBytes, 300));
  it('arbitrary JSON values as JSON and YAML', () => prop(arbitraryValues, 300));
  it('mutations of valid reports (delete, duplicate, retype, rename, numbers, comments, anchors, tags)', () => prop(arbitraryMutations(seeds), 300));
});

describe('a valid report never gets an error', () => {
  it('the examples, commented, aliased, tagged, with CRLF/CR/BOM/UTF-16', () => prop(arbitraryValidVariants(seeds), 100));
  it('generated valid reports of both templates, as YAML and JSON, in any line ending or encoding', () => {
    const generated = fc
      .tuple(arbitraryReport(), fc.boolean())
      .chain(([report, json]) => arbitraryValidVariants([{ name: json ? 'g.json' : 'g.yaml', text: json ? JSON.stringify(report, null, 2) : YAML.stringify(report) }]));
    prop(generated as fc.Arbitrary<FuzzInput>, 60);
  });
  it('the invariants can fail: an error on a valid report is a problem', () => {
    const input = { bytes: new TextEncoder().encode('x'), file: 'x.yaml', kind: 'valid', validReport: true };
    expect(problemsOf(lintSource(input.bytes, input.file), input)).not.toEqual([]);
    const outside = { file: 'x', errorCount: 1, warningCount: 0, diagnostics: [{ ruleId: 'parse', messageId: 'x', message: 'm', severity: 'error', path: [], line: 3, column: 1, endLine: 3, endColumn: 1 }] };
    expect(problemsOf(outside, { bytes: new TextEncoder().encode('a\n'), file: 'x.yaml', kind: 'bytes' })).toHaveLength(1);
  });
});

describe('through the bin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-property-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('exit 0 or 1, one JSON document on stdout, nothing on stderr', () => {
    const inputs = fc.sample(arbitraryInput(seeds), { numRuns: 24, seed: 7 }) as FuzzInput[];
    const files = inputs.map((input, i) => {
      const file = join(dir, `${i}-${input.file}`);
      writeFileSync(file, input.bytes);
      return { file, input };
    });
    // One run over all files, and a few single-file runs.
    for (const args of [files.map((f) => f.file), ...files.slice(0, 4).map((f) => [f.file])]) {
      const r = spawnSync(process.execPath, ['bin/report-lint.js', '--format', 'json', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
      const results = JSON.parse(r.stdout) as { file: string; errorCount: number }[];
      expect(results).toHaveLength(args.length);
      expect(r.status).toBe(results.some((x) => x.errorCount > 0) ? 1 : 0);
    }
  });
});
