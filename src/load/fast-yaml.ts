/**
 * Fast path for YAML reports: a small parser for the plain subset reports are written in
 * (block mappings of identifier keys; plain, quoted and `|`/`|-` scalars; one-line flow
 * mappings of plain scalars; comments). It gives up (returns undefined) on anything else, and
 * then the caller uses the `yaml` package. Where it does not give up, its data and node ranges
 * are exactly those of `yaml` parseDocument (YAML 1.2 core schema, unique keys) — proved by
 * test/fast-path-differential.test.ts. It exists because the `yaml` Document API costs ~2 ms per
 * report and ~60 ms to load, which dominated both a batch of 10,000 files and a hook's start-up.
 */

import { LIMITS } from './limits.js';

/** Source range of a node as `yaml` reports it: [start, value end, node end]. */
export interface RangedNode {
  range: [number, number, number];
  /** Mapping entries, in source order (only in ranges mode). */
  entries?: Map<string, { key: [number, number]; value: RangedNode }>;
  /** A block (not flow) mapping. */
  block?: boolean;
  /** A sequence's items (JSON arrays only). */
  items?: RangedNode[];
}

export interface FastParsed {
  data: Record<string, unknown>;
  /** Present when parsed with ranges. */
  root?: RangedNode;
}

/** Characters the subset never contains (tabs, CR, controls, BOM, line/paragraph separators). */
export const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;
const UNUSUAL_SEQUENCES = [[0xe2, 0x80, 0xa8], [0xe2, 0x80, 0xa9], [0xef, 0xbb, 0xbf], [0xef, 0xbf, 0xbe], [0xef, 0xbf, 0xbf]].map((s) => Buffer.from(s));

/**
 * UNUSUAL for UTF-8 bytes (src/load/fast-path.ts), given also as a one-byte string: controls
 * by a regular expression on the string, the multi-byte characters by byte search (faster
 * than one expression with alternatives: each search runs at memchr speed).
 */
export function unusualUtf8(bytes: Buffer, latin1: string): boolean {
  if (CONTROL.test(latin1)) return true;
  // U+0080–U+009F: C2 80–C2 9F.
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1]!;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return UNUSUAL_SEQUENCES.some((seq) => bytes.includes(seq));
}
const KEY = /^[A-Za-z_$][\w$-]*$/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;

/**
 * A string value that does not keep the whole source text alive: V8 makes slices of long
 * strings point into their parent, and a run that keeps a summary per file (cross-year
 * pairing) would then hold every file's text.
 */
function own<T>(value: T): T {
  return typeof value === 'string' && value.length >= 13 ? ((' ' + value).slice(1) as T) : value;
}

