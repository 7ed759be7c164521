/**
 * Parse stage: fixtures/parse/ (markers or .expected.json sidecars) plus exact positions,
 * encodings and resource limits that a fixture file cannot express by itself.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';
import { expectDiagnosticsToMatch, expectedMarkers, expectRenderedMessages, fixtureFiles } from './helpers/markers.js';

const P = 'fixtures/parse/';
const lint = (source: string | Uint8Array, file = 'report.yaml', lang: 'zh' | 'en' = 'zh') => lintSource(source, file, { lang });
const only = (source: string | Uint8Array, file = 'report.yaml') => {
  const { diagnostics } = lint(source, file);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
};

describe('fixtures/parse', () => {
  for (const file of fixtureFiles(P)) {
    it(basename(file), () => {
      const result = lint(readFileSync(file), file);
      expectDiagnosticsToMatch(result, expectedMarkers(file));
      expectRenderedMessages(result.diagnostics);
      expectRenderedMessages(lint(readFileSync(file), file, 'en').diagnostics);
      // A file that does not parse gets parse diagnostics only: nothing else can be checked.
      if (result.diagnostics.some((d) => d.ruleId === 'parse')) expect(new Set(result.diagnostics.map((d) => d.ruleId))).toEqual(new Set(['parse']));
    });
  }
});

describe('parse positions (line and column)', () => {
  it('duplicate key: at the second key', () => {
    expect(only(readFileSync(P + 'duplicate-key.yaml'))).toMatchObject({ line: 4, column: 1, messageId: 'DUPLICATE_KEY' });
    expect(only(readFileSync(P + 'duplicate-key-flow.yaml'))).toMatchObject({ line: 4, column: 49 });
    expect(only(readFileSync(P + 'json-duplicate-key.json'), 'r.json')).toMatchObject({ line: 4, column: 3 });
  });
  it('tab indentation: at the tab', () => {
    expect(only(readFileSync(P + 'tab-indent.yaml'))).toMatchObject({ line: 4, column: 1, messageId: 'TAB_AS_INDENT' });
  });
  it('JSON syntax errors: at the offending character, the same on every Node version', () => {
    // "year": 2021 ⏎ "agency" — the comma is missing before "agency" (line 4, column 3).
    expect(only(readFileSync(P + 'json-missing-comma.json'), 'r.json')).toMatchObject({ line: 4, column: 3, messageId: 'json' });
    // `"agency": "x",` ⏎ `}` — reported at the comma itself (line 4, column 16).
    const trailing = only(readFileSync(P + 'json-trailing-comma.json'), 'r.json');
    expect(trailing).toMatchObject({ line: 4, column: 16 });
    expect(trailing.message).toBe('JSON 语法错误：最后一项后面多了逗号');
    expect(only(readFileSync(P + 'json-comment.json'), 'r.json')).toMatchObject({ line: 2, column: 3 });
    expect(only('{"a": 1} x', 'r.json')).toMatchObject({ line: 1, column: 10 });
    expect(only("{'template': 2021}", 'r.json')).toMatchObject({ line: 1, column: 2 });
  });
  it('a JSON file is read as JSON even though YAML would accept it', () => {
    expect(only('template: 2021\n', 'r.json').messageId).toBe('json');
    expect(only('{"template": 2021,}', 'r.json').messageId).toBe('json');
    expect(only('{"template": NaN}', 'r.json').messageId).toBe('json');
  });
  it('multiple documents: at the second document marker', () => {
    expect(only(readFileSync(P + 'multiple-docs.yaml'))).toMatchObject({ line: 3, column: 1 });
  });
  it('undefined alias: at the alias', () => {
    const d = only(readFileSync(P + 'undefined-alias.yaml'));
    expect(d).toMatchObject({ line: 3, column: 7, messageId: 'unresolvedAlias' });
    expect(d.message).toBe('别名 *nothing 之前没有定义锚点 &nothing');
  });
});

describe('encodings', () => {
  const example = readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8');
  it('a UTF-8 BOM is accepted', () => {
    expect(lint(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(example)])).diagnostics).toEqual([]);
    expect(lint('\uFEFF' + example).diagnostics).toEqual([]);
  });
  it('GBK bytes: one parse diagnostic at the first non-UTF-8 line, naming GB18030/GBK', () => {
    const gbk = iconv.encode(example, 'gbk');
    const d = only(gbk);
    // Line 1 is a comment with Chinese text: the first bytes that are not UTF-8 are there.
    expect(d).toMatchObject({ ruleId: 'parse', messageId: 'notUtf8', line: 1 });
    expect(d.message).toMatch(/GB18030\/GBK/);
    expect(lint(gbk, 'r.yaml', 'en').diagnostics[0]!.message).toMatch(/GB18030\/GBK/);
  });
  it('GBK bytes after ASCII lines: the line of the first GBK character', () => {
    const d = only(iconv.encode('template: 2019\nyear: 2020\nagency: 盐池县\n', 'gbk'));
    expect(d).toMatchObject({ line: 3, column: 9 });
  });
});

describe('resource limits', () => {
  it('an alias bomb stops with a diagnostic instead of expanding', () => {
    const d = only(readFileSync(P + 'alias-bomb.yaml'));
    expect(d.messageId).toBe('aliasBomb');
    expect(d.line).toBe(3);
  });
  it('a few aliases of a real report are fine', () => {
    const text = readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8')
      .replace(/^( {2}received: +)(\{.*\})$/m, '$1&zero $2')
      .replace(/^( {2}carried_over: +)\{.*\}$/m, '$1*zero');
    expect(text).toContain('*zero');
    expect(lint(text).diagnostics).toEqual([]);
  });
  it('deep nesting is a diagnostic, not a stack overflow', () => {
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    const { diagnostics } = lint(deep);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(['parse', 'schema']).toContain(diagnostics[0]!.ruleId);
  });
  it('empty inputs', () => {
    expect(only('').messageId).toBe('empty');
    expect(only(new Uint8Array()).messageId).toBe('empty');
    expect(only('', 'r.json').ruleId).toBe('parse');
    expect(only('# only a comment\n').messageId).toBe('empty');
  });
});

describe('YAML 1.2 core, always', () => {
  const example = readFileSync('fixtures/examples/2021-county-market-regulation.yaml', 'utf8');
  it('a %YAML 1.1 directive does not turn the published date into a timestamp', () => {
    expect(example).toMatch(/^published: 2022-01-25$/m);
    expect(lint('%YAML 1.1\n---\n' + example).diagnostics).toEqual([]);
    expect(lint('---\n' + example + '...\n').diagnostics).toEqual([]);
  });
  it('yes/no/on/off are text, not booleans; 010 is ten', () => {
    const text = example.replace('other_matters: 本年度未收取信息处理费。', 'other_matters: no').replace(/^( {2}coercion:\n {4}decisions: )4$/m, '$1010');
    expect(text).toContain('decisions: 010');
    expect(lint('%YAML 1.1\n---\n' + text).diagnostics).toEqual([]);
  });
});

describe('never a crash', () => {
  it('YAML errors without a Chinese explanation keep yaml’s own text', () => {
    const d = only('%FOO bar\n---\ntemplate: 2021\n');
    expect(d).toMatchObject({ ruleId: 'parse', messageId: 'BAD_DIRECTIVE', line: 1, column: 1 });
    expect(d.message).toContain('%FOO');
  });
  it('a collection as a key is a schema problem, not a crash', () => {
    const { diagnostics } = lint('? [a]\n: 1\ntemplate: 2021\n');
    expect(diagnostics.some((d) => d.messageId === 'additionalProperties')).toBe(true);
  });
  it('random small edits of valid reports always give located diagnostics or none', () => {
    const sources = ['fixtures/examples/2021-county-market-regulation.yaml', 'fixtures/examples/2021-county-market-regulation.json', 'fixtures/rules/balance/valid-2019-flow.yaml'];
    const pieces = ['', ' ', '\n', '\t', ':', '{', '}', '[', ']', ',', '-', '"', "'", '&a ', '*a', '#', '!', '|', '?', '0', '1.5', '~', '\u00a0', 'x', '---\n', '%YAML 1.1\n', '<<: ', '.inf', '1e400'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const file = sources[random(sources.length)]!;
      let text = readFileSync(file, 'utf8');
      for (let k = 0; k <= random(3); k++) {
        const at = random(text.length);
        text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at + random(3));
      }
      const { diagnostics } = lint(text, file);
      for (const d of diagnostics) {
        expect(d.line, text).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/\{\{|undefined/);
      }
    }
  });
});
