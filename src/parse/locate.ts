import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './fast-lazy-yaml.js';
import type { JsonPath, Position } from '../types.js';

/**
 * Turn a data path into a source position. A path that does not exist (a missing key) is
 * located at its closest existing ancestor, which is where the key has to be added.
 */
export function locate(doc: Document.Parsed, lineCounter: LineCounter, path: JsonPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let range = (node as Node | null)?.range ?? [0, 0, 0];
  for (const seg of path) {
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        keyNode = pair.key as Node;
        next = pair.value ?? undefined;
        // `key:` with nothing after it: point at the key, not at an empty stretch after the colon.
        if (!next || isEmptyScalar(next)) next = keyNode;
      }
    } else if (isSeq(node)) {
      next = node.items[Number(seg)];
    }
    if (!next) break;
    node = next;
    range = (node as Node).range ?? range;
  }
  // A block mapping starts at its first key's line; the clerk knows it by its own key (`received:`).
  const blockCollection = (isMap(node) || isSeq(node)) && !node.flow;
  if ((atKey || blockCollection) && keyNode?.range) range = keyNode.range;
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(Math.max(range[1], range[0]));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}
