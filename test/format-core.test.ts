/** The stylish and json formatters are pure: results in, exact text out (colour off unless asked). */
import { describe, expect, it } from 'vitest';
import json from '../src/format/json.js';
import stylish from '../src/format/stylish.js';
import type { FileResult } from '../src/types.js';

const results: FileResult[] = [
  {
    file: 'a/2020.yaml',
    errorCount: 2,
    warningCount: 1,
    diagnostics: [
      { ruleId: 'schema', messageId: 'type', severity: 'error', message: '年报格式 template：应为 2019 或 2021，实为 2020', path: ['template'], line: 2, column: 11, endLine: 2, endColumn: 15 },
      { ruleId: 'appeal-total', messageId: 'mismatch', severity: 'error', message: 'M', path: ['review_litigation', 'review', 'total'], line: 44, column: 67, endLine: 44, endColumn: 68, expected: 3, actual: 4 },
      { ruleId: 'publication-deadline', messageId: 'late', severity: 'warning', message: 'W', path: ['published'], line: 120, column: 12, endLine: 120, endColumn: 22 },
    ],
  },
  { file: 'b/clean.json', errorCount: 0, warningCount: 0, diagnostics: [] },
];
const ctx = { cwd: '/', color: false, lang: 'zh' as const };

describe('stylish', () => {
  it('aligns line:col and severity columns (CJK counts double), skips clean files, ends with a summary', () => {
    expect(stylish(results, ctx)).toBe(
      [
        'a/2020.yaml',
        '  2:11    错误  年报格式 template：应为 2019 或 2021，实为 2020  schema',
        '  44:67   错误  M  appeal-total',
        '  120:12  警告  W  publication-deadline',
        '',
        '✖ 3 个问题（2 个错误，1 个警告）',
        '',
      ].join('\n'),
    );
  });
  it('English severities are padded to the longest', () => {
    const out = stylish(results, { ...ctx, lang: 'en' });
    expect(out).toContain('  44:67   error    M  appeal-total\n');
    expect(out).toContain('  120:12  warning  W  publication-deadline\n');
    expect(out).toMatch(/✖ 3 problems \(2 errors, 1 warning\)\n$/);
  });
  it('no problems: one ✔ line', () => {
    expect(stylish([results[1]!], ctx)).toBe('✔ 已检查 1 个文件，没有发现问题\n');
    expect(stylish([results[1]!], { ...ctx, lang: 'en' })).toBe('✔ 1 file checked, no problems found\n');
    // No results (every named file ignored): nothing, never "0 files, no problems" (src/cli/run-lint.ts says so on stderr).
    expect(stylish([], ctx)).toBe('');
  });
  it('colour only when asked', () => {
    expect(stylish(results, ctx)).not.toMatch(/\u001b\[/);
    expect(stylish(results, { ...ctx, color: true })).toMatch(/\u001b\[31m/);
  });
});

describe('json', () => {
  it('is cli.md’s shape: pointer paths, expected/actual only on arithmetic', () => {
    const parsed = JSON.parse(json(results, ctx)) as unknown[];
    expect(parsed).toEqual([
      {
        file: 'a/2020.yaml',
        errorCount: 2,
        warningCount: 1,
        diagnostics: [
          { ruleId: 'schema', severity: 'error', message: '年报格式 template：应为 2019 或 2021，实为 2020', path: '/template', line: 2, column: 11, endLine: 2, endColumn: 15 },
          { ruleId: 'appeal-total', severity: 'error', message: 'M', path: '/review_litigation/review/total', line: 44, column: 67, endLine: 44, endColumn: 68, expected: 3, actual: 4 },
          { ruleId: 'publication-deadline', severity: 'warning', message: 'W', path: '/published', line: 120, column: 12, endLine: 120, endColumn: 22 },
        ],
      },
      { file: 'b/clean.json', errorCount: 0, warningCount: 0, diagnostics: [] },
    ]);
  });
  it('escapes JSON Pointer segments and writes "" for the whole document', () => {
    const r: FileResult = { file: 'x', errorCount: 1, warningCount: 0, diagnostics: [
      { ruleId: 'schema', messageId: 'additionalProperties', severity: 'error', message: 'm', path: ['a/b', 'c~d'], line: 1, column: 1, endLine: 1, endColumn: 2 },
      { ruleId: 'schema', messageId: 'type', severity: 'error', message: 'm', path: [], line: 1, column: 1, endLine: 1, endColumn: 2 },
    ] };
    const [d1, d2] = (JSON.parse(json([r], ctx)) as { diagnostics: { path: string }[] }[])[0]!.diagnostics;
    expect(d1!.path).toBe('/a~1b/c~0d');
    expect(d2!.path).toBe('');
  });
  it('zero files is an empty array, still one JSON document', () => {
    expect(JSON.parse(json([], ctx))).toEqual([]);
  });
});
