/**
 * Where the cursor is in the report's tree: the path of the key or value under it, and the
 * mapping around it. Read from the `yaml` Document of the full parser (src/parse/parse.ts, with
 * the limits of src/parse/limits.ts), which keeps a tree even for half-typed text.
 */
import type { Document, Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../parse/fast-lazy-yaml.js';
import { parseText } from '../parse/parse.js';
import type { Lang } from '../types.js';

export type Segment = string | number;

export interface Syntax {
  doc: Document.Parsed;
}

/** The text's Document, or undefined when it is over a limit (the diagnostics say so). */
export function syntaxOf(text: string, kind: 'yaml' | 'json', lang: Lang): Syntax | undefined {
  try {
    const parsed = parseText(text.charCodeAt(0) === 0xfeff ? '\n' + text.slice(1) : text, kind, lang);
    return parsed.doc ? { doc: parsed.doc } : undefined;
  } catch {
    return undefined;
  }
}

export interface PathAt {
  path: Segment[];
  /** Whether the cursor is on the key rather than the value. */
  onKey: boolean;
  /** Source range of the key or value under the cursor. */
  range: [number, number];
}

/** The deepest key or value whose source contains `offset` (its end included: the cursor after `12`). */
export function pathAt(doc: Document.Parsed, offset: number): PathAt | undefined {
  let node: unknown = doc.contents;
  const path: Segment[] = [];
  let found: PathAt | undefined;
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(keyNode(p), offset) || contains(p.value as Node | null, offset));
      if (!pair || !isScalar(pair.key)) return found;
      path.push(keySegment(pair));
      if (contains(keyNode(pair), offset)) return { path: [...path], onKey: true, range: rangeOf(keyNode(pair)!) };
      node = pair.value;
      found = { path: [...path], onKey: false, range: rangeOf(node as Node) };
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node, offset));
      if (index < 0) return found;
      path.push(index);
      node = node.items[index];
      found = { path: [...path], onKey: false, range: rangeOf(node as Node) };
    } else return found;
  }
  return found;
}

/** The path of a key written as `__rl__` (completion's marker) and the keys beside it. */
export function markerPath(doc: Document.Parsed, marker: string): { parent: Segment[]; siblings: string[] } | undefined {
  const visit = (node: unknown, path: Segment[], depth: number): { parent: Segment[]; siblings: string[] } | undefined => {
    if (depth > 64) return undefined;
    if (isMap(node)) {
      const keys = node.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as { value: unknown }).value));
      if (keys.includes(marker)) return { parent: path, siblings: keys.filter((k) => k !== marker) };
      for (const p of node.items) {
        if (!isScalar(p.key)) continue;
        const hit = visit(p.value, [...path, keySegment(p)], depth + 1);
        if (hit) return hit;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const hit = visit(node.items[i], [...path, i], depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return visit(doc.contents, [], 0);
}

const keyNode = (p: Pair<unknown, unknown>): Node | null => (isPair(p) && p.key && typeof p.key === 'object' ? (p.key as Node) : null);
const keySegment = (p: Pair<unknown, unknown>): string => String((p.key as { value: unknown }).value);

function contains(node: Node | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && r[0] <= offset && offset <= r[1] && r[1] > r[0];
}

function rangeOf(node: Node | null | undefined): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [0, 0];
}
