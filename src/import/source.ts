/**
 * Published input → blocks: text lines (paragraphs, headings) and table rows (cells), each
 * with the line in the input it came from. Plain text and Markdown are read line by line;
 * HTML by parse5 with rowspan/colspan expanded; .docx is first turned into HTML by mammoth.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

export interface SourceCell {
  text: string;
  line: number;
}

export type Block = { kind: 'text'; text: string; line: number } | { kind: 'row'; cells: SourceCell[]; line: number };

export type InputType = 'txt' | 'md' | 'html' | 'docx';

/** Plain text and Markdown: every line is a text block; table sections split them into cells later. */
export function textBlocks(text: string): Block[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ kind: 'text' as const, text: line, line: i + 1 }));
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

/** Text of a node; <br> and block children become line breaks. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(node) && node.nodeName !== '#document-fragment') return '';
  if (isElement(node)) {
    if (SKIP.has(node.tagName)) return '';
    if (node.tagName === 'br') return '\n';
  }
  const children = (node as Element).childNodes ?? [];
  let out = '';
  for (const child of children) {
    const t = textOf(child);
    out += isElement(child) && BLOCK.has(child.tagName) ? `\n${t}\n` : t;
  }
  return out;
}

const collapse = (s: string) => s.replace(/[ \t\r\f\u00a0]+/g, ' ');

/**
 * HTML → blocks. Data tables become rows over an expanded grid (a rowspan/colspan cell is
 * written once, at its top-left slot; the slots it covers are empty), so a table reads like a
 * Word table copied as text. A table that holds other tables is page layout: read through it.
 * `ordinal` numbers blocks instead of using source lines (mammoth output has no useful lines).
 */
export function htmlBlocks(html: string, options: { ordinal?: boolean } = {}): Block[] {
  const doc = parse(html, { sourceCodeLocationInfo: !options.ordinal });
  const blocks: Block[] = [];
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
  const walk = (node: Node): void => {
    if (isElement(node)) {
      if (SKIP.has(node.tagName) && node.tagName !== 'head') return;
      if (node.tagName === 'head') {
        const title = findFirst(node, 'title');
        if (title) {
          flush();
          const text = collapse(textOf(title)).trim();
          if (text) blocks.push({ kind: 'text', text, line: line(title) });
        }
        return;
      }
      if (node.tagName === 'table' && !findFirst(node, 'table', true)) {
        flush();
        readTable(node, line).forEach((b) => blocks.push(b));
        return;
      }
      if (node.tagName === 'br') {
        inline += '\n';
        return;
      }
      if (BLOCK.has(node.tagName) || node.tagName === 'table' || node.tagName === 'tr') {
        flush();
        inlineLine = line(node);
        for (const child of node.childNodes) walk(child);
        flush();
        return;
      }
    }
    if (node.nodeName === '#text') {
      if (!inline.trim()) inlineLine = lineOf(node, inlineLine || 1);
      inline += (node as DefaultTreeAdapterMap['textNode']).value;
      return;
    }
    for (const child of (node as Element).childNodes ?? []) walk(child);
  };
  walk(doc as unknown as Node);
  flush();
  return blocks;
}

function findFirst(node: Node, tag: string, skipSelf = false): Element | undefined {
  if (!skipSelf && isElement(node) && node.tagName === tag) return node;
  for (const child of (node as Element).childNodes ?? []) {
    const found = findFirst(child, tag);
    if (found) return found;
  }
  return undefined;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: Node) => {
    if (!isElement(n)) return;
    if (n.tagName === 'tr') rows.push(n);
    else if (n === table || ['thead', 'tbody', 'tfoot'].includes(n.tagName)) n.childNodes.forEach(visit);
  };
  visit(table);
  return rows;
}

function readTable(table: Element, line: (n: Node) => number): Block[] {
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
