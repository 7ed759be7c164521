import { isUtf8 } from 'node:buffer';
import type { JsonPath, Position } from '../../types.js';
import { fastJson, jsonRanges } from './fast-json.js';
import { fastYaml, unusualUtf8, type RangedNode } from './fast-yaml.js';
import { LIMITS } from '../limits.js';

/**
 * The fast parse path: data without building a `yaml` Document, and positions for the few
 * values that get a diagnostic (why and how much it saves: README "Performance",
 * bench/NOTES.md). Undefined when the text is outside what the fast parsers are sure about;
 * then loadReport uses the `yaml` Document API as before.
 */
export interface FastLoaded {
  data: Record<string, unknown>;
  /** Same answer as src/parse/locate.ts gives on the `yaml` Document of the same text. */
  locate(path: JsonPath, atKey?: boolean): Position;
}

let enabled = true;
/** Tests turn the fast path off to compare; nothing else should. */
export function setFastPath(on: boolean): void {
  enabled = on;
}

/**
 * Data from the fast parsers, or undefined when they are not sure. Bytes are read without a
 * UTF-8 decode (see bytesAsLatin1); a string is taken as it is.
 *
 * The resource limits (src/parse/limits.ts) hold here without `prescan`: a text shorter than
 * LIMITS.nodes characters cannot have more nodes than that, and the parsers give up beyond
 * LIMITS.depth, LIMITS.keys and LIMITS.items themselves; the full parser then reports the
 * limit at its position.
 */
export function fastLoad(source: string | Uint8Array, kind: 'yaml' | 'json'): FastLoaded | undefined {
  if (!enabled || source.length >= LIMITS.nodes) return undefined;
  let text: string;
  /** The UTF-8 bytes `text` holds one per character (after a BOM), or undefined for a decoded text. */
  let bytes: Buffer | undefined;
  if (typeof source === 'string') text = source;
  else {
    bytes = withoutBom(source);
    const latin1 = bytesAsLatin1(bytes, kind);
    if (latin1 === undefined) return undefined;
    text = latin1;
  }
  // A JSON escape such as \u4e2d gives a character that is not a UTF-8 byte: decode first.
  if (bytes && kind === 'json' && text.includes('\\u')) {
    text = bytes.toString('utf8');
    bytes = undefined;
  }
  const data = kind === 'json' ? fastJson(text, bytes !== undefined) : fastYaml(text, false, bytes)?.data;
  if (data === undefined) return undefined;
  let root: RangedNode | undefined;
  let lineStarts: number[] | undefined;
  return {
    data,
    locate(path, atKey = false) {
      // Ranges from the same one-byte text; lines are the same in bytes and characters, and a
      // column counts UTF-16 code units, so in latin1 mode it is counted over the line's bytes.
      if (root === undefined) {
        root = kind === 'json' ? jsonRanges(text) : fastYaml(text, true, bytes)!.root!;
        lineStarts = lineStartsOf(text);
      }
      return locateIn(root!, lineStarts!, path, atKey, bytes);
    },
  };
}

/**
 * The bytes of a UTF-8 file as a one-byte (Latin-1) string, one character per byte: no UTF-8
 * decode, and the parsers scan one-byte strings faster. Every byte of a multi-byte character
 * is >= 0x80, so no such byte can be taken for YAML or JSON syntax; the parsers decode the
 * few strings that hold such bytes (Chinese text) as UTF-8. Undefined when the bytes are not
 * valid UTF-8 or hold a character the fast parsers leave to the `yaml` package (unusualUtf8).
 */
function bytesAsLatin1(bytes: Buffer, kind: 'yaml' | 'json'): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  const text = bytes.toString('latin1');
  return unusualUtf8(bytes, text, kind === 'json') ? undefined : text;
}

/** The bytes after a UTF-8 BOM (decodeSource drops it too), as a Buffer. */
function withoutBom(bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * yaml's LineCounter.linePos over the same line starts. With `utf8` (the text is those bytes one
 * per character) the column counts the UTF-16 code units of the line's characters before it.
 */
function linePos(starts: number[], offset: number, utf8?: Buffer): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (starts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  const lineStart = starts[low - 1]!;
  return { line: low, col: (utf8 ? utf16Length(utf8, lineStart, offset) : offset - lineStart) + 1 };
}

/** UTF-16 code units of the UTF-8 characters in bytes [from, to): one per lead byte, two from four-byte ones. */
function utf16Length(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** src/parse/locate.ts on ranged nodes (keep the two in step; the differential test compares them): a missing key is located at its closest existing ancestor. */
function locateIn(root: RangedNode, starts: number[], path: JsonPath, atKey: boolean, utf8?: Buffer): Position {
  let node = root;
  let range: readonly number[] = root.range;
  let keyRange: [number, number] | undefined;
  for (const seg of path) {
    keyRange = undefined;
    let next: RangedNode | undefined;
    if (node.entries) {
      const entry = node.entries.get(String(seg));
      if (entry) {
        keyRange = entry.key;
        next = entry.value;
      }
    } else if (node.items) {
      next = node.items[Number(seg)];
    }
    if (!next) break;
    node = next;
    range = node.range;
  }
  // As locate.ts: a block mapping is pointed at by its own key.
  if ((atKey || node.block) && keyRange) range = keyRange;
  const start = linePos(starts, range[0]!, utf8);
  const end = linePos(starts, Math.max(range[1]!, range[0]!), utf8);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * A LoadedReport (src/check/lint.ts) from the fast path. `parsed` (the `yaml` Document, for --fix and
 * text positions) is computed only if something asks for it.
 */
export function fastLoaded<P>(fast: FastLoaded, parse: () => P): { data: unknown; findings: never[]; locate: FastLoaded['locate']; readonly parsed: P } {
  let parsed: P | undefined;
  return {
    data: fast.data,
    findings: [],
    locate: fast.locate,
    get parsed() {
      return (parsed ??= parse());
    },
  };
}
