/**
 * Encodings and line endings (README, Encodings, limits, hostile input): the same report saved
 * by different editors gives the same diagnostics at the same line and column; what cannot be
 * read says why and how to fix it.
 * Expected positions are computed here from the text, not copied from the linter's output.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { t } from '../src/i18n/index.js';
import { lintSource, type LintOptions } from '../src/check/lint.js';
import { inputOptions, parseSize } from '../src/read/read-input.js';

const example = readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8');
// received.natural_person 0 → 1: the row total (line 25) and the balance of 自然人 (line 51) break.
const broken = example.replace('received:     { natural_person: 0,', 'received:     { natural_person: 1,');
const lines = broken.split('\n');
const expected = [
  { ruleId: 'row-total', line: 25, column: lines[24]!.lastIndexOf('total: 0') + 'total: '.length + 1 },
  { ruleId: 'balance', line: 51, column: lines[50]!.indexOf('natural_person: 0') + 'natural_person: '.length + 1 },
];
const positions = (source: Uint8Array | string, options: LintOptions = {}) =>
  lintSource(source, 'r.yaml', options).diagnostics.map((d) => ({ ruleId: d.ruleId, line: d.line, column: d.column }));
const only = (source: Uint8Array | string, options: LintOptions = {}) => {
  const { diagnostics } = lintSource(source, 'r.yaml', options);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
};
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.isBuffer(p) ? p : Buffer.from(p))));

describe('the same report in every encoding and line ending: same diagnostics, same positions', () => {
  it('the broken report really breaks at the computed cells', () => {
    expect(lines[24]).toContain('received:');
    expect(lines[50]).toContain('carried_forward:');
    expect(positions(broken)).toEqual(expected);
  });
  const variants: Record<string, Uint8Array | string> = {
    'UTF-8 with BOM': bytes([0xef, 0xbb, 0xbf], broken),
    'UTF-8 text with BOM (stdin as a string)': '\uFEFF' + broken,
    'CRLF': bytes(broken.replace(/\n/g, '\r\n')),
    'lone CR (classic Mac)': bytes(broken.replace(/\n/g, '\r')),
    'mixed LF, CRLF and CR': bytes(lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('').slice(0, -1)),
    'UTF-16 LE with BOM': bytes([0xff, 0xfe], iconv.encode(broken, 'utf-16le')),
    'UTF-16 BE with BOM': bytes([0xfe, 0xff], iconv.encode(broken, 'utf-16be')),
    'UTF-16 LE with BOM and CRLF': bytes([0xff, 0xfe], iconv.encode(broken.replace(/\n/g, '\r\n'), 'utf-16le')),
  };
  for (const [name, source] of Object.entries(variants)) it(name, () => expect(positions(source)).toEqual(expected));

  it('GB18030 under --encoding gb18030, and GBK under --encoding gbk', () => {
    expect(positions(iconv.encode(broken, 'gb18030'), { encoding: 'gb18030' })).toEqual(expected);
    expect(positions(iconv.encode(broken, 'gbk'), { encoding: 'GBK' })).toEqual(expected);
  });
  it('UTF-16 without a BOM under --encoding utf-16le', () => {
    expect(positions(iconv.encode(broken, 'utf-16le'), { encoding: 'utf-16le' })).toEqual(expected);
  });
  it('a BOM wins over --encoding (a folder may mix editors)', () => {
    expect(positions(bytes([0xef, 0xbb, 0xbf], broken), { encoding: 'gb18030' })).toEqual(expected);
    expect(positions(bytes([0xff, 0xfe], iconv.encode(broken, 'utf-16le')), { encoding: 'gb18030' })).toEqual(expected);
  });
  it('--encoding utf-8 is the default', () => expect(positions(broken, { encoding: 'UTF-8' })).toEqual(expected));
});

describe('what cannot be read says so, where, and how to fix it', () => {
  it('GB18030 without --encoding: notUtf8 at the first GB18030 character, naming iconv and --encoding', () => {
    const d = only(iconv.encode(broken, 'gb18030'));
    // Line 1 is `# 盐池县…`: the first non-ASCII character is the third one.
    expect(d).toMatchObject({ ruleId: 'parse', messageId: 'notUtf8', line: 1, column: 3, severity: 'error' });
    expect(d.message).toBe(t('zh', 'parse.gb18030', { line: 1, column: 3 }));
    expect(d.message).toContain('iconv -f GB18030 -t UTF-8');
    expect(d.message).toContain('--encoding gb18030');
    expect(lintSource(iconv.encode(broken, 'gb18030'), 'r.yaml', { lang: 'en' }).diagnostics[0]!.message).toContain('iconv -f GB18030 -t UTF-8');
  });
  it('GBK after ASCII lines: the line and column of the first GBK byte', () => {
    const d = only(bytes('template: 2019\nyear: 2020\n', iconv.encode('agency: 盐池县', 'gbk')));
    expect(d).toMatchObject({ messageId: 'notUtf8', line: 3, column: 9 });
  });
  it('binary data that is not GB18030 either: not text', () => {
    const d = only(bytes('a: 1\nb: ', [0xff, 0xfe, 0x00, 0x80, 0x81]));
    expect(d).toMatchObject({ messageId: 'notUtf8', line: 2, column: 4 });
    expect(d.message).toBe(t('zh', 'parse.notText', { line: 2, column: 4 }));
  });
  it('invalid UTF-8 forms: overlong, surrogate, beyond U+10FFFF', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80]]) {
      expect(only(bytes('a: x', bad))).toMatchObject({ messageId: 'notUtf8', line: 1, column: 5 });
    }
  });
  it('a BOM is not a column', () => {
    expect(only(bytes([0xef, 0xbb, 0xbf], 'ab', [0xff]))).toMatchObject({ line: 1, column: 3 });
  });
  it('NUL characters: at the first one', () => {
    expect(only('template: 2019\nagency: "a\0b"\n')).toMatchObject({ messageId: 'nulByte', line: 2, column: 11 });
    expect(only(bytes([0xff, 0xfe], iconv.encode('a: 1\r\nb: \0', 'utf-16le')))).toMatchObject({ messageId: 'nulByte', line: 2, column: 4 });
  });
  it('UTF-16 without a BOM: recognised, with the --encoding to use', () => {
    const d = only(iconv.encode(broken, 'utf-16be'));
    expect(d).toMatchObject({ messageId: 'utf16NoBom', line: 1, column: 1 });
    expect(d.message).toContain('--encoding utf-16le');
  });
  it('broken UTF-16: an odd number of bytes, a lone surrogate', () => {
    expect(only(bytes([0xff, 0xfe], iconv.encode('a: 1\nb: 2', 'utf-16le'), [0x41]))).toMatchObject({ messageId: 'badEncoding' });
    expect(only(bytes([0xff, 0xfe], iconv.encode('a: 1\nb: ', 'utf-16le'), [0x00, 0xd8, 0x41, 0x00]))).toMatchObject({ messageId: 'badEncoding', line: 2, column: 4 });
  });
  it('bytes that are not valid in the --encoding: where', () => {
    expect(only(bytes('a: 1\nb: ', [0x81, 0x20]), { encoding: 'gb18030' })).toMatchObject({ messageId: 'badEncoding', line: 2, column: 4 });
  });
  it('UTF-32 is named and refused', () => {
    expect(only(bytes([0xff, 0xfe, 0, 0], iconv.encode('a: 1', 'utf-32le')))).toMatchObject({ messageId: 'unsupportedEncoding' });
  });
});

describe('--encoding and --max-file-size values', () => {
  it('known encodings pass, unknown ones are a usage error', () => {
    expect(inputOptions({ encoding: 'gb18030' })).toEqual({ encoding: 'gb18030', maxFileSize: 10 * 1024 * 1024 });
    expect(inputOptions({ encoding: 'utf-8' }).encoding).toBe('utf-8');
    expect(() => inputOptions({ encoding: 'ebcdic-klingon' })).toThrow(UsageError);
  });
  it('sizes: bytes or K/KB/M/MB/G/GB (1024-based); zero, negative and words are usage errors', () => {
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('1.5 MiB')).toBe(1.5 * 1024 * 1024);
    expect(parseSize('2G')).toBe(2 * 1024 ** 3);
    expect(parseSize('1000')).toBe(1000);
    for (const bad of ['0', '-1', 'ten', '10 TB', '', '0.1']) expect(() => parseSize(bad), bad).toThrow(UsageError);
  });
});
