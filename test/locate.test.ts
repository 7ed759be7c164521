/**
 * Every diagnostic's line/column points at the cell it names, in
 * block YAML, flow YAML and JSON (pretty and on one line), with LF and CRLF line ends.
 * The check reads the source text at line:column: the value (or, for an unknown key, the key;
 * for a missing key, the parent's key) must be there, right after the key the path ends with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';
import type { Diagnostic } from '../src/types.js';
import { expectDiagnosticsToMatch, expectedMarkers, fixtureFiles } from './helpers/markers.js';

const RULES = ['row-total', 'outcome-total', 'balance', 'appeal-total', 'template-year'];
const invalidRuleFixtures = RULES.flatMap((id) => fixtureFiles(join('fixtures/rules', id)).filter((f) => f.includes('/invalid-')));
const invalidSchemaFixtures = fixtureFiles('fixtures/schema').filter((f) => f.includes('/invalid-'));

/** 0-based offset of a 1-based line/column; lines end with \n or \r\n. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new Error(`line ${line} is past the end`);
    offset = nl + 1;
  }
  return offset + column - 1;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The key a cell is written under must end the text before the position: `key: `, `"key": `,
 * `'key':`, possibly with the value on the next line after a comment.
 */
function expectAfterKey(text: string, d: Diagnostic, key: string) {
  const start = offsetOf(text, d.line, d.column);
  const before = text.slice(Math.max(0, start - 300), start);
  expect(before, `${d.ruleId} ${d.path.join('.')} at ${d.line}:${d.column}`).toMatch(
    new RegExp(`(^|[\\s{,])["']?${escape(key)}["']?[ \\t]*:[ \\t]*(#[^\\n]*)?(\\r?\\n[ \\t]*(#[^\\n]*)?)*$`),
  );
}

function expectTextAt(text: string, d: Diagnostic, expected: string) {
  const start = offsetOf(text, d.line, d.column);
  expect(text.slice(start, start + expected.length), `${d.ruleId} ${d.path.join('.')} at ${d.line}:${d.column}`).toBe(expected);
}

/** Check every diagnostic of one source text. */
function checkPositions(text: string, file: string): number {
  const { diagnostics } = lintSource(text, file);
  expect(diagnostics.length).toBeGreaterThan(0);
  for (const d of diagnostics) {
    const last = String(d.path[d.path.length - 1] ?? '');
    expect(d.endLine * 10000 + d.endColumn).toBeGreaterThanOrEqual(d.line * 10000 + d.column);
    if (d.actual !== undefined && text.startsWith('*', offsetOf(text, d.line, d.column))) {
      // The value comes from an alias (`carried_over: *row`): at the alias, under a key of the path.
      const start = offsetOf(text, d.line, d.column);
      const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
      expect(d.path.some((seg) => new RegExp(`(^|[\\s{,])${escape(String(seg))}\\s*:\\s*$`).test(before)), before).toBe(true);
    } else if (d.actual !== undefined) {
      // Arithmetic: the reported value, written under its own key.
      expectTextAt(text, d, String(d.actual));
      expectAfterKey(text, d, last);
    } else if (d.messageId === 'additionalProperties') {
      expectTextAt(text, d, file.endsWith('.json') ? `"${last}"` : last);
    } else if (d.messageId === 'required') {
      // At the parent mapping's own key; the whole report has no key: its first line of data.
      if (d.path.length > 0) expectTextAt(text, d, file.endsWith('.json') ? `"${last}"` : last);
      else expect(text.split(/\r?\n/)[d.line - 1]).toMatch(file.endsWith('.json') ? /^\{/ : /^[a-z]/);
    } else if (d.path.length > 0) {
      const value = valueAt(parse(text), d.path);
      const start = offsetOf(text, d.line, d.column);
      const here = text.slice(start);
      if (value === null) {
        // `key:` with nothing after it: at the key; an explicit `~` or `null`: at it.
        expect(here.startsWith(last) || /^(~|null)/.test(here), `${d.path.join('.')} at ${d.line}:${d.column}`).toBe(true);
      } else if (typeof value === 'object') {
        // A mapping: a block mapping at its key (its first line is its first child), a flow one at `{`.
        if (here.startsWith('{')) expectAfterKey(text, d, last);
        else expectTextAt(text, d, file.endsWith('.json') ? `"${last}"` : last);
      } else {
        if (typeof value === 'number') expect(here).toMatch(/^-?\d/);
        else expectTextAt(text, d, file.endsWith('.json') ? JSON.stringify(value) : sourceOf(value, text, d));
        expectAfterKey(text, d, last);
      }
    }
  }
  return diagnostics.length;
}

/** The YAML source of a scalar at the position (quoted strings keep their quotes). */
function sourceOf(value: unknown, text: string, d: Diagnostic): string {
  const start = offsetOf(text, d.line, d.column);
  const candidates = [String(value), JSON.stringify(value)];
  return candidates.find((c) => text.startsWith(c, start)) ?? String(value);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], data);
}