const NON_ASCII = /[\x80-\xff]/;
/** A string read from UTF-8 bytes held one byte per character, as the text it stands for. */
export function utf8Of(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

class GiveUp {}
const GIVE_UP = new GiveUp();
const giveUp = (): never => {
  throw GIVE_UP;
};

/** The core schema's tags for plain scalars, tried in the `yaml` package's order. */
export function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

interface Line {
  start: number;
  /** Offset of the line's '\n' (or text length). */
  end: number;
  indent: number;
  /** Blank or comment-only: skipped between entries. */
  skip: boolean;
}

/** Parse `text`; undefined when it is outside the subset (then use the `yaml` package). */
export function fastYaml(text: string, withRanges = false, latin1 = false): FastParsed | undefined {
  // In latin1 mode the caller has checked UNUSUAL_UTF8 on the bytes.
  if ((!latin1 && UNUSUAL.test(text)) || /^(?:---|\.\.\.|%)/m.test(text)) return undefined;
  try {
    return new Parser(text, withRanges, latin1).parse();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class Parser {
  private readonly lines: Line[] = [];
  private i = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly withRanges: boolean,
    private readonly latin1: boolean,
  ) {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = start + indent < end ? text[start + indent] : undefined;
      this.lines.push({ start, end, indent, skip: first === undefined || first === '#' });
      start = end + 1;
    }
  }

  parse(): FastParsed {
    this.skipBlank();
    const line = this.lines[this.i];
    if (!line || line.indent !== 0) giveUp();
    const root = this.blockMap(0);
    this.skipBlank();
    if (this.i < this.lines.length) giveUp();
    return this.withRanges ? { data: root.data, root: root.node } : { data: root.data };
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && this.lines[this.i]!.skip) this.skipped(this.lines[this.i++]!);
  }

  /** yaml counts an indented comment line into the node before it (its end offset): leave those to yaml. */
  private skipped(line: Line): void {
    if (line.indent > 0 && line.start + line.indent < line.end) giveUp();
  }

  /** After the '\n' that ends line `line` (yaml's node end for a value that ends the line). */
  private lineEnd(line: Line): number {
    return Math.min(line.end + 1, this.text.length);
  }

  /** A string value: decoded from UTF-8 in latin1 mode, else a copy that does not pin the text. */
  private str<T>(value: T): T {
    if (typeof value !== 'string') return value;
    return (this.latin1 && NON_ASCII.test(value) ? utf8Of(value) : own(value)) as T;
  }

  private blockMap(indent: number): { data: Record<string, unknown> & object; node: RangedNode } {
    // Nesting beyond the limit is the full parser's to report (src/load/limits.ts).
    if (++this.depth >= LIMITS.depth) giveUp();
    const data: Record<string, unknown> = {};
    let keys = 0;
    const entries = this.withRanges ? new Map<string, { key: [number, number]; value: RangedNode }>() : undefined;
    let start = -1;
    let end = 0;
    for (;;) {
      this.skipBlank();
      const line = this.lines[this.i];
      if (!line || line.indent < indent) break;
      if (line.indent > indent) giveUp();
      const text = this.text;
      const keyStart = line.start + indent;
      const colon = text.indexOf(':', keyStart);
      if (colon === -1 || colon > line.end) giveUp();
      const key = text.slice(keyStart, colon);
      if (++keys > LIMITS.keys || key.length > 1024 || !KEY.test(key) || NOT_STRING_KEY.test(key) || Object.prototype.hasOwnProperty.call(data, key)) giveUp();
      if (start === -1) start = keyStart;
      const after = text[colon + 1];
      if (colon + 1 < line.end && after !== ' ') giveUp();
      let p = colon + 1;
      while (p < line.end && text.charCodeAt(p) === 32) p++;
      let value: { data: unknown; node: RangedNode };
      if (p === line.end || text[p] === '#') {
        // `key:` with the value on the following, more indented lines.
        this.i++;
        this.skipBlank();
        const next = this.lines[this.i];
        if (!next || next.indent <= indent) giveUp(); // empty value (null): leave it to yaml
        value = this.blockMap(next!.indent);
      } else {
        value = this.inlineValue(line, p, indent);
      }
      data[key] = value.data;
      entries?.set(key, { key: [keyStart, colon], value: value.node });
      end = value.node.range[2];
    }
    this.depth--;
    return { data, node: { range: [start, end, end], block: true, ...(entries ? { entries } : {}) } };
  }

  /** A value that starts on its key's line, at offset p. Advances past its lines. */
  private inlineValue(line: Line, p: number, indent: number): { data: unknown; node: RangedNode } {
    const text = this.text;
    const c = text[p]!;
    if (c === '|') return this.literal(line, p, indent);
    let result: { data: unknown; node: RangedNode };
    let rest: number;
    if (c === '{') {
      const flow = this.flowMap(p, line.end);
      result = flow.value;
      rest = flow.after;
    } else if (c === '"' || c === "'") {
      const close = this.quoted(p, line.end);
      const inner = text.slice(p + 1, close);
      const data = c === "'" ? inner.replace(/''/g, "'") : inner;
      result = { data: this.str(data), node: { range: [p, close + 1, this.lineEnd(line)] } };
      rest = close + 1;
    } else {
      if ('-?:,[]{}#&*!|>%@`'.includes(c) && !(c === '-' && /[0-9.]/.test(text[p + 1] ?? ''))) giveUp();
      // Search this line only (a search through the rest of the text would make a file quadratic).
      const comment = text.substring(p, line.end).indexOf(' #');
      const stop = comment === -1 ? line.end : p + comment;
      let valueEnd = stop;
      while (valueEnd > p && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
      const raw = text.slice(p, valueEnd);
      // `a: b: c` is an error for yaml; a trailing ':' too.
      if (raw.includes(': ') || raw.endsWith(':')) giveUp();
      result = { data: this.str(resolvePlain(raw)), node: { range: [p, valueEnd, this.lineEnd(line)] } };
      rest = stop;
    }
    // After the value: only spaces and a comment (which needs a space before '#').
    let q = rest;
    while (q < line.end && text.charCodeAt(q) === 32) q++;
    if (q < line.end && !(text[q] === '#' && q > rest)) giveUp();
    this.i++;
    this.noContinuation(indent);
    return result;
  }

  /** A value on one line is complete: a following more-indented content line would continue it. */
  private noContinuation(indent: number): void {
    let k = this.i;
    while (k < this.lines.length && this.lines[k]!.skip) this.skipped(this.lines[k++]!);
    const next = this.lines[k];
    if (next && next.indent > indent) giveUp();
  }

  private quoted(p: number, lineEnd: number): number {
    const text = this.text;
    const quote = text[p]!;
    let q = p + 1;
    for (;;) {
      const close = text.indexOf(quote, q);
      if (close === -1 || close >= lineEnd) giveUp();
      if (quote === '"') {
        if (text.slice(p + 1, close).includes('\\')) giveUp();
        return close;
      }
      if (text[close + 1] === "'") {
        q = close + 2;
        continue;
      }
      return close;
    }
  }

  /** `{ k: v, k2: v2 }` of plain scalars on one line. */
  private flowMap(p: number, lineEnd: number): { value: { data: unknown; node: RangedNode }; after: number } {
    const text = this.text;
    const close = text.indexOf('}', p);
    if (close === -1 || close > lineEnd) giveUp();
    const body = text.slice(p + 1, close);
    if (/[{[\]#'"]/.test(body)) giveUp();
    const data: Record<string, unknown> = {};
    const entries = this.withRanges ? new Map<string, { key: [number, number]; value: RangedNode }>() : undefined;
    const parts = body.split(',');
    // A flow mapping is one level deeper, and its entries count as nodes (src/load/limits.ts).
    if (parts.length > LIMITS.keys || this.depth + 1 >= LIMITS.depth) giveUp();
    let offset = p + 1;
    for (const part of parts) {
      const m = /^( *)([A-Za-z_$][\w$-]*): +([^ ](?:[^:]*[^ :])?) *$/.exec(part);
      if (!m) giveUp();
      const [, lead, key, raw] = m!;
      if (NOT_STRING_KEY.test(key!) || Object.prototype.hasOwnProperty.call(data, key!)) giveUp();
      const first = raw![0]!;
      if ('-?:,[]{}#&*!|>%@`'.includes(first) && !(first === '-' && /[0-9.]/.test(raw![1] ?? ''))) giveUp();
      data[key!] = this.str(resolvePlain(raw!));
      if (entries) {
        const keyStart = offset + lead!.length;
        const valueStart = offset + part.indexOf(raw!, lead!.length + key!.length + 1);
        const valueEnd = valueStart + raw!.length;
        // Only range[0..1] of a flow entry is ever used (locate); range[2] is not yaml's exact node end.
        entries.set(key!, { key: [keyStart, keyStart + key!.length], value: { range: [valueStart, valueEnd, valueEnd] } });
      }
      offset += part.length + 1;
    }
    return { value: { data, node: { range: [p, close + 1, this.lineEnd(this.lines[this.i]!)], ...(entries ? { entries } : {}) } }, after: close + 1 };
  }

  /** `|` or `|-` literal block scalar. */
  private literal(line: Line, p: number, indent: number): { data: unknown; node: RangedNode } {
    const text = this.text;
    const header = text.slice(p, line.end);
    if (header !== '|' && header !== '|-') giveUp();
    this.i++;
    const first = this.lines[this.i];
    // Leading blank lines, an empty block or a missing final newline: leave them to yaml.
    if (!first || first.start === first.end || first.indent === first.end - first.start || first.indent <= indent) giveUp();
    const blockIndent = first!.indent;
    const content: string[] = [];
    let lastContent = this.i;
    for (; this.i < this.lines.length; this.i++) {
      const l = this.lines[this.i]!;
      const blank = l.indent === l.end - l.start;
      if (blank) {
        if (l.end - l.start > blockIndent) giveUp();
        content.push('');
        continue;
      }
      if (l.indent < blockIndent) break;
      content.push(text.slice(l.start + blockIndent, l.end));
      lastContent = this.i;
    }
    const last = this.lines[lastContent]!;
    if (last.end === text.length) giveUp();
    content.length = lastContent - (this.i - content.length) + 1;
    this.i = lastContent + 1;
    const value = content.join('\n') + (header === '|' ? '\n' : '');
    const end = last.end + 1;
    return { data: this.str(value), node: { range: [p, end, end] } };
  }
}
