import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { rng, toYaml } from '../bench/generate.mjs';
import { lintSource } from '../src/check/lint.js';
import { fastLoad, setFastPath } from '../src/parse/fast/fast-path.js';
import { dataFits, fastPathFits } from '../src/parse/limits.js';
import { locate } from '../src/parse/locate.js';
import { parseText } from '../src/parse/parse.js';
import type { JsonPath } from '../src/types.js';

/**
 * The fast parse path (src/parse/fast/fast-*.ts) must give exactly what the `yaml` Document path
 * gives: the same data (values, key order, -0), no data where yaml finds a problem, the same
 * position for every path, and so the same diagnostics. Where it is unsure it must give up.
 */

function walkPaths(value: unknown, path: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

/**
 * Compare the fast path with the reference on one text, given as a string and as UTF-8 bytes
 * (read one byte per character, src/parse/fast/fast-path.ts); returns whether the fast path took it.
 */
function checkSame(text: string, kind: 'yaml' | 'json'): boolean {
  const fromText = fastLoad(text, kind);
  const fromBytes = fastLoad(Buffer.from(text, 'utf8'), kind);
  if (fromText) checkAgainstReference(fromText, text, kind);
  if (fromBytes) checkAgainstReference(fromBytes, text, kind);
  // The fast path is taken within the resource limits only (the full parser reports those).
  if (fromText || fromBytes) expect(fastPathFits(text) && dataFits((fromText ?? fromBytes)!.data), `fast path over the limits:\n${text.slice(0, 200)}`).toBe(true);
  return fromText !== undefined;
}

function checkAgainstReference(fast: NonNullable<ReturnType<typeof fastLoad>>, text: string, kind: 'yaml' | 'json'): void {
  const ref = parseText(text, kind, 'zh');
  expect(ref.findings, `fast path accepted text that yaml rejects:\n${text}`).toEqual([]);
  expect(isDeepStrictEqual(fast.data, ref.data), `data differs for:\n${text}`).toBe(true);
  expect(JSON.stringify(Object.keys(fast.data))).toBe(JSON.stringify(Object.keys(ref.data as object)));
  const paths = walkPaths(ref.data);
  // Also paths that do not exist (located at their closest ancestor).
  paths.push(['no_such_key'], [...(paths[paths.length - 1] ?? []), 'missing'], ...paths.slice(1, 4).map((p) => [...p, 'x', 'y']));
  for (const path of paths) {
    for (const atKey of [false, true]) {
      expect(fast.locate(path, atKey), `position of ${path.join('.')} (atKey ${atKey}) in:\n${text}`).toEqual(
        locate(ref.doc!, ref.lineCounter, path, atKey),
      );
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ya?ml|json)$/.test(name) ? [full] : [];
  });
}

afterEach(() => setFastPath(true));

