/**
 * Fast path for YAML reports: a small parser for the plain subset reports are written in
 * (block mappings of identifier keys; plain, quoted and `|`/`|-` scalars; one-line flow
 * mappings of plain scalars; comments). It gives up (returns undefined) on anything else, and
 * then the caller uses the `yaml` package. Where it does not give up, its data and node ranges
 * are exactly those of `yaml` parseDocument (YAML 1.2 core schema, unique keys) — proved by
 * test/fast-path-differential.test.ts. It exists because the `yaml` Document API costs ~2 ms per
 * report and ~60 ms to load, which dominated both a batch of 10,000 files and a hook's start-up.
 */

import { LIMITS } from '../limits.js';

/** Source range of a node as `yaml` reports it: [start, value end, node end]. */
export interface RangedNode {
  range: [number, number, number];
  /** Mapping entries, in source order (only in ranges mode); the first of equal keys is kept. */
  entries?: { get(key: string): { key: [number, number]; value: RangedNode } | undefined };
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
 * UNUSUAL for UTF-8 bytes (src/parse/fast/fast-path.ts), given also as a one-byte string: controls
 * by a regular expression on the string, the multi-byte characters by byte search (faster
 * than one expression with alternatives: each search runs at memchr speed).
 */
export function unusualUtf8(bytes: Buffer, latin1: string, json = false): boolean {
  // JSON.parse itself rejects every control character but TAB, CR and LF (as whitespace) and
  // DEL (in strings): in JSON only those need looking for, at memchr speed.
  if (json ? bytes.includes(0x09) || bytes.includes(0x0d) || bytes.includes(0x7f) : CONTROL.test(latin1)) return true;
  // U+0080–U+009F: C2 80–C2 9F.
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1]!;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return UNUSUAL_SEQUENCES.some((seq) => bytes.includes(seq));
}
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

