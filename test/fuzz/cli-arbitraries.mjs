/**
 * Generated hostile inputs for the commands that read what others wrote: `import` (txt, md,
 * html, docx), `render`, and lint's `--fix` / `--fix-dry-run`. Used by scripts/fuzz-cli.mjs
 * (`npm run fuzz -- --mode import|render|fix|cli`). Each input is a few files and one command
 * line; the checks (time, memory, exit code, stderr) are the runner's.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { docxEntries, documentXml, makeZip, paragraph } from './zip.mjs';
import { arbitraryInput } from './hostile-arbitraries.mjs';

/** Text that a published report, a hostile page or a broken copy may hold at any point. */
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '\u0000', '\u001b]0;x\u0007', '\u001b[2J', '\n::error::x\n', '##[group]', '\u202e', '\u2028', '\r', '\t', '|', '||||', ' ', '\uFEFF',
      '&amp;', '&#0;', '&#x110000;', '&nbsp;', '<!--', '-->', '<![CDATA[', ']]>', '<script>', '</table>', '<table>', '<tr>', '<td>', '</td>',
      '<td colspan=100 rowspan=100>', '<th rowspan="-1" colspan="1e9">', '<br>', '<p>', '</p>', '<template>', '<svg><foreignObject>', '<math><mi>',
      '\n一、总体情况\n', '\n二、主动公开政府信息情况\n', '\n三、收到和处理政府信息公开申请情况\n', '\n四、政府信息公开行政复议、行政诉讼情况\n',
      '\n五、存在的主要问题及改进情况\n', '\n六、其他需要报告的事项\n', '商业企业', '商业 机构', '1,000', '１２', '251000元', '+3', '—', '无', '勾稽',
      '\n| 一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n', '\n|---|---|\n', '某某县2020年政府信息公开工作年度报告',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ unit: fc.constantFrom('<div>', '<span>', '<b>', '<font c=1>', '<table><tr><td>', '<li>', '|', ' ', '\t', '\n', '\n\n', '<p>x', 'a ', '商业企业 ', '1 ', '<!-- -->'), count: fc.integer({ min: 1, max: 3000 }) })
      .map(({ unit, count }) => unit.repeat(count)),
  },
  // Formatting elements reopened in every paragraph: the tree grows with the square of the input.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((k) => Array.from({ length: k }, (_, i) => `<font c=${i}>`).join('') + '<p>x'.repeat(2 * k)) },
);

const textMutation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert'), at: fc.nat(), text: fragment }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete'), at: fc.nat(), length: fc.nat({ max: 2000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate'), at: fc.nat(), length: fc.nat({ max: 2000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate'), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('digits'), at: fc.nat(), text: fc.constantFrom('', '0', '-1', '1e9', '99999999999999999999', 'x', '１') }) },
);

function mutateText(text, m) {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'digits': {
      const numbers = [...text.matchAll(/\d+/g)];
      const n = numbers[m.at % Math.max(numbers.length, 1)];
      return n ? text.slice(0, n.index) + m.text + text.slice(n.index + n[0].length) : text;
    }
    default:
      throw new Error(`unknown mutation ${m.op}`);
  }
}

/** Rare, large inputs at the limits (each takes a second or two): lines, nesting, cells, nodes. */
const bigText = fc.constantFrom(
  () => '\n'.repeat(250_000),
  () => '<div>'.repeat(100_000),
  () => '二、主动公开政府信息情况\n' + '|'.repeat(1_000_000),
  () => '二、主动公开政府信息情况\n' + '标签 1 2 3 4 5\n'.repeat(10_000),
  () => '<p>x</p>'.repeat(60_000),
  () => Array.from({ length: 200 }, (_, i) => `<font c=${i}>`).join('') + '<p>x'.repeat(5_000),
  () => '<table><tr>' + '<td colspan=100 rowspan=100>x'.repeat(3_000),
  () => 'x'.repeat(3_000_000),
);

const encodings = fc.constantFrom('utf8', 'utf8', 'utf8', 'gb18030', 'utf16le-bom', 'latin1');
function encode(text, encoding) {
  switch (encoding) {
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'latin1':
      return Buffer.from(text, 'latin1');
    default:
      return Buffer.from(text, 'utf8');
  }
}

/**
 * `import` of text: seeds ({ name, text, type }: published reports as txt, md, html) mutated
 * 1 to 5 times, sometimes re-encoded; now and then random bytes or one of the big inputs.
 * Each is one file `in.<type>`.
 */
export function arbitraryImportText(seeds) {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(textMutation, { minLength: 1, maxLength: 5 }), encodings)
    .map(([seed, ms, encoding]) => ({ kind: `import-${seed.type}`, type: seed.type, bytes: encode(ms.reduce(mutateText, seed.text), encoding) }));
  const bytes = fc.tuple(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('txt', 'md', 'html')).map(([b, type]) => ({ kind: `import-${type}`, type, bytes: Buffer.from(b) }));
  const big = fc.tuple(bigText, fc.constantFrom('txt', 'md', 'html')).map(([make, type]) => ({ kind: `import-${type}-big`, type, bytes: Buffer.from(make(), 'utf8') }));
  return fc.oneof({ weight: 40, arbitrary: mutated }, { weight: 4, arbitrary: bytes }, { weight: 1, arbitrary: big });
}

