/**
 * Published input → blocks: text lines (paragraphs, headings) and table rows (cells), each
 * with the line in the input it came from. Plain text and Markdown are read line by line;
 * HTML by parse5 with rowspan/colspan expanded; .docx is first turned into HTML by mammoth.
 */
import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';
import { IMPORT_LIMITS, overLimit } from './limits.js';

export interface SourceCell {
  text: string;
  line: number;
}

export type Block = { kind: 'text'; text: string; line: number } | { kind: 'row'; cells: SourceCell[]; line: number };

export type InputType = 'txt' | 'md' | 'html' | 'docx';

/** Plain text and Markdown: every line is a text block; table sections split them into cells later. */
export function textBlocks(text: string): Block[] {
  const body = text.replace(/^\uFEFF/, '');
  // Counted before splitting: 10 MB of line breaks would be ten million blocks.
  if (lineCount(body) > IMPORT_LIMITS.blocks) throw overLimit('blocks');
  return body.split(/\r\n|\r|\n/).map((line, i) => ({ kind: 'text' as const, text: line, line: i + 1 }));
}

/** Lines as textBlocks splits them: at CRLF, CR or LF. */
function lineCount(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lines++;
    else if (c === 0x0d) {
      lines++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return lines;
}

/**
 * A line inside a table section → its cells. Markdown rows split at unescaped `|`; a Word
 * table copied as text at tabs; other text (a PDF or web copy) at spaces. Returns [] for a
 * Markdown separator row.
 */
export function splitCells(line: string): string[] {
  if (/^\s*\|/.test(line)) {
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return [];
    const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
    return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').replace(/\\\\/g, '\\').trim());
  }
  if (line.includes('\t')) return line.split('\t').map((c) => c.trim());
  if (line.trim() === '') return [];
  // Cells separated by spaces: every word is a cell; a label broken by a space (商业 企业)
  // is joined again by the table reader, which matches runs of adjacent label cells.
  return line.trim().split(/\s+/);
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'div', 'section', 'article', 'blockquote', 'pre', 'center', 'ul', 'ol', 'main', 'body', 'header', 'footer', 'td', 'th', 'caption', 'title', 'dd', 'dt', 'dl']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'button', 'select', 'svg']);

const isElement = (n: Node): n is Element => 'tagName' in n;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const lineOf = (n: Node, fallback: number) => (n as Element).sourceCodeLocation?.startLine ?? fallback;

/**
 * Text of a node; <br> and block children become line breaks. Walked with a stack of its own,
 * not by recursion: the HTML parser accepts nesting of any depth, the JavaScript stack does not.
 */
function textOf(root: Node): string {
  let out = '';
  const stack: (Node | string)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    if (item.nodeName === '#text') {
      out += (item as DefaultTreeAdapterMap['textNode']).value;
      continue;
    }
    if (!isElement(item) && item.nodeName !== '#document-fragment') continue;
    if (isElement(item)) {
      if (SKIP.has(item.tagName)) continue;
      if (item.tagName === 'br') {
        out += '\n';
        continue;
      }
    }
    const children = (item as Element).childNodes ?? [];
    // Last child first, so that the first is taken off the stack first; a block child is
    // wrapped in line breaks (the closing one is pushed before it, the opening one after).
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      const block = isElement(child) && BLOCK.has(child.tagName);
      if (block) stack.push('\n');
      stack.push(child);
      if (block) stack.push('\n');
    }
  }
  return out;
}

const collapse = (s: string) => s.replace(/[ \t\r\f\u00a0]+/g, ' ');

/**
 * parse5's tree, built under the import limits: nesting (a page that opens 100,000 elements,
 * or reopens its formatting elements in every paragraph, which makes the tree grow with the
 * square of the input) and the number of nodes. Over a limit, parsing stops at once.
 */
function boundedTreeAdapter(): TreeAdapter<DefaultTreeAdapterMap> {
  // The depth is kept on each node (set when it is created, so every node has the same shape):
  // a WeakMap of 100,000 nodes costs more in garbage collection than the parse itself.
  type Sized = { [DEPTH]?: number };
  let nodes = 0;
  const count = () => {
    if (++nodes > IMPORT_LIMITS.htmlNodes) throw overLimit('htmlNodes');
  };
  const place = (parent: Sized, node: Sized) => {
    const depth = (parent[DEPTH] ?? 0) + 1;
    if (depth > IMPORT_LIMITS.htmlDepth) throw overLimit('htmlDepth');
    node[DEPTH] = depth;
  };
  const base = defaultTreeAdapter;
  return {
    ...base,
    createElement(tagName, namespaceURI, attrs) {
      count();
      return Object.assign(base.createElement(tagName, namespaceURI, attrs), { [DEPTH]: 0 });
    },
    createCommentNode(data) {
      count();
      return base.createCommentNode(data);
    },
    insertText(parent, text) {
      count();
      base.insertText(parent, text);
    },
    insertTextBefore(parent, text, reference) {
      count();
      base.insertTextBefore(parent, text, reference);
    },
    appendChild(parent, node) {
      place(parent as Sized, node as Sized);
      base.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      place(parent as Sized, node as Sized);
      base.insertBefore(parent, node, reference);
    },
    setTemplateContent(template, content) {
      (content as Sized)[DEPTH] = ((template as Sized)[DEPTH] ?? 0) + 1;
      base.setTemplateContent(template, content);
    },
  };
}

