import { createRequire } from 'node:module';

// iconv-lite only for files that are not UTF-8 (or --encoding): not loaded at every start.
let iconvModule: typeof import('iconv-lite') | undefined;
const iconvLite = () => (iconvModule ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));
import { t, type MessageKey } from '../i18n/index.js';
import type { Finding, Lang } from '../types.js';

/**
 * Bytes → text. A report is read as UTF-8 (a BOM is dropped), or as UTF-16 when it starts
 * with a UTF-16 BOM, or in the encoding named by `--encoding`. Anything else becomes a
 * `parse` diagnostic rather than mojibake: a clerk's GB18030 file is recognised and the
 * message says how to convert it.
 */
export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    // TextDecoder drops a leading BOM by default (ignoreBOM: false).
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, ...bytePosition(bytes, firstInvalidUtf8(bytes)) };
  }
}

export interface DecodeOptions {
  /** `--encoding`: how to read files without a BOM (any name iconv-lite knows). */
  encoding?: string | undefined;
}

/**
 * How a file's text was stored, so that --fix can write it back the same way: UTF-8 with or
 * without a BOM, UTF-16 with its BOM, or the encoding `--encoding` named.
 */
export type TextEncoding = { kind: 'utf-8'; bom: boolean } | { kind: 'utf-16le' } | { kind: 'utf-16be' } | { kind: 'named'; name: string };

/**
 * `text` is what the parser reads (lone CR turned into LF); `original` is the decoded text as
 * the file holds it, same length, so an offset in one is the same place in the other.
 * `encoding` is absent when the source was already text.
 */
export type DecodedSource = { text: string; original: string; encoding?: TextEncoding } | { finding: Finding };
type DecodedBytes = { text: string; encoding: TextEncoding } | { finding: Finding };

/**
 * Text → bytes in the encoding it was read from (the inverse of decodeSource for --fix). The
 * caller checks that the bytes decode back to the same text: an encoding iconv-lite can read
 * but not write the same way must not silently change a file.
 */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding.kind) {
    case 'utf-8': {
      const body = Buffer.from(text, 'utf8');
      return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'named':
      return iconvLite().encode(text, encoding.name);
  }
}

/** How an encoding is named in a message: the name the clerk knows. */
export function encodingName(encoding: TextEncoding): string {
  if (encoding.kind === 'named') return encoding.name;
  if (encoding.kind === 'utf-8') return encoding.bom ? 'UTF-8 (BOM)' : 'UTF-8';
  return encoding.kind.toUpperCase();
}

/** Names that mean the default: read as UTF-8. */
const UTF8_NAMES = /^utf-?8$/i;

/** `--encoding utf8` and the like: the default. */
export function isUtf8Name(name: string): boolean {
  return UTF8_NAMES.test(name);
}

/** True for an encoding name `--encoding` accepts. */
export function encodingExists(name: string): boolean {
  return UTF8_NAMES.test(name) || iconvLite().encodingExists(name);
}

/**
 * Decode a report's bytes (or take its text) and make the text safe for positions:
 * a lone CR (old Mac line ending) becomes LF — same length, so offsets do not move — because
 * the YAML parser counts only LF as a line break; a NUL character is a `parse` diagnostic.
 */
export function decodeSource(source: Uint8Array | string, lang: Lang, options: DecodeOptions = {}): DecodedSource {
  let original: string;
  let encoding: TextEncoding | undefined;
  if (typeof source === 'string') {
    original = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  } else {
    const decoded = decodeBytes(source, lang, options.encoding);
    if ('finding' in decoded) return decoded;
    original = decoded.text;
    encoding = decoded.encoding;
  }
  const text = original.replace(/\r(?!\n)/g, '\n');
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const { line, column } = textPosition(text, nul);
    return failure('nulByte', 'parse.nulByte', { line, column }, lang, { line, column });
  }
  return encoding ? { text, original, encoding } : { text, original };
}