/** Zip bombs, made once: 36 MB of XML in about 100 KB, told truthfully or as 1 KB. */
let bombs;
function bombZips() {
  bombs ??= (() => {
    const body = documentXml('<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(1_000_000));
    return [makeZip(docxEntries(body)), makeZip(docxEntries(body, [], { declaredSize: 1024 }))];
  })();
  return bombs;
}

/**
 * `import` of .docx: the parts of a real document (`parts`: name → text) with document.xml
 * mutated, entries added, dropped, stored, duplicated, their sizes lying; the zip bytes flipped
 * or cut; now and then a bomb, a zip of 1,000+ entries, deep or wide XML, a DOCTYPE.
 */
export function arbitraryDocx(parts) {
  const names = Object.keys(parts);
  const plan = fc.record({
    mutations: fc.array(textMutation, { maxLength: 4 }),
    extra: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('word/media/image1.png', 'word/styles.xml', 'word/numbering.xml', 'mammoth/style-map', 'word/document.xml', '../evil.xml', '/abs.xml', 'a\\b.xml', 'dir/'), fc.string({ maxLength: 12 })), data: fc.oneof(fc.string({ maxLength: 200 }), fragment) }), { maxLength: 3 }),
    drop: fc.option(fc.constantFrom(...names), { nil: undefined }),
    stored: fc.boolean(),
    lie: fc.option(fc.constantFrom(0, 1, 100, 2 ** 31), { nil: undefined }),
    flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 3 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  });
  const mutated = plan.map((p) => {
    const entries = [];
    for (const name of names) {
      if (name === p.drop) continue;
      const text = name === 'word/document.xml' ? p.mutations.reduce(mutateText, parts[name]) : parts[name];
      entries.push({ name, data: text, method: p.stored ? 0 : 8, ...(name === 'word/document.xml' && p.lie !== undefined ? { declaredSize: p.lie } : {}) });
    }
    for (const e of p.extra) entries.push(e);
    let bytes = makeZip(entries);
    if (p.flips.length > 0) {
      bytes = Buffer.from(bytes);
      for (const f of p.flips) bytes[f.at % bytes.length] = f.value;
    }
    if (p.cut !== undefined) bytes = bytes.subarray(0, p.cut % (bytes.length + 1));
    return { kind: 'import-docx', type: 'docx', bytes };
  });
  const hostile = fc
    .constantFrom('bomb', 'liar', 'entries', 'deep', 'wide', 'doctype', 'bytes')
    .chain((what) =>
      what === 'bytes'
        ? fc.uint8Array({ maxLength: 3000 }).map((b) => ({ kind: 'import-docx-bytes', type: 'docx', bytes: Buffer.from(b) }))
        : fc.constant({ kind: `import-docx-${what}`, type: 'docx', bytes: hostileDocx(what) }),
    );
  return fc.oneof({ weight: 30, arbitrary: mutated }, { weight: 2, arbitrary: hostile });
}

function hostileDocx(what) {
  switch (what) {
    case 'bomb':
      return bombZips()[0];
    case 'liar':
      return bombZips()[1];
    case 'entries':
      return makeZip(docxEntries(documentXml(paragraph('x')), Array.from({ length: 1001 }, (_, i) => ({ name: `word/media/image${i}.png`, data: '' }))));
    case 'deep':
      return makeZip(docxEntries(documentXml('<w:p>'.repeat(20_000) + '</w:p>'.repeat(20_000))));
    case 'wide':
      return makeZip(docxEntries(documentXml('<w:p/>'.repeat(120_000))));
    default:
      return makeZip(docxEntries('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + documentXml('<w:p><w:r><w:t>&b;</w:t></w:r></w:p>')));
  }
}

/** Values a clerk's report may hold in its text fields and cells, written to become markup. */
const hostileValue = fc.oneof(
  fragment,
  fc.constantFrom('<script>alert(1)</script>', '[x](javascript:alert(1))', '![i](http://e.example/x.png)', '**b**', '# h', '- l', '> q', '1. n', 'https://e.example', 'www.e.example', 'a@e.example', '`c`', '<img src=x onerror=alert(1)>', '&lt;', '|', '\\'),
);

/**
 * `render`: report files (the lint fuzz's inputs: mutated examples, arbitrary values and bytes)
 * and valid examples with hostile values in their text fields and cells; `--to` md, html or txt.
 */
export function arbitraryRender(seeds, reports) {
  const files = arbitraryInput(seeds).map((input) => ({ kind: `render-${input.kind}`, file: input.file, bytes: Buffer.from(input.bytes) }));
  const injected = fc
    .tuple(fc.constantFrom(...reports), fc.array(fc.tuple(fc.constantFrom('agency', 'published', 'overview', 'problems', 'other_matters', 'cell', 'year'), hostileValue), { minLength: 1, maxLength: 4 }))
    .map(([report, changes]) => {
      const data = structuredClone(report);
      for (const [key, value] of changes) {
        if (key === 'cell') data.applications.received.total = value;
        else data[key] = value;
      }
      return { kind: 'render-injected', file: 'r.json', bytes: Buffer.from(JSON.stringify(data)) };
    });
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: files }, { weight: 2, arbitrary: injected }), fc.constantFrom('md', 'html', 'txt'), fc.boolean()).map(([input, to, toFile]) => ({ ...input, to, toFile }));
}

/** `--fix` and `--fix-dry-run` on the lint fuzz's inputs (each fix writes its own copy). */
export function arbitraryFix(seeds) {
  return fc.tuple(arbitraryInput(seeds), fc.constantFrom('--fix', '--fix-dry-run')).map(([input, flag]) => ({ kind: `fix-${input.kind}`, file: input.file, bytes: Buffer.from(input.bytes), flag }));
}