describe('fast parse path = yaml Document path', () => {
  const fixtures = filesUnder('fixtures');

  it('every fixture: same data and positions where the fast path is taken, and it is taken for the examples', () => {
    let taken = 0;
    for (const file of fixtures) {
      const text = readFileSync(file, 'utf8');
      if (checkSame(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, /\.json$/.test(file) ? 'json' : 'yaml')) taken++;
    }
    for (const example of filesUnder('fixtures/examples')) {
      expect(fastLoad(readFileSync(example, 'utf8'), /\.json$/.test(example) ? 'json' : 'yaml'), example).toBeDefined();
    }
    expect(taken).toBeGreaterThan(10);
  });

  it('every fixture: the same diagnostics with and without the fast path', () => {
    for (const file of fixtures) {
      const bytes = readFileSync(file);
      for (const lang of ['zh', 'en'] as const) {
        setFastPath(true);
        const fast = lintSource(bytes, file, { lang });
        setFastPath(false);
        const reference = lintSource(bytes, file, { lang });
        expect(fast, file).toEqual(reference);
      }
    }
  });

  it('generated reports (bench generator, valid and with mistakes), YAML and JSON', () => {
    const files = readdirSync('fixtures/examples').filter((f) => f.endsWith('.yaml'));
    const bases = files.map((f) => parseText(readFileSync(join('fixtures/examples', f), 'utf8'), 'yaml', 'zh').data as Record<string, unknown>);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.boolean(), (seed, flowRows) => {
        const r = rng(seed) as () => number;
        const report = structuredClone(bases[Math.floor(r() * bases.length)]!);
        // Perturb a few values so that rules and the schema report something now and then.
        const apps = report.applications as Record<string, Record<string, unknown>>;
        if (r() < 0.5) apps.received!.natural_person = Math.floor(r() * 100) - 5;
        if (r() < 0.3) apps.received!.commercial = String(Math.floor(r() * 9));
        if (r() < 0.3) (report as Record<string, unknown>).unknown_key = 1;
        const yamlText = toYaml(report, flowRows) as string;
        const jsonText = JSON.stringify(report, null, r() < 0.5 ? 2 : 0);
        expect(checkSame(yamlText, 'yaml')).toBe(true);
        expect(checkSame(jsonText, 'json')).toBe(true);
        for (const [text, file] of [[yamlText, 'g.yaml'], [jsonText, 'g.json']] as const) {
          setFastPath(true);
          const fast = lintSource(text, file);
          setFastPath(false);
          expect(fast).toEqual(lintSource(text, file));
          setFastPath(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('bytes read one per character: Chinese text, BOM, escapes and unusual characters decode as yaml reads them', () => {
    const cases: [string, 'yaml' | 'json', boolean][] = [
      ['agency: 某县·人民政府\nnote: "引号“中文”"\nlines: |\n  第一行\n\n  第三行 ＃\n', 'yaml', true],
      ['\ufeffagency: 某县\n', 'yaml', true],
      // Columns count UTF-16 code units: a character outside the BMP (𠀀, U+20000) is two.
      ['agency: 𠀀县 # 注\nrow: { a: 1, b: 𠀀 }\nq: "𠀀"\n', 'yaml', true],
      ['{"agency": "𠀀县", "row": {"a": 1, "b": "𠀀"}}', 'json', true],
      ['agency: 某\u0085县\n', 'yaml', false],
      ['agency: 某\u2028县\n', 'yaml', false],
      ['agency: 某\ufeff县\n', 'yaml', false],
      ['agency: 某\x7f县\n', 'yaml', false],
      ['名称: 1\n', 'yaml', false],
      ['{"agency": "某县·人民政府", "n": [1, "二"], "o": {"p": "三"}}', 'json', true],
      ['{"agency": "\\u67d0\\u53bf", "x": "中"}', 'json', true],
      ['{"名称": 1}', 'json', false],
      ['{"a": "\u0085"}', 'json', false],
      ['{"a":\t1}', 'json', false],
      // Numbers: both parsers round the same way, but integers beyond double precision are not taken.
      ['{"a": 1234567890123456, "b": 0.12345678901234567890123, "c": 1e400, "d": -0, "e": 1.5e-320}', 'json', true],
      ['{"a": 12345678901234567890}', 'json', false],
      ['{"a": [9007199254740993]}', 'json', false],
      ['{"__proto__": {"a": 1}}', 'json', false],
    ];
    for (const [text, kind, taken] of cases) {
      const fast = fastLoad(Buffer.from(text, 'utf8'), kind);
      expect(fast !== undefined, JSON.stringify(text)).toBe(taken);
      checkSame(text.replace(/^\ufeff/, ''), kind);
      if (fast) {
        const ref = parseText(text.replace(/^\ufeff/, ''), kind, 'zh');
        expect(fast.data).toEqual(ref.data);
      }
      for (const file of [`x.${kind}`]) {
        setFastPath(true);
        const withFast = lintSource(Buffer.from(text, 'utf8'), file);
        setFastPath(false);
        expect(withFast, JSON.stringify(text)).toEqual(lintSource(Buffer.from(text, 'utf8'), file));
        setFastPath(true);
      }
    }
  });

  it('gives up beyond the resource limits, so that the full parser reports them', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ` 1\n`;
    const wide = (keys: number) => Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join('\n') + '\n';
    const flow = (keys: number) => `row: { ${Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join(', ')} }\n`;
    const jsonDeep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const jsonWide = (keys: number) => JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i])));
    const cases: [string, 'yaml' | 'json', boolean][] = [
      [nested(20), 'yaml', true], [nested(70), 'yaml', false],
      [wide(1000), 'yaml', true], [wide(1001), 'yaml', false],
      [flow(50), 'yaml', true], [flow(1001), 'yaml', false],
      [`${'k'.repeat(1025)}: 1\n`, 'yaml', false],
      [jsonDeep(20), 'json', true], [jsonDeep(70), 'json', false],
      [jsonWide(1000), 'json', true], [jsonWide(1001), 'json', false],
      [JSON.stringify({ a: Array.from({ length: 10_001 }, () => 1) }), 'json', false],
      [`{"${'k'.repeat(1025)}": 1}`, 'json', false],
    ];
    for (const [text, kind, taken] of cases) {
      for (const source of [text, Buffer.from(text)]) {
        expect(fastLoad(source, kind) !== undefined, `${kind} ${text.slice(0, 60)}`).toBe(taken);
      }
      if (!taken) {
        setFastPath(true);
        const withFast = lintSource(text, `x.${kind}`);
        setFastPath(false);
        expect(withFast).toEqual(lintSource(text, `x.${kind}`));
        setFastPath(true);
      }
    }
  });

  // Pieces of YAML that are inside and just outside the fast subset.
  const keys = ['a', 'b', 'total', '$schema', 'x-y', 'null', 'True', '__proto__', '1', 'a b', '"q"', "'s'", '? k', '- a', 'a'];
  const scalars = [
    '0', '12', '-3', '+4', '007', '0o17', '0x1F', '1e3', '1.5', '.5', '-.inf', '.NaN', '-0', '1.', '1_000', '12345678901234567890',
    '~', 'null', 'Null', 'NULL', 'true', 'False', 'yes', 'no', 'on', '2021-01-30', '2021-01-30T10:00:00Z', '12:30', '1:2',
    '文字', '某县 人民政府', 'a#b', 'a #b', 'a: b', 'a:', 'http://x.cn/a', 'a,b', '[1, 2]', '{a: 1}', '{ a: 1, b: x y }', '{ a: 1, a: 2 }',
    '{a:1}', '{ a: 1, }', '{}', '"x"', '"x#y"', '"a\\"b"', "'it''s'", "'x'", '"x" y', "'x' #c", '- x', '-x', '? x', ': x', '&a x', '*a',
    '!!str 1', '!x y', '@x', '`x', '%x', '|', '|-', '|+', '>', '|2', '', '  ', 'x  ', 'x # c', '-1.5e-3',
  ];
  const safeScalars = ['0', '12', '-3', '2021-01-30', '文字', '某县 人民政府', 'a#b', 'http://x.cn/a', '"x#y"', "'it''s'", '{ a: 1, b: 2 }', '{a: 0}', '1.5', 'x # c'];
  const scalar = fc.oneof({ arbitrary: fc.constantFrom(...safeScalars), weight: 6 }, { arbitrary: fc.constantFrom(...scalars), weight: 2 });
  const key = fc.oneof({ arbitrary: fc.constantFrom('a', 'b', 'c', 'total', 'x_y', '$schema', 'k-1'), weight: 8 }, { arbitrary: fc.constantFrom(...keys), weight: 1 });
  const literalLines = fc.array(fc.constantFrom('line 文字', '', '# not a comment', '  indented', '   ', 'x: y'), { minLength: 1, maxLength: 4 });
  type Tree = { key: string; value: string | string[] | Tree[]; header?: string }[];
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.array(
      fc.record({
        key,
        value: fc.oneof(
          { arbitrary: scalar, weight: 6 },
          { arbitrary: literalLines, weight: 1 },
          { arbitrary: fc.oneof({ depthSize: 'small' }, tie('tree'), fc.constant([])), weight: 2 },
        ),
        header: fc.constantFrom('|', '|', '|-', '| ', '|+'),
      }),
      { minLength: 1, maxLength: 5 },
    ) as fc.Arbitrary<Tree>,
  }));
  const render = (t: Tree, indent: number, step: number, out: string[]): string[] => {
    for (const { key: k, value, header } of t) {
      const pad = ' '.repeat(indent);
      if (typeof value === 'string') out.push(`${pad}${k}:${value === '' ? '' : ' ' + value}`);
      else if (value.length > 0 && typeof value[0] === 'string') {
        out.push(`${pad}${k}: ${header}`);
        for (const l of value as string[]) out.push(l === '' ? '' : ' '.repeat(indent + step) + l);
      } else {
        out.push(`${pad}${k}:`);
        render(value as Tree, indent + step, step, out);
      }
    }
    return out;
  };
  const noise = fc.constantFrom('', '# comment', '  # indented comment', '   ', '  stray', '---', '...', '\tkey: 1', 'a: 1\r', '- item');
  const yamlDoc = fc
    .tuple(tree, fc.constantFrom(2, 2, 4, 1, 3), fc.array(fc.tuple(fc.nat(), noise), { maxLength: 2 }), fc.constantFrom('\n', '\n', '\n', '\r\n'), fc.boolean())
    .map(([t, step, extra, eol, finalEol]) => {
      const lines = render(t, 0, step, []);
      for (const [at, l] of extra) lines.splice(at % (lines.length + 1), 0, l);
      return lines.join(eol) + (finalEol ? eol : '');
    });

  it('property: random YAML near the subset — the fast path gives up or agrees with yaml', () => {
    let taken = 0;
    fc.assert(
      fc.property(yamlDoc, (text) => {
        if (checkSame(text, 'yaml')) taken++;
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 1500) },
    );
    // The generator must reach the fast path often enough for the property to mean something.
    expect(taken).toBeGreaterThan(60);
  });

  const jsonDoc = fc
    .tuple(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', '', 'a"b', 'é', '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
      fc.constantFrom(0, 1, 2, '\t'),
      fc.constantFrom('none', 'duplicate', 'spaces', 'crlf', 'escaped-colon'),
    )
    .map(([obj, indent, twist]) => {
      let text = JSON.stringify(obj, null, indent as number | string);
      if (twist === 'duplicate' && text.startsWith('{"') ) text = text.replace(/^\{/, '{"a": 1, "a": 2,').replace(/,\}$/, '}');
      if (twist === 'duplicate' && text.startsWith('{\n')) text = text.replace(/^\{\n/, '{\n "a": 1,\n "a": 2,\n').replace(/,\n\}$/, '\n}');
      if (twist === 'spaces') text = text.replace(/":/g, '" :');
      if (twist === 'crlf') text = text.replace(/\n/g, '\r\n');
      if (twist === 'escaped-colon') text = text.replace(/^\{/, '{"k\\":": "v\\": w",').replace(/,\}$/, '}');
      return text;
    });

  it('property: random JSON — the fast path gives up or agrees with yaml (duplicates, escapes, numbers)', () => {
    let taken = 0;
    fc.assert(
      fc.property(jsonDoc, (text) => {
        if (checkSame(text, 'json')) taken++;
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 800) },
    );
    expect(taken).toBeGreaterThan(30);
  });
});
