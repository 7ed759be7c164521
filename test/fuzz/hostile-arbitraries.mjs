/**
 * Generators and invariants shared by test/property.test.ts (a few hundred runs in `npm test`)
 * and scripts/fuzz.mjs (`npm run fuzz`, 100,000+ runs against dist/). Plain JavaScript so that
 * the fuzz script runs under node without a TypeScript loader; the lint function is passed in.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import YAML from 'yaml';

/** @typedef {{ bytes: Uint8Array, file: string, kind: string, validReport?: boolean }} FuzzInput */

const enc = new TextEncoder();
const asInput = (text, file, kind, validReport = false) => ({ bytes: enc.encode(text), file, kind, validReport });

/** Arbitrary bytes, mostly small, sometimes with a BOM or a report-like start. */
export const arbitraryBytes = fc
  .tuple(
    fc.constantFrom(new Uint8Array(), Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xfe, 0xff), enc.encode('template: 2021\n'), enc.encode('{"template": 2019, ')),
    fc.uint8Array({ maxLength: 600 }),
    fc.constantFrom('x.yaml', 'x.json'),
  )
  .map(([head, body, file]) => ({ bytes: concat(head, body), file, kind: 'bytes' }));

/** Arbitrary JSON values written as JSON and as YAML. */
export const arbitraryValues = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.constantFrom('json', 'yaml', 'json-as-yaml'))
  .map(([value, pretty, how]) => {
    if (how === 'yaml') return asInput(YAML.stringify(value ?? null), 'v.yaml', 'value');
    const text = JSON.stringify(value, null, pretty ? 2 : 0) ?? 'null';
    return asInput(text, how === 'json' ? 'v.json' : 'v.yaml', 'value');
  });

/** Text mutations of a report: each keeps the text a plausible edit of a real file. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('deleteLine'), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine'), at: fc.nat() }),
  fc.record({ op: fc.constant('swapLines'), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('comment'), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ op: fc.constant('number'), at: fc.nat(), value: fc.oneof(fc.integer(), fc.double({ noNaN: false }).map(String), fc.constantFrom('-1', '1e309', '0x10', '010', '.5', '1_000', '99999999999999999999')) }),
  fc.record({ op: fc.constant('renameKey'), at: fc.nat(), key: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'total', '<<', '? x', '"a"')) }),
  fc.record({ op: fc.constant('retype'), at: fc.nat(), value: fc.constantFrom('"3"', '[]', '{}', 'null', '~', 'true', "'x'", '[1, 2]', '{a: 1}', '!!binary AAAA', '"3"\n') }),
  fc.record({ op: fc.constant('anchor'), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('tag'), at: fc.nat(), tag: fc.constantFrom('!!str', '!!int', '!!float', '!!binary', '!!js/function', '!foo', '!!map', '!!seq', '!<tag:yaml.org,2002:str>', '!!timestamp', '!!set', '!!omap') }),
  fc.record({ op: fc.constant('insertChars'), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\t', '\0', ':', '- ', '[', '{', '}', ']', '#', '&', '*', '|', '>', '"', "'", '%YAML 1.1\n', '---\n', '...\n', '\r', '\u2028', '\uFEFF')) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('indent'), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
);

function applyMutation(text, m) {
  const lines = text.split('\n');
  const i = m.at % Math.max(lines.length, 1);
  const numbers = [...text.matchAll(/\b\d+(\.\d+)?\b/g)];
  const keys = [...text.matchAll(/([A-Za-z_"][\w"]*)\s*:/g)];
  const values = [...text.matchAll(/:\s*(-?\d+(\.\d+)?)/g)];
  switch (m.op) {
    case 'deleteLine':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swapLines': {
      const j = m.to % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'comment':
      lines.splice(i, 0, `# ${m.text.replace(/[\r\n]/g, ' ')}`);
      return lines.join('\n');
    case 'number': {
      const n = numbers[m.at % Math.max(numbers.length, 1)];
      return n ? text.slice(0, n.index) + String(m.value) + text.slice(n.index + n[0].length) : text;
    }
    case 'renameKey': {
      const k = keys[m.at % Math.max(keys.length, 1)];
      return k ? text.slice(0, k.index) + m.key + text.slice(k.index + k[1].length) : text;
    }
    case 'retype':
    case 'tag': {
      const v = values[m.at % Math.max(values.length, 1)];
      if (!v) return text;
      const start = v.index + v[0].length - v[1].length;
      const replacement = m.op === 'retype' ? m.value : `${m.tag} ${v[1]}`;
      return text.slice(0, start) + replacement + text.slice(start + v[1].length);
    }
    case 'anchor': {
      // An anchor on one value and an alias to it in place of another: data may change type or value.
      const a = values[m.at % Math.max(values.length, 1)];
      const b = values[m.to % Math.max(values.length, 1)];
      if (!a || !b || a.index === b.index) return text;
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      const s1 = first.index + first[0].length - first[1].length;
      const s2 = second.index + second[0].length - second[1].length;
      return text.slice(0, s1) + `&x ${first[1]}` + text.slice(s1 + first[1].length, s2) + '*x' + text.slice(s2 + second[1].length);
    }
    case 'insertChars': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'indent':
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    default:
      throw new Error(`unknown mutation ${m.op}`);
  }
}

/** Mutations of the given valid reports ({ name, text }), 1 to 4 at a time. */
export function arbitraryMutations(seeds) {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([seed, ms]) => asInput(ms.reduce(applyMutation, seed.text), seed.name, 'mutation'));
}

