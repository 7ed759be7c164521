/**
 * Fixture markers shared by every fixture-driven test (rules, schema, parse, and other
 * helpers' folders such as fixtures/hostile):
 *
 * - `# expect: <ruleId>/<messageId>[, …]` on the line where a diagnostic must start
 *   (a marker without `/` matches any messageId of that rule);
 * - an optional first line `# lint-options: {json}` merged into the LintOptions;
 * - JSON fixtures (no comments) use a sidecar `<name>.expected.json`: `[{ "line": 3, "id": "parse/json" }]`
 *   and optionally `<name>.lint-options.json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';
import { summarizeFile } from '../../src/cross-year/summary.js';
import type { LintOptions } from '../../src/check/lint.js';
import type { Diagnostic, FileResult } from '../../src/types.js';

export interface Marker {
  line: number;
  id: string;
}

const MARKER = /#\s*expect:\s*(.+?)\s*$/;
const OPTIONS = /^\s*#\s*lint-options:\s*(\{.*\})\s*$/;

/** Markers written in a YAML text: one per id, on the marker's own line. */
export function markersInText(text: string): Marker[] {
  const markers: Marker[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    const m = MARKER.exec(lineText);
    if (!m) return;
    for (const id of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) markers.push({ line: i + 1, id });
  });
  return markers;
}

const sidecar = (file: string, suffix: string) => join(dirname(file), basename(file).replace(/\.(ya?ml|json)$/i, '') + suffix);

/** Expected diagnostics of a fixture file: its sidecar `.expected.json` if there is one, else its markers. */
export function expectedMarkers(file: string): Marker[] {
  const side = sidecar(file, '.expected.json');
  if (existsSync(side)) return JSON.parse(readFileSync(side, 'utf8')) as Marker[];
  return markersInText(readFileSync(file, 'utf8'));
}

/**
 * LintOptions a fixture asks for: `# lint-options: {json}` on its first line (or a sidecar
 * `.lint-options.json`). `"previous": "<file>"` names last year's report relative to the fixture.
 */
export function fixtureOptions(file: string): LintOptions {
  const side = sidecar(file, '.lint-options.json');
  let raw: Record<string, unknown> = {};
  if (existsSync(side)) raw = JSON.parse(readFileSync(side, 'utf8')) as Record<string, unknown>;
  else {
    const first = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const m = OPTIONS.exec(first);
    if (m) raw = JSON.parse(m[1]!) as Record<string, unknown>;
  }
  const options = { ...raw } as LintOptions & { previous?: unknown };
  if (typeof raw.previous === 'string') {
    const prevFile = join(dirname(file), raw.previous);
    // As in a real run, rules get a summary of last year's report (src/cross-year), not the whole report.
    const previous = summarizeFile(prevFile);
    if (!previous) throw new Error(`previous report ${prevFile} does not parse`);
    options.previous = previous;
  }
  return options;
}

/** `line id` strings, sorted, so a failing comparison shows a readable diff. */
const key = (line: number, id: string) => `${String(line).padStart(4)} ${id}`;

/**
 * Assert that the diagnostics match the markers exactly: every diagnostic has a marker and
 * every marker a diagnostic. A marker id without `/` matches the rule id alone.
 */
export function expectDiagnosticsToMatch(result: FileResult, markers: Marker[]): void {
  const actual = result.diagnostics.map((d) => {
    const loose = markers.some((m) => m.line === d.line && !m.id.includes('/') && m.id === d.ruleId);
    return key(d.line, loose ? d.ruleId : `${d.ruleId}/${d.messageId}`);
  });
  const expected = markers.map((m) => key(m.line, m.id));
  actual.sort();
  expected.sort();
  const missing = expected.filter((e) => !removeOne(actual.slice(), e));
  const extra = actual.filter((a) => !removeOne(expected.slice(), a));
  const detail = result.diagnostics.map((d) => `  ${d.line}:${d.column} ${d.ruleId}/${d.messageId} ${d.message}`).join('\n');
  const problems: string[] = [];
  if (missing.length) problems.push(`too few diagnostics: expected but not reported:\n  ${missing.join('\n  ')}`);
  if (extra.length) problems.push(`too many diagnostics: reported without a marker:\n  ${extra.join('\n  ')}`);
  expect(problems.join('\n'), `${result.file}\nall diagnostics:\n${detail}`).toBe('');
  expect(actual).toEqual(expected);
}

function removeOne(list: string[], item: string): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** No rendered message may still hold a `{{placeholder}}`. */
export function expectRenderedMessages(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) expect(d.message, `${d.ruleId}/${d.messageId}`).not.toMatch(/\{\{|\}\}/);
}

/** Fixture files of a folder: `.yaml`, `.yml`, `.json`, without sidecars. */
export function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f) && !/\.(expected|lint-options)\.json$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}