function decodeBytes(bytes: Uint8Array, lang: Lang, encoding: string | undefined): DecodedBytes {
  const b0 = bytes[0];
  const b1 = bytes[1];
  // A BOM says what the file is, whatever --encoding says (a folder may mix editors).
  if ((b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return failure('unsupportedEncoding', 'parse.unsupportedEncoding', { encoding: 'UTF-32' }, lang, { line: 1, column: 1 });
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, 'utf-16le', lang);
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, 'utf-16be', lang);
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8Source(bytes, lang, true);
  if (encoding !== undefined && !UTF8_NAMES.test(encoding)) return decodeNamed(bytes, encoding, lang);
  if (looksLikeUtf16WithoutBom(bytes)) {
    return failure('utf16NoBom', 'parse.utf16NoBom', {}, lang, { line: 1, column: 1 });
  }
  return decodeUtf8Source(bytes, lang, false);
}

function decodeUtf8Source(bytes: Uint8Array, lang: Lang, bom: boolean): DecodedBytes {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { text: decoded.text, encoding: { kind: 'utf-8', bom } };
  const { line, column } = decoded;
  // Most non-UTF-8 reports come from Windows editors saving GB18030/GBK: say so and say how to convert.
  return looksLikeGb18030(bytes)
    ? failure('notUtf8', 'parse.gb18030', { line, column }, lang, { line, column })
    : failure('notUtf8', 'parse.notText', { line, column }, lang, { line, column });
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', lang: Lang): DecodedBytes {
  const body = bytes.subarray(2);
  const name = encoding.toUpperCase();
  try {
    if (body.length % 2 !== 0) throw new Error('odd length');
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding: { kind: encoding } };
  } catch {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
    const bad = text.indexOf('\ufffd');
    const { line, column } = textPosition(text, bad >= 0 ? bad : text.length);
    return failure('badEncoding', 'parse.badEncoding', { line, column, encoding: name }, lang, { line, column });
  }
}

/** `--encoding NAME`: iconv-lite decodes; bytes it cannot map become U+FFFD, which we report. */
function decodeNamed(bytes: Uint8Array, encoding: string, lang: Lang): DecodedBytes {
  const text = iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    const { line, column } = textPosition(text, bad);
    return failure('badEncoding', 'parse.badEncoding', { line, column, encoding }, lang, { line, column });
  }
  return { text, encoding: { kind: 'named', name: encoding } };
}

/**
 * GB18030/GBK: the bytes decode without a replacement character, hold Chinese characters,
 * and no control characters a text file would not have.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  const text = iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  return !/[\ufffd\0-\x08\x0b\x0c\x0e-\x1f]/.test(text) && /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(text);
}

/** UTF-16 saved without a BOM: ASCII text then has a NUL in every other byte. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // Chinese characters such as 一 (U+4E00) put a NUL in the other byte now and then.
  return (oddNul >= pairs * 0.2 && evenNul * 10 < oddNul) || (evenNul >= pairs * 0.2 && oddNul * 10 < evenNul);
}

function failure(messageId: string, key: MessageKey, data: Record<string, string | number>, lang: Lang, at: { line: number; column: number }): { finding: Finding } {
  const position = { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 };
  return { finding: { ruleId: 'parse', messageId, message: t(lang, key, data), path: [], position } };
}

/** 1-based line and column (in UTF-16 code units, like the YAML locator) of a text offset. */
function textPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of a bad byte: lines by LF bytes, the column counts the valid characters before it. */
function bytePosition(bytes: Uint8Array, bad: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let start = lineStart;
  // A UTF-8 BOM is not a column.
  if (start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(start, bad));
  return { line, column: prefix.length + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points above U+10FFFF are invalid too.
    const d1 = b[i + 1]!;
    if ((c === 0xe0 && d1 < 0xa0) || (c === 0xed && d1 > 0x9f) || (c === 0xf0 && d1 < 0x90) || (c === 0xf4 && d1 > 0x8f)) return i;
    i += n + 1;
  }
  return i;
}
