import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { t } from '../i18n/index.js';
import type { Finding, Lang, Position } from '../types.js';

export interface Parsed {
  doc?: Document.Parsed;
  lineCounter: LineCounter;
  text: string;
  /** Plain data; present only when there were no parse findings. */
  data?: unknown;
  findings: Finding[];
}

/** More alias expansions than any real report needs; beyond it a file is a resource attack. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parse YAML (1.2 core schema) or JSON text into a document that keeps source ranges.
 * JSON is parsed by the same YAML parser so that both get identical positions; a .json file
 * must also pass JSON.parse so that YAML-only syntax is not silently accepted there.
 */
export function parseText(text: string, kind: 'yaml' | 'json', lang: Lang): Parsed {
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col + 1 };
  };
  const fail = (messageId: string, message: string, position: Position): Parsed => {
    findings.push({ ruleId: 'parse', messageId, message, path: [], position });
    return { lineCounter, text, findings };
  };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  } catch {
    return fail('tooDeep', t(lang, 'parse.tooDeep'), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }

  if (kind === 'json') {
    const jsonError = checkJson(text);
    if (jsonError) {
      return fail('json', t(lang, 'parse.json', { detail: jsonError.detail }), at(Math.min(jsonError.offset, text.length)));
    }
  }

  // Unknown tags are warnings for the yaml package; for a report they are data we cannot read.
  for (const err of [...doc.errors, ...doc.warnings]) {
    const code = err.code;
    const offset = err.pos[0];
    const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    let message: string;
    if (code === 'DUPLICATE_KEY') message = t(lang, 'parse.DUPLICATE_KEY', { key: keyAt(doc, offset) ?? '' });
    else if (code === 'TAB_AS_INDENT' || code === 'MULTIPLE_DOCS') message = t(lang, `parse.${code}`);
    else if (code === 'TAG_RESOLVE_FAILED') message = t(lang, 'parse.TAG_RESOLVE_FAILED', { detail: text.slice(err.pos[0], err.pos[1]) });
    else message = t(lang, 'parse.other', { code, detail });
    findings.push({ ruleId: 'parse', messageId: code, message, path: [], position: at(offset) });
  }
  if (findings.length > 0) return { doc, lineCounter, text, findings };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)) {
    return fail('empty', t(lang, 'parse.empty'), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) return fail('tooDeep', t(lang, 'parse.tooDeep'), at(0));
    return fail('aliasBomb', t(lang, 'parse.aliasBomb'), at(firstAliasOffset(doc) ?? 0));
  }
  return { doc, lineCounter, text, data, findings };
}

/** JSON.parse decides JSON validity; V8 names the offset in its message ("at position N"). */
function checkJson(text: string): { offset: number; detail: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const detail = (error as Error).message;
    const m = /position (\d+)/.exec(detail);
    const offset = m ? Number(m[1]) : /end of JSON input/.test(detail) ? text.length : 0;
    return { offset, detail };
  }
}

/** The key text of the duplicate whose key starts at `offset` (for the message). */
function keyAt(doc: Document.Parsed, offset: number): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range?.[0] === offset) found = String(pair.key.value);
        visit(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return found;
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  const visit = (node: unknown): void => {
    if (offset !== undefined) return;
    if (isAlias(node)) offset = node.range?.[0];
    else if (isMap(node)) node.items.forEach((p) => visit(p.value));
    else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return offset;
}