const toJson = (yamlText: string, indent?: number) => JSON.stringify(parse(yamlText), null, indent) + '\n';

describe('positions point at the named cell', () => {
  for (const file of [...invalidRuleFixtures, ...invalidSchemaFixtures]) {
    const text = readFileSync(file, 'utf8');
    describe(file, () => {
      it('YAML as written (block or flow)', () => {
        checkPositions(text, file);
      });
      it('CRLF line ends: same lines and columns', () => {
        const crlf = text.replace(/\n/g, '\r\n');
        const lf = lintSource(text, file).diagnostics.map((d) => [d.ruleId, d.line, d.column]);
        expect(lintSource(crlf, file).diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual(lf);
        checkPositions(crlf, file);
      });
      // A YAML-only value (e.g. an empty value, 2022-02-30 unquoted) turns into JSON too: null or a string.
      it('JSON, pretty-printed and on one line', () => {
        const pretty = checkPositions(toJson(text, 2), file.replace(/\.ya?ml$/, '.json'));
        const oneLine = checkPositions(toJson(text), file.replace(/\.ya?ml$/, '.json'));
        expect(oneLine).toBe(pretty);
      });
    });
  }
});

describe('fixtures/locate: flow rows over lines, quoted keys, comments, aliases, CRLF with BOM', () => {
  for (const file of fixtureFiles('fixtures/locate')) {
    it(basename(file), () => {
      const bytes = readFileSync(file);
      const result = lintSource(bytes, file);
      expectDiagnosticsToMatch(result, expectedMarkers(file));
      // Columns count from the first character after a BOM, as editors show them.
      checkPositions(bytes.toString('utf8').replace(/^\uFEFF/, ''), file);
    });
  }
});

describe('special nodes', () => {
  const example = readFileSync('fixtures/rules/row-total/valid-2019-flow.yaml', 'utf8');
  it('a row given as an alias: the diagnostic points at the alias', () => {
    const text = example
      .replace(/^( {2}received: )\{ (.*) total: 24 \}$/m, '$1&r { $2 total: 25 }')
      .replace(/^( {2}carried_over: )\{.*\}$/m, '$1*r');
    expect(text).toContain('*r');
    const { diagnostics } = lintSource(text, 'alias.yaml');
    const aliasLine = text.split('\n').findIndex((l) => l.includes('*r')) + 1;
    const carried = diagnostics.find((d) => d.ruleId === 'row-total' && d.path[1] === 'carried_over');
    expect(carried).toMatchObject({ line: aliasLine, column: text.split('\n')[aliasLine - 1]!.indexOf('*r') + 1 });
  });
  it('a missing key in a flow row: at the row key, on its line', () => {
    const text = example.replace(/(received: \{ natural_person: 20, )commercial: 2, /, '$1');
    const [d] = lintSource(text, 'x.yaml').diagnostics;
    const line = text.split('\n').findIndex((l) => l.startsWith('  received:')) + 1;
    expect(d).toMatchObject({ ruleId: 'schema', messageId: 'required', line, column: 3 });
  });
  it('every fixture folder has block, flow and JSON coverage', () => {
    const texts = [...invalidRuleFixtures, ...invalidSchemaFixtures].map((f) => readFileSync(f, 'utf8'));
    expect(texts.some((t) => /^ {2}received: \{/m.test(t))).toBe(true);
    expect(texts.some((t) => /^ {2}received:$/m.test(t))).toBe(true);
    expect(readdirSync('fixtures/examples').some((f) => f.endsWith('.json'))).toBe(true);
  });
});
