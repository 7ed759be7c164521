import type { Document, LineCounter } from 'yaml';
import { isScalar, Scalar } from '../../parse/fast-lazy-yaml.js';
import type { JsonPath, Position } from '../../types.js';

/**
 * The position of character `offset` of the string at `path`, so a prose finding points at its
 * sentence rather than at the start of a long text. Worked out for block literals (`|`), whose
 * lines are the value's lines, and for one-line quoted or plain scalars (JSON strings too) when no
 * escape precedes the offset; anything else (folded `>`, escapes) returns undefined and the
 * caller points at the scalar itself. Every result is checked against the source character.
 */
export function locateInText(doc: Document.Parsed, lineCounter: LineCounter, source: string, path: JsonPath, offset: number): Position | undefined {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const value = node.value;
  if (offset < 0 || offset >= value.length) return undefined;
  let at: number | undefined;
  if (node.type === Scalar.BLOCK_LITERAL) {
    const contentStart = source.indexOf('\n', node.range[0]) + 1;
    if (contentStart === 0) return undefined;
    const indent = /^( *)\S/m.exec(source.slice(contentStart, node.range[1]))?.[1]!.length ?? 0;
    const before = value.slice(0, offset).split('\n');
    const lineStart = nthLineStart(source, contentStart, before.length - 1);
    if (lineStart !== undefined) at = lineStart + indent + before[before.length - 1]!.length;
  } else if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.PLAIN) {
    const start = node.range[0] + (node.type === Scalar.PLAIN ? 0 : 1);
    if (source.slice(start, start + offset) === value.slice(0, offset)) at = start + offset;
  }
  if (at === undefined || source[at] !== value[offset]) return undefined;
  const p = lineCounter.linePos(at);
  return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col + 1 };
}

function nthLineStart(source: string, from: number, n: number): number | undefined {
  let at = from;
  for (let i = 0; i < n; i++) {
    const next = source.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
  }
  return at;
}