/** Parse `text`; undefined when it is outside the subset (then use the `yaml` package). */
export function fastYaml(text: string, withRanges = false, bytes?: Buffer): FastParsed | undefined {
  // Given `bytes`, `text` is those UTF-8 bytes one per character (src/parse/fast/fast-path.ts), and
  // the caller has checked unusualUtf8 on them.
  if (!bytes && UNUSUAL.test(text)) return undefined;
  KEYS_SEEN.length = 0;
  try {
    return new Parser(text, withRanges, bytes).parse();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** A plain scalar of decimal digits only: the core schema's int, without the regular expressions. */
function digitsValue(text: string, from: number, to: number): number | undefined {
  if (to - from > 15) return undefined;
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return to > from ? n : undefined;
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;

/**
 * A mapping's entries in ranges mode: parallel arrays, looked up by a scan (a report's mapping
 * has a few keys; a Map and an object per entry made the positions parse twice as slow).
 */
class Entries {
  private readonly keys: string[] = [];
  private readonly keyRanges: number[] = [];
  private readonly values: RangedNode[] = [];

  add(key: string, start: number, end: number, value: RangedNode): void {
    this.keys.push(key);
    this.keyRanges.push(start, end);
    this.values.push(value);
  }

  get(key: string): { key: [number, number]; value: RangedNode } | undefined {
    const i = this.keys.indexOf(key);
    return i === -1 ? undefined : { key: [this.keyRanges[2 * i]!, this.keyRanges[2 * i + 1]!], value: this.values[i]! };
  }
}

/** Line tables shared by every parse (one parse runs at a time): no arrays per file. */
let STARTS = new Int32Array(1024);
let ENDS = new Int32Array(1024);
let INDENTS = new Int32Array(1024);
/** 1: blank or comment-only, skipped between entries. */
let SKIPS = new Uint8Array(1024);

/**
 * The text is split into lines first (start, end, indent, and whether the line is blank or a
 * comment), held in shared typed arrays: no object per line. Values are returned as data; in
 * ranges mode (for positions, only for files with a diagnostic) each value's node is left in
 * `node` by the method that read it.
 */
class Parser {
  private readonly starts: Int32Array;
  /** Offset of the line's '\n' (or the text length). */
  private readonly ends: Int32Array;
  private readonly indents: Int32Array;
  private readonly skips: Uint8Array;
  private readonly count: number;
  private i = 0;
  private depth = 0;
  /** Ranges mode: the node of the value read last. */
  private node: RangedNode = { range: [0, 0, 0] };
  /** The end offset (yaml's node end) of the value read last. */
  private end = 0;

  constructor(
    private readonly text: string,
    private readonly withRanges: boolean,
    /** The UTF-8 bytes `text` holds one per character (latin1 mode), or undefined. */
    private readonly bytes: Buffer | undefined,
  ) {
    let start = 0;
    let count = 0;
    const n = text.length;
    while (start <= n) {
      if (count === STARTS.length) growLineTables();
      let end = text.indexOf('\n', start);
      if (end === -1) end = n;
      let k = start;
      while (k < end && text.charCodeAt(k) === SPACE) k++;
      // Document markers and directives (`---`, `...`, `%YAML`) at a line start: yaml's business.
      if (k === start && (text.charCodeAt(k) === 0x25 || text.startsWith('---', k) || text.startsWith('...', k))) giveUp();
      STARTS[count] = start;
      ENDS[count] = end;
      INDENTS[count] = k - start;
      SKIPS[count] = k === end || text.charCodeAt(k) === HASH ? 1 : 0;
      count++;
      start = end + 1;
    }
    this.count = count;
    this.starts = STARTS;
    this.ends = ENDS;
    this.indents = INDENTS;
    this.skips = SKIPS;
  }

  parse(): FastParsed {
    this.skipBlank();
    if (this.i >= this.count || this.indents[this.i] !== 0) giveUp();
    const data = this.blockMap(0);
    this.skipBlank();
    if (this.i < this.count) giveUp();
    return this.withRanges ? { data, root: this.node } : { data };
  }

  private skipBlank(): void {
    while (this.i < this.count && this.skips[this.i]) this.skipped(this.i++);
  }

  /** yaml counts an indented comment line into the node before it (its end offset): leave those to yaml. */
  private skipped(line: number): void {
    if (this.indents[line]! > 0 && this.starts[line]! + this.indents[line]! < this.ends[line]!) giveUp();
  }

  /** After the '\n' that ends line `line` (yaml's node end for a value that ends the line). */
  private lineEnd(line: number): number {
    return Math.min(this.ends[line]! + 1, this.text.length);
  }

  /**
   * A string value read from text[from, to): in latin1 mode decoded from those bytes when it
   * holds more than ASCII, else a copy that does not pin the text.
   */
  private str<T>(value: T, from: number, to: number): T {
    if (typeof value !== 'string') return value;
    return (this.bytes && NON_ASCII.test(value) ? this.bytes.toString('utf8', from, to) : own(value)) as T;
  }

  private blockMap(indent: number): Record<string, unknown> {
    // Nesting beyond the limit is the full parser's to report (src/parse/limits.ts).
    if (++this.depth >= LIMITS.depth) giveUp();
    const text = this.text;
    const data: Record<string, unknown> = {};
    const entries = this.withRanges ? new Entries() : undefined;
    let keys = 0;
    const base = KEYS_SEEN.length;
    let start = -1;
    let end = 0;
    for (;;) {
      this.skipBlank();
      const line = this.i;
      if (line >= this.count || this.indents[line]! < indent) break;
      if (this.indents[line]! > indent) giveUp();
      const lineEndAt = this.ends[line]!;
      const keyStart = this.starts[line]! + indent;
      const colon = identifierEnd(text, keyStart, lineEndAt);
      if (colon === -1 || text.charCodeAt(colon) !== COLON) giveUp();
      const key = keyAt(text, keyStart, colon);
      if (++keys > LIMITS.keys || colon - keyStart > 1024 || (NOT_STRING_START.has(text.charCodeAt(keyStart)) && NOT_STRING_KEY.test(key)) || seen(base, key)) giveUp();
      if (start === -1) start = keyStart;
      if (colon + 1 < lineEndAt && text.charCodeAt(colon + 1) !== SPACE) giveUp();
      let p = colon + 1;
      while (p < lineEndAt && text.charCodeAt(p) === SPACE) p++;
      let value: unknown;
      if (p === lineEndAt || text.charCodeAt(p) === HASH) {
        // `key:` with the value on the following, more indented lines.
        this.i++;
        this.skipBlank();
        const next = this.i;
        if (next >= this.count || this.indents[next]! <= indent) giveUp(); // empty value (null): leave it to yaml
        value = this.blockMap(this.indents[next]!);
      } else {
        value = this.inlineValue(line, p, indent);
      }
      data[key] = value;
      entries?.add(key, keyStart, colon, this.node);
      end = this.end;
    }
    this.depth--;
    KEYS_SEEN.length = base;
    this.end = end;
    if (this.withRanges) this.node = { range: [start, end, end], block: true, entries: entries! };
    return data;
  }

  /** A value that starts on its key's line, at offset p. Advances past its lines. */
  private inlineValue(line: number, p: number, indent: number): unknown {
    const text = this.text;
    const lineEndAt = this.ends[line]!;
    const c = text.charCodeAt(p);
    if (c === 0x7c /* | */) return this.literal(line, p, indent);
    let data: unknown;
    let rest: number;
    if (c === 0x7b /* { */) {
      const close = text.indexOf('}', p);
      if (close === -1 || close > lineEndAt) giveUp();
      data = this.flowMap(p, close, line);
      rest = close + 1;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const close = this.quoted(p, lineEndAt);
      // Ranges mode (positions only, for a text the data parse took) builds no values.
      if (!this.withRanges) {
        const inner = text.slice(p + 1, close);
        data = c === 0x27 ? this.str(inner, p + 1, close).replace(/''/g, "'") : this.str(inner, p + 1, close);
      }
      this.end = this.lineEnd(line);
      if (this.withRanges) this.node = { range: [p, close + 1, this.end] };
      rest = close + 1;
    } else {
      if (INDICATORS.has(c) && !(c === 0x2d /* - */ && /[0-9.]/.test(text[p + 1] ?? ''))) giveUp();
      // A comment needs a space before '#'; searched on this line only (a search through the
      // rest of the text would make a file quadratic).
      let stop = lineEndAt;
      for (let k = p + 1; k < lineEndAt; k++) {
        if (text.charCodeAt(k) === HASH && text.charCodeAt(k - 1) === SPACE) {
          stop = k - 1;
          break;
        }
      }
      let valueEnd = stop;
      while (valueEnd > p && text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      const number = digitsValue(text, p, valueEnd);
      if (number !== undefined) data = number;
      else {
        const raw = text.slice(p, valueEnd);
        // `a: b: c` is an error for yaml; a trailing ':' too.
        if (raw.includes(': ') || raw.endsWith(':')) giveUp();
        if (!this.withRanges) data = this.str(resolvePlain(raw), p, valueEnd);
      }
      this.end = this.lineEnd(line);
      if (this.withRanges) this.node = { range: [p, valueEnd, this.end] };
      rest = stop;
    }
    // After the value: only spaces and a comment (which needs a space before '#').
    let q = rest;
    while (q < lineEndAt && text.charCodeAt(q) === SPACE) q++;
    if (q < lineEndAt && !(text.charCodeAt(q) === HASH && q > rest)) giveUp();
    this.i++;
    this.noContinuation(indent);
    return data;
  }

  /** A value on one line is complete: a following more-indented content line would continue it. */
  private noContinuation(indent: number): void {
    let k = this.i;
    while (k < this.count && this.skips[k]) this.skipped(k++);
    if (k < this.count && this.indents[k]! > indent) giveUp();
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

  /**
   * `{ k: v, k2: v2 }` of plain scalars on one line, `close` being its '}'. Each entry is
   * ` *key: +value *` with an identifier key and a value without ':' (as the `yaml` package
   * reads them); anything else gives up.
   */
  private flowMap(p: number, close: number, line: number): Record<string, unknown> {
    const text = this.text;
    // A flow mapping is one level deeper (src/parse/limits.ts).
    if (this.depth + 1 >= LIMITS.depth) giveUp();
    const data: Record<string, unknown> = {};
    const entries = this.withRanges ? new Entries() : undefined;
    let keys = 0;
    const base = KEYS_SEEN.length;
    let k = p + 1;
    for (;;) {
      while (text.charCodeAt(k) === SPACE) k++;
      const keyStart = k;
      const keyEnd = identifierEnd(text, keyStart, close);
      if (keyEnd === -1 || text.charCodeAt(keyEnd) !== COLON || text.charCodeAt(keyEnd + 1) !== SPACE) giveUp();
      const key = keyAt(text, keyStart, keyEnd);
      if (++keys > LIMITS.keys || (NOT_STRING_START.has(text.charCodeAt(keyStart)) && NOT_STRING_KEY.test(key)) || seen(base, key)) giveUp();
      k = keyEnd + 1;
      while (text.charCodeAt(k) === SPACE) k++;
      const valueStart = k;
      // The value runs to the next ',' or the '}'; it may not hold ':' or flow/quote/comment characters.
      while (k < close) {
        const ch = text.charCodeAt(k);
        if (ch === 0x2c /* , */) break;
        if (FLOW_FORBIDDEN.has(ch)) giveUp();
        k++;
      }
      let valueEnd = k;
      while (valueEnd > valueStart && text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      if (valueEnd === valueStart) giveUp();
      const first = text.charCodeAt(valueStart);
      if (INDICATORS.has(first) && !(first === 0x2d && /[0-9.]/.test(text[valueStart + 1] ?? ''))) giveUp();
      if (!this.withRanges) {
        const number = digitsValue(text, valueStart, valueEnd);
        data[key] = number !== undefined ? number : this.str(resolvePlain(text.slice(valueStart, valueEnd)), valueStart, valueEnd);
      }
      // Only range[0..1] of a flow entry is ever used (locate); range[2] is not yaml's exact node end.
      entries?.add(key, keyStart, keyEnd, { range: [valueStart, valueEnd, valueEnd] });
      if (k >= close) break;
      k++; // ','
    }
    KEYS_SEEN.length = base;
    this.end = this.lineEnd(line);
    if (this.withRanges) this.node = { range: [p, close + 1, this.end], entries: entries! };
    return data;
  }

  /** `|` or `|-` literal block scalar. */
  private literal(line: number, p: number, indent: number): unknown {
    const text = this.text;
    const header = text.slice(p, this.ends[line]);
    if (header !== '|' && header !== '|-') giveUp();
    this.i++;
    const first = this.i;
    const blank = (l: number) => this.indents[l] === this.ends[l]! - this.starts[l]!;
    // Leading blank lines, an empty block or a missing final newline: leave them to yaml.
    if (first >= this.count || this.starts[first] === this.ends[first] || blank(first) || this.indents[first]! <= indent) giveUp();
    const blockIndent = this.indents[first]!;
    let lastContent = this.i;
    /** A blank line shorter than the indentation inside the block (its spaces are not content). */
    let ragged = false;
    for (; this.i < this.count; this.i++) {
      const l = this.i;
      if (blank(l)) {
        const length = this.ends[l]! - this.starts[l]!;
        if (length > blockIndent) giveUp();
        if (length > 0 && length < blockIndent) ragged = true;
        continue;
      }
      if (this.indents[l]! < blockIndent) break;
      lastContent = this.i;
    }
    if (this.ends[lastContent] === text.length) giveUp();
    const lines = lastContent + 1;
    this.i = lines;
    const from = this.starts[first]! + blockIndent;
    const to = this.ends[lastContent]!;
    const keep = header === '|' ? '\n' : '';
    let value = '';
    if (this.withRanges) {
      // Positions only: no value.
    } else if (!ragged) {
      // The lines as they stand, less each line's indentation: one slice (in latin1 mode, one
      // UTF-8 decode of those bytes) instead of a string per line.
      const raw = this.bytes ? this.bytes.toString('utf8', from, to) : text.slice(from, to);
      value = raw.replaceAll(`\n${' '.repeat(blockIndent)}`, '\n') + keep;
      if (!this.bytes) value = own(value);
    } else {
      const content: string[] = [];
      for (let l = first; l < lines; l++) content.push(blank(l) ? '' : text.slice(this.starts[l]! + blockIndent, this.ends[l]));
      value = content.join('\n') + keep;
      value = this.bytes && NON_ASCII.test(value) ? utf8Of(value) : own(value);
    }
    const end = to + 1;
    this.end = end;
    if (this.withRanges) this.node = { range: [p, end, end] };
    return value;
  }
}

function growLineTables(): void {
  const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  STARTS = grow(STARTS);
  ENDS = grow(ENDS);
  INDENTS = grow(INDENTS);
  SKIPS = grow(SKIPS);
}

/** Plain-scalar first characters that are YAML indicators: - ? : , [ ] { } # & * ! | > % @ ` */
const INDICATORS = charTable('-?:,[]{}#&*!|>%@`');
/** Characters a flow entry may not hold here: nested flow, quotes, comments, ':' inside a value. */
const FLOW_FORBIDDEN = charTable('{[]#\'":');
/** First characters of null, true, false and __proto__ (checked with NOT_STRING_KEY). */
const NOT_STRING_START = charTable('nNtTfF_');

/** A lookup table of ASCII characters, `has(code)` by index (cheaper than a Set in the per-character loops). */
function charTable(chars: string): { has(code: number): boolean } {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return { has: (code) => code < 128 && table[code] === 1 };
}

/**
 * The keys of the mappings being read, innermost last; a mapping's own keys start at the
 * index it noted on entry. Keys are V8's internalized strings (keyAt), so equal keys are the
 * same string and a scan of a few entries finds a duplicate faster than a property lookup
 * on the half-built object.
 */
const KEYS_SEEN: string[] = [];

/** A duplicate key in the mapping whose keys start at `base`; records `key` otherwise. */
function seen(base: number, key: string): boolean {
  for (let k = base; k < KEYS_SEEN.length; k++) if (KEYS_SEEN[k] === key) return true;
  KEYS_SEEN.push(key);
  return false;
}

/** Hash of the identifier identifierEnd scanned last (for keyAt). */
let lastKeyHash = 0;

/**
 * End of the identifier key ([A-Za-z_$][\w$-]*) that starts at `from`, or -1 when none starts
 * there; the key must end before `limit`.
 */
function identifierEnd(text: string, from: number, limit: number): number {
  let k = from;
  const c = text.charCodeAt(k);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36)) return -1;
  // FNV-1a, for keyAt's cache (with a direct-mapped cache and a `31 * h + c` hash, keys of
  // every report evicted each other: ~5 misses per report, each a new string).
  let hash = Math.imul(0x811c9dc5 ^ c, 0x01000193);
  for (k++; k < limit; k++) {
    const d = text.charCodeAt(k);
    if (!((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d === 36 || d === 45)) break;
    hash = Math.imul(hash ^ d, 0x01000193);
  }
  lastKeyHash = hash ^ (hash >>> 15);
  return k < limit ? k : -1;
}

/**
 * The key text[start, end) as a string, the same string object as last time the same key was
 * read: reports repeat the same few dozen keys in every file, and a string V8 has already
 * used as a property name is found without hashing it again (most of the parser's time
 * went to that). The cached string is V8's own copy, never a slice holding on to a file's text.
 */
const KEY_CACHE: (string | undefined)[] = new Array<string | undefined>(4096).fill(undefined);
function keyAt(text: string, start: number, end: number): string {
  // Up to four neighbouring slots (two keys may share a hash slot: both stay cached).
  let free = -1;
  for (let probe = 0; probe < 4; probe++) {
    const slot = (lastKeyHash + probe) & 4095;
    const cached = KEY_CACHE[slot];
    if (cached === undefined) {
      free = slot;
      break;
    }
    // (Measured: a slice and === beat a loop over charCodeAt, and startsWith with a position.)
    if (cached.length === end - start && text.slice(start, end) === cached) return cached;
  }
  // The string V8 keeps for this property name (a flat copy, not a slice of the text).
  const key = Object.keys({ [text.slice(start, end)]: 0 })[0]!;
  KEY_CACHE[free === -1 ? lastKeyHash & 4095 : free] = key;
  return key;
}
