import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './fast-lazy-yaml.js';
import { t } from '../i18n/index.js';
import type { Finding, Lang, Position } from '../types.js';

/**
 * Resource limits on a parsed document. A real report is a few levels deep with a few dozen
 * keys per table; these limits are far above that and far below what makes the later stages
 * (schema validation, locating each diagnostic) slow. A document over a limit gets one
 * `parse` diagnostic and no further checks, so it never comes out clean.
 */
export const LIMITS = {
  /** Nesting depth of mappings and lists. */
  depth: 64,
  /** Keys in one mapping. */
  keys: 1000,
  /** Items in one list. */
  items: 10_000,
  /** Duplicate-key diagnostics per file; the rest add nothing. */
  duplicates: 100,
  /**
   * Lines plus flow-collection items, counted before parsing. The YAML parser spends tens of
   * microseconds per node, so this bounds its time; a report has a few hundred lines.
   */
  nodes: 200_000,
  /** Alias expansions: more than any real report needs; beyond it a file is a resource attack. */
  aliases: 100,
} as const;

export interface PrescanProblem {
  messageId: 'tooDeep' | 'tooManyNodes';
  message: string;
  position: Position;
}

/**
 * A linear pass over the text before the YAML parser sees it. The parser's time and memory
 * grow with nesting (10 MB of `[` exhausts the heap) and with the number of nodes, so both
 * are bounded here: block nesting (by indentation, and `- - - x`, `a: b: c:` on one line),
 * flow nesting (`[`, `{`) inside it, and lines plus flow items. Quoted strings, comments and
 * block scalars (`|`, `>`) are skipped so that brackets in text do not count.
 *
 * Nesting is counted as structureFindings counts it, and reported at the same place: the
 * first collection more than LIMITS.depth levels deep. Were deep block nesting left to the
 * parser, where it gives up would depend on the JavaScript stack (a worker thread has a
 * smaller one than the main thread), and so would the line reported.
 */