const DEPTH = Symbol('depth');

/**
 * HTML → blocks. Data tables become rows over an expanded grid (a rowspan/colspan cell is
 * written once, at its top-left slot; the slots it covers are empty), so a table reads like a
 * Word table copied as text. A table that holds other tables is page layout: read through it.
 * `ordinal` numbers blocks instead of using source lines (mammoth output has no useful lines).
 */
export function htmlBlocks(html: string, options: { ordinal?: boolean } = {}): Block[] {
  const doc = parse(html, { sourceCodeLocationInfo: !options.ordinal, treeAdapter: boundedTreeAdapter() });
  const blocks: Block[] = [];
  const slots = { used: 0 };
  let counter = 0;
  const line = (n: Node) => (options.ordinal ? ++counter : lineOf(n, blocks[blocks.length - 1]?.line ?? 1));
  let inline = '';
  let inlineLine = 0;
  const flush = () => {
    for (const part of inline.split('\n')) {
      const text = collapse(part).trim();
      if (text) blocks.push({ kind: 'text', text, line: inlineLine });
    }
    inline = '';
  };
  // Depth first, in document order, with a stack of its own (see textOf); FLUSH ends a block element.
  const stack: (Node | typeof FLUSH)[] = [doc as unknown as Node];
  const pushChildren = (node: Node) => {
    const children = (node as Element).childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === FLUSH) {
      flush();
      continue;
    }
    if (isElement(node)) {
      if (SKIP.has(node.tagName) && node.tagName !== 'head') continue;
      if (node.tagName === 'head') {
        const title = findFirst(node, 'title');
        if (title) {
          flush();
          const text = collapse(textOf(title)).trim();
          if (text) blocks.push({ kind: 'text', text, line: line(title) });
        }
        continue;
      }
      if (node.tagName === 'table' && !findFirst(node, 'table', true)) {
        flush();
        for (const block of readTable(node, line, slots)) blocks.push(block);
        continue;
      }
      if (node.tagName === 'br') {
        inline += '\n';
        continue;
      }
      if (BLOCK.has(node.tagName) || node.tagName === 'table' || node.tagName === 'tr') {
        flush();
        inlineLine = line(node);
        stack.push(FLUSH);
        pushChildren(node);
        continue;
      }
    }
    if (node.nodeName === '#text') {
      if (!inline.trim()) inlineLine = lineOf(node, inlineLine || 1);
      inline += (node as DefaultTreeAdapterMap['textNode']).value;
      continue;
    }
    pushChildren(node);
  }
  flush();
  return blocks;
}

const FLUSH = Symbol('flush');

/** The first `tag` element at or below `root`, in document order. */
function findFirst(root: Node, tag: string, skipSelf = false): Element | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node) && node.tagName === tag && !(skipSelf && node === root)) return node;
    const children = (node as Element).childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

/** The rows of a table: its own <tr>s and those of its <thead>/<tbody>/<tfoot>, in order. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) {
      for (const row of child.childNodes) if (isElement(row) && row.tagName === 'tr') rows.push(row);
    }
  }
  return rows;
}

/** A table's rows over its expanded grid; `slots` counts the grid slots of the whole page. */
function readTable(table: Element, line: (n: Node) => number, slots: { used: number }): Block[] {
  const grid: (SourceCell | undefined)[][] = [];
  const out: Block[] = [];
  rowsOf(table).forEach((tr, r) => {
    grid[r] ??= [];
    const rowLine = line(tr);
    let c = 0;
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      while (grid[r]![c]) c++;
      const rowspan = Math.min(Math.max(1, Number(attr(td, 'rowspan')) || 1), 100);
      const colspan = Math.min(Math.max(1, Number(attr(td, 'colspan')) || 1), 100);
      const text = collapse(textOf(td)).replace(/\s*\n\s*/g, ' ').trim();
      const cellLine = td.sourceCodeLocation?.startLine ?? rowLine;
      // 100 × 100 slots per cell: a page of such cells would fill memory before any limit on nodes.
      slots.used += rowspan * colspan;
      if (slots.used > IMPORT_LIMITS.tableSlots) throw overLimit('tableSlots');
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) {
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? { text, line: cellLine } : { text: '', line: 0 };
        }
      }
      c += colspan;
    }
    const cells = Array.from({ length: grid[r]!.length }, (_, i) => {
      const cell = grid[r]![i];
      return cell && cell.line ? cell : { text: '', line: rowLine };
    });
    out.push({ kind: 'row', cells, line: rowLine });
  });
  return out;
}
