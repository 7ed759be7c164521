import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import type { Document } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from './fast-lazy-yaml.js';
import { catalogueFor, t, type MessageKey } from '../i18n/index.js';
import type { Finding, Lang, Position } from '../types.js';
import { LIMITS, prescan, structureFindings } from './limits.js';

export interface Parsed {
  doc?: Document.Parsed;
  lineCounter: LineCounter;
  text: string;
  /** Plain data; present only when there were no parse findings. */
  data?: unknown;
  findings: Finding[];
}

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

  // Nesting and size that would make the parser itself slow or run out of memory (limits.ts).
  const tooBig = prescan(text, lang);
  if (tooBig) return fail(tooBig.messageId, tooBig.message, tooBig.position);

  let doc: Document.Parsed;
  // logLevel 'error': yaml would print its own warnings (e.g. a `? [a]` key) to stderr; problems
  // reach the clerk as diagnostics instead. schema 'core' even under a `%YAML 1.1` directive:
  // the data contract is YAML 1.2 core (a date stays text, `yes` stays text, 010 is ten).
  try {
    // uniqueKeys off: yaml's check is quadratic in the keys of a mapping; limits.ts finds duplicates in linear time.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2', schema: 'core', logLevel: 'error' });
  } catch {
    return fail('tooDeep', t(lang, 'parse.tooDeep'), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }
  // The parser reports line starts only for the newlines it tokenises; after a syntax error it
  // can miss some and every later position shifts. Recount them from the text (found by fuzzing).
  recountLines(lineCounter, text);
  // The parser ran out of stack: nesting too deep. One diagnostic, not one per unwound level.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) return fail('tooDeep', t(lang, 'parse.tooDeep'), at(exhausted.pos[0]));

  if (kind === 'json') {
    const jsonError = checkJson(text);
    if (jsonError) {
      const detail = explain(lang, `json.${jsonError.code}`) ?? jsonError.code;
      return fail('json', t(lang, 'parse.json', { detail }), at(Math.min(jsonError.offset, text.length)));
    }
  }

  // Unknown tags are warnings for the yaml package; for a report they are data we cannot read.
  const reportedAt = new Set<number>();
  for (const err of [...doc.errors, ...doc.warnings]) {
    const code = err.code;
    const offset = err.pos[0];
    // yaml may describe one mistake with several codes at the same spot: report it once.
    if (reportedAt.has(offset)) continue;
    reportedAt.add(offset);
    const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    let message: string;
    if (code === 'DUPLICATE_KEY') message = t(lang, 'parse.DUPLICATE_KEY', { key: keyAt(doc, offset) ?? '' });
    else if (code === 'TAB_AS_INDENT' || code === 'MULTIPLE_DOCS') message = t(lang, `parse.${code}`);
    else if (code === 'TAG_RESOLVE_FAILED') message = t(lang, 'parse.TAG_RESOLVE_FAILED', { detail: text.slice(err.pos[0], err.pos[1]) });
    else {
      message = t(lang, 'parse.other', { code, detail: explain(lang, `yaml.${code}`) ?? detail });
    }
    findings.push({ ruleId: 'parse', messageId: code, message, path: [], position: at(offset) });
  }
  findings.push(...structureFindings(doc, lineCounter, lang));
  if (findings.length > 0) return { doc, lineCounter, text, findings };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)) {
    return fail('empty', t(lang, 'parse.empty'), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (error) {
    if (error instanceof RangeError) return fail('tooDeep', t(lang, 'parse.tooDeep'), at(0));
    // `*name` without an `&name` before it: yaml only notices while building the data.
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec((error as Error).message);
    if (unresolved) {
      const alias = firstAlias(doc, (a) => a.source === unresolved[1]);
      return fail('unresolvedAlias', t(lang, 'parse.unresolvedAlias', { alias: unresolved[1]! }), at(alias?.range?.[0] ?? 0));
    }
    return fail('aliasBomb', t(lang, 'parse.aliasBomb'), at(firstAlias(doc, () => true)?.range?.[0] ?? 0));
  }
  return { doc, lineCounter, text, data, findings };
}

/**
 * JSON.parse decides what is JSON (YAML would accept comments, trailing commas, `key: value`);
 * jsonc-parser says where the first problem is, as V8's messages and positions differ between
 * Node versions. A trailing comma is reported at the comma, not at the bracket after it.
 */
function checkJson(text: string): { offset: number; code: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const errors: ParseError[] = [];
    // jsonc-parser is loaded only for a .json file the fast path did not take (start-up cost).
    const { parse: parseJsonc, printParseErrorCode } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) return { offset: 0, code: 'other' };
    let code: string = printParseErrorCode(first.error);
    let offset = first.offset;
    if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
      const before = /,\s*$/.exec(text.slice(0, offset));
      if (before && /^[}\]]/.test(text.slice(offset))) {
        code = 'TrailingComma';
        offset = before.index;
      }
    }
    if (offset >= text.length && /^(ValueExpected|PropertyNameExpected|CloseBraceExpected|CloseBracketExpected|CommaExpected)$/.test(code)) code = 'UnexpectedEnd';
    if (/^UnexpectedEndOf/.test(code)) code = 'UnexpectedEnd';
    return { offset, code };
  }
}

/** A catalogue explanation of a yaml or JSON error code, when the catalogue has one. */
function explain(lang: Lang, key: string): string | undefined {
  return key in catalogueFor(lang) ? t(lang, key as MessageKey) : undefined;
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

function firstAlias(doc: Document.Parsed, test: (alias: { source: string; range?: [number, number, number] | null }) => boolean) {
  let found: { source: string; range?: [number, number, number] | null } | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined) return;
    if (isAlias(node)) {
      if (test(node)) found = node;
    } else if (isMap(node)) node.items.forEach((p) => visit(p.value));
    else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return found;
}

function recountLines(lineCounter: LineCounter, text: string): void {
  const starts = lineCounter.lineStarts;
  starts.length = 0;
  starts.push(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
}