export function prescan(text: string, lang: Lang, nodeLimit: number = LIMITS.nodes): PrescanProblem | undefined {
  const n = text.length;
  const fail = (messageId: PrescanProblem['messageId'], offset: number): PrescanProblem => {
    const message = messageId === 'tooDeep' ? t(lang, 'parse.nestedTooDeep', { limit: LIMITS.depth }) : t(lang, 'parse.tooManyNodes', { limit: nodeLimit });
    return { messageId, message, position: positionAt(text, offset) };
  };
  /** The block collections open at this point: the column each starts at, and whether it is a list. */
  const columns: number[] = [];
  const isList: boolean[] = [];
  /**
   * A block collection at `column` (a list item `-`, or a key of a mapping): the same one as
   * an open collection of that kind at that column, else a new one inside the open ones.
   * Returns whether it is new.
   */
  const enter = (column: number, list: boolean): boolean => {
    while (columns.length > 0 && columns[columns.length - 1]! > column) {
      columns.pop();
      isList.pop();
    }
    if (columns.length > 0 && columns[columns.length - 1] === column) {
      if (isList[isList.length - 1] === list) return false;
      // A key at the column of a list: the list was the value of the previous key, which ends here.
      if (!list) {
        columns.pop();
        isList.pop();
        if (columns.length > 0 && columns[columns.length - 1] === column && !isList[isList.length - 1]) return false;
      }
      // (A list at the column of a mapping's keys is the value of its last key: a new collection.)
    }
    columns.push(column);
    isList.push(list);
    return true;
  };
  let flow = 0;
  let nodes = 0;
  /** Inside a block scalar: lines indented more than this belong to it. */
  let blockScalarIndent = -1;
  let i = 0;
  while (i < n) {
    const lineStart = i;
    let j = i;
    while (j < n && text.charCodeAt(j) === 0x20) j++;
    const indent = j - i;
    const blank = j >= n || text[j] === '\n' || text[j] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      i = lineEnd(text, j) + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (++nodes > nodeLimit) return fail('tooManyNodes', i);
    let valueStart = true;
    /** Where the latest value or key on this line starts (a key's mapping starts there). */
    let tokenStart = j;
    // A line is one node, and so is each flow item after the first on a line.
    let commas = 0;
    if (flow === 0) {
      // `- - - x` and `? ? x` nest one level per indicator.
      while ((text[j] === '-' || text[j] === '?') && (j + 1 >= n || /[ \t\r\n]/.test(text[j + 1]!))) {
        if (enter(j - lineStart, text[j] === '-') && columns.length > LIMITS.depth) return fail('tooDeep', j);
        j++;
        while (text[j] === ' ' || text[j] === '\t') j++;
        tokenStart = j;
      }
    }
    while (j < n && text[j] !== '\n') {
      const c = text[j]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        j++;
        continue;
      }
      if (c === '#' && (j === 0 || /[ \t\n]/.test(text[j - 1]!))) {
        j = lineEnd(text, j);
        break;
      }
      if (valueStart) tokenStart = j;
      if ((c === '"' || c === "'") && valueStart) {
        j = quoteEnd(text, j);
        valueStart = false;
        continue;
      }
      if (c === '[' || c === '{') {
        if (flow > 0 || valueStart) {
          // A flow collection nests inside the block collections open around it.
          if (columns.length + ++flow > LIMITS.depth) return fail('tooDeep', j);
          valueStart = true;
        } else valueStart = false;
      } else if (c === ']' || c === '}') {
        if (flow > 0) flow--;
        valueStart = false;
      } else if (c === ',' && flow > 0) {
        if (++commas > 1 && ++nodes > nodeLimit) return fail('tooManyNodes', j);
        valueStart = true;
      } else if (c === ':' && (flow > 0 || j + 1 >= n || /[ \t\r\n]/.test(text[j + 1]!))) {
        // A key in block context: its mapping starts where the key does. `a: b: c:` nests one
        // level per key for the parser (which rejects it, but only after building every level).
        if (flow === 0 && enter(tokenStart - lineStart, false) && columns.length > LIMITS.depth) return fail('tooDeep', tokenStart);
        valueStart = true;
      } else if ((c === '|' || c === '>') && valueStart && flow === 0) {
        blockScalarIndent = indent;
        j = lineEnd(text, j);
        break;
      } else if ((c === '&' || c === '!') && valueStart) {
        // An anchor or tag before a value: the value still starts after it.
        while (j < n && !/[ \t\r\n]/.test(text[j]!)) j++;
        continue;
      } else valueStart = false;
      j++;
    }
    i = j + 1;
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Offset just past a quoted scalar that starts at `start` (it may span lines). */
function quoteEnd(text: string, start: number): number {
  const q = text[start];
  let j = start + 1;
  while (j < text.length) {
    const c = text[j];
    if (q === '"' && c === '\\') j += 2;
    else if (c === q) {
      // '' inside single quotes is an escaped quote.
      if (q === "'" && text[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}

/** 1-based line and column of a text offset, counted as the YAML locator counts them. */
function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  const column = offset - lineStart + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/**
 * Walk the document once, without recursion (the nesting is what is being checked): report
 * duplicate keys (in linear time — yaml's own `uniqueKeys` check is quadratic in the number
 * of keys) and nesting, key and item counts beyond LIMITS. The walk goes in document order and
 * stops at the first collection over a limit, so that is the one reported (as prescan does).
 */
export function structureFindings(doc: Document.Parsed, lineCounter: LineCounter, lang: Lang): Finding[] {
  const findings: Finding[] = [];
  const at = (node: Node | undefined | null): Position => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col + 1 };
  };
  const add = (messageId: string, message: string, node: Node | undefined | null) =>
    findings.push({ ruleId: 'parse', messageId, message, path: [], position: at(node) });

  let duplicates = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > LIMITS.depth) {
      // One diagnostic is enough, and the walk stops: everything below is just as deep.
      add('tooDeep', t(lang, 'parse.nestedTooDeep', { limit: LIMITS.depth }), node);
      return findings;
    }
    if (isSeq(node)) {
      if (node.items.length > LIMITS.items) {
        add('tooManyItems', t(lang, 'parse.tooManyItems', { limit: LIMITS.items }), node.items[LIMITS.items] as Node);
        return findings;
      }
      // Pushed last to first, so that they are taken in document order.
      for (let k = node.items.length - 1; k >= 0; k--) stack.push({ node: node.items[k], depth: depth + 1 });
      continue;
    }
    if (node.items.length > LIMITS.keys) {
      const pair = node.items[LIMITS.keys];
      add('tooManyKeys', t(lang, 'parse.tooManyKeys', { limit: LIMITS.keys }), (isPair(pair) ? pair.key : undefined) as Node);
      return findings;
    }
    // Keys are compared as the plain data will hold them: `1` and "1" become the same property.
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (seen.has(key)) {
        if (duplicates++ < LIMITS.duplicates) add('DUPLICATE_KEY', t(lang, 'parse.DUPLICATE_KEY', { key }), pair.key);
      } else seen.add(key);
    }
    for (let k = node.items.length - 1; k >= 0; k--) {
      const pair = node.items[k];
      if (!isPair(pair)) continue;
      stack.push({ node: pair.value, depth: depth + 1 });
      if (!isScalar(pair.key)) stack.push({ node: pair.key, depth: depth + 1 });
    }
  }
  return findings;
}

/**
 * The fast path (src/parse/fast/) builds data without a yaml Document and so without the checks
 * above. It may be used only when the text passes `prescan` and its data stays within LIMITS;
 * otherwise loadReport takes the full parser, which reports the limit at its position.
 */
export function fastPathFits(text: string): boolean {
  return prescan(text, 'en') === undefined;
}

export function dataFits(data: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > LIMITS.depth) return false;
    // yaml rejects an implicit key over 1024 characters; the full parser says so at its position.
    if (!Array.isArray(value) && Object.keys(value).some((key) => key.length > 1024)) return false;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (children.length > (Array.isArray(value) ? LIMITS.items : LIMITS.keys)) return false;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}
