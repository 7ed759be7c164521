import type { JsonPath, Position } from '../types.js';
import { fastJson, jsonRanges } from './fast-json.js';
import { fastYaml, type RangedNode } from './fast-yaml.js';

/**
 * The fast parse path (issue 6): data without building a `yaml` Document, and positions for
 * the few values that get a diagnostic. Undefined when the text is outside what the fast
 * parsers are sure about; then loadReport uses the `yaml` Document API as before.
 */
export interface FastLoaded {
  data: Record<string, unknown>;
  /** Same answer as load/locate.ts gives on the `yaml` Document of the same text. */
  locate(path: JsonPath, atKey?: boolean): Position;
}

let enabled = true;
/** Tests turn the fast path off to compare; nothing else should. */
export function setFastPath(on: boolean): void {
  enabled = on;
}

export function fastLoad(text: string, kind: 'yaml' | 'json'): FastLoaded | undefined {
  if (!enabled) return undefined;
  const data = kind === 'json' ? fastJson(text) : fastYaml(text)?.data;
  if (data === undefined) return undefined;
  let root: RangedNode | undefined;
  let lineStarts: number[] | undefined;
  return {
    data,
    locate(path, atKey = false) {
      root ??= kind === 'json' ? jsonRanges(text) : fastYaml(text, true)!.root!;
      lineStarts ??= lineStartsOf(text);
      return locateIn(root, lineStarts, path, atKey);
    },
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** yaml's LineCounter.linePos over the same line starts. */
function linePos(starts: number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (starts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - starts[low - 1]! + 1 };
}

/** load/locate.ts on ranged nodes (keep the two in step; the differential test compares them): a missing key is located at its closest existing ancestor. */
function locateIn(root: RangedNode, starts: number[], path: JsonPath, atKey: boolean): Position {
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
  const start = linePos(starts, range[0]!);
  const end = linePos(starts, Math.max(range[1]!, range[0]!));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * A LoadedReport (src/lint.ts) from the fast path. `parsed` (the `yaml` Document, for --fix and
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