/**
 * Changes that keep a valid report valid (same data): comment lines between top-level
 * entries, line endings, a BOM, UTF-16 with a BOM, an anchor and an alias on equal numbers,
 * an explicit !!int tag. The report must still come out without a single error.
 */
export function arbitraryValidVariants(seeds) {
  const change = fc.oneof(
    fc.record({ op: fc.constant('comment'), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
    fc.record({ op: fc.constant('alias'), at: fc.nat(), to: fc.nat() }),
    fc.record({ op: fc.constant('intTag'), at: fc.nat() }),
  );
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(change, { maxLength: 4 }), fc.constantFrom('lf', 'crlf', 'cr', 'bom', 'utf16le', 'utf16be'))
    .map(([seed, changes, encoding]) => {
      let text = seed.text;
      const isYaml = !/\.json$/.test(seed.name);
      if (isYaml) for (const c of changes) text = keepValid(text, c);
      const out = encodeAs(text, encoding);
      return { bytes: out, file: seed.name, kind: 'valid', validReport: true };
    });
}

function keepValid(text, c) {
  const lines = text.split('\n');
  if (c.op === 'comment') {
    // Before a top-level key: never inside a block scalar or a flow collection.
    const tops = lines.map((l, i) => (/^[a-z_]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    const at = tops[c.at % tops.length];
    lines.splice(at, 0, `# ${c.text.replace(/[\r\n]/g, ' ')}`);
    return lines.join('\n');
  }
  const values = [...text.matchAll(/(:\s*)(\d+)(?=[,\s}])/g)];
  if (values.length === 0) return text;
  const a = values[c.at % values.length];
  if (c.op === 'intTag') {
    const s = a.index + a[1].length;
    return text.slice(0, s) + '!!int ' + text.slice(s);
  }
  const equal = values.filter((v) => v[2] === a[2] && v.index > a.index);
  if (equal.length === 0 || text.includes('&same')) return text;
  const b = equal[c.to % equal.length];
  const sa = a.index + a[1].length;
  const sb = b.index + b[1].length;
  return text.slice(0, sa) + `&same ${a[2]}` + text.slice(sa + a[2].length, sb) + '*same' + text.slice(sb + b[2].length);
}

function encodeAs(text, encoding) {
  switch (encoding) {
    case 'crlf':
      return enc.encode(text.replace(/\n/g, '\r\n'));
    case 'cr':
      return enc.encode(text.replace(/\n/g, '\r'));
    case 'bom':
      return enc.encode('\uFEFF' + text);
    case 'utf16le':
      return concat(Uint8Array.of(0xff, 0xfe), iconv.encode(text, 'utf-16le'));
    case 'utf16be':
      return concat(Uint8Array.of(0xfe, 0xff), iconv.encode(text, 'utf-16be'));
    default:
      return enc.encode(text);
  }
}

/** Every kind of input at once, for the fuzz script. */
export function arbitraryInput(seeds) {
  return fc.oneof(
    { weight: 2, arbitrary: arbitraryBytes },
    { weight: 2, arbitrary: arbitraryValues },
    { weight: 5, arbitrary: arbitraryMutations(seeds) },
    { weight: 1, arbitrary: arbitraryValidVariants(seeds) },
  );
}

/** The text a position refers to: decoded as the linter decodes, BOM dropped. */
function textOf(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The invariants: the result has the right shape, every diagnostic has a rule id, a message
 * and a position inside the file, error counts add up, and a valid report has no error.
 * Returns the problems found (empty when all hold).
 */
export function problemsOf(result, input) {
  const problems = [];
  const text = textOf(input.bytes).replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  if (!result || !Array.isArray(result.diagnostics)) return ['no diagnostics array'];
  for (const d of result.diagnostics) {
    const where = `${d.ruleId}/${d.messageId} ${d.line}:${d.column} ${String(d.message).slice(0, 80)}`;
    if (typeof d.ruleId !== 'string' || !/^[a-z][a-z0-9-]*$/.test(d.ruleId)) problems.push(`bad rule id: ${where}`);
    // An unrendered {{placeholder}} is a bug, unless the file itself holds that text (values are quoted in messages).
    const placeholder = typeof d.message === 'string' ? /\{\{\w*\}\}/.exec(d.message) : null;
    if (typeof d.message !== 'string' || d.message.trim() === '' || (placeholder && !text.includes(placeholder[0]))) problems.push(`bad message: ${where}`);
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`bad severity: ${where}`);
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length) problems.push(`line outside the file (${lines.length} lines): ${where}`);
    else if (!Number.isInteger(d.column) || d.column < 1 || d.column > lines[d.line - 1].length + 1) problems.push(`column outside line ${d.line} (${lines[d.line - 1].length} long): ${where}`);
    if (!Number.isInteger(d.endLine) || !Number.isInteger(d.endColumn) || d.endLine < d.line || (d.endLine === d.line && d.endColumn < d.column)) problems.push(`bad end position: ${where} → ${d.endLine}:${d.endColumn}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (result.errorCount !== errors) problems.push(`errorCount ${result.errorCount} but ${errors} errors`);
  if (input.validReport && errors > 0) problems.push(`a valid report got errors: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`).join(' | ')}`);
  return problems;
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
