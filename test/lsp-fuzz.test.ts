/**
 * Never a crash on any text mid-edit: random edits of a real report (half-typed YAML, stray
 * brackets, CJK and astral characters, NUL, lone surrogates) and hostile documents are sent with
 * didChange, and after each one hover, completion and code actions must be answered, and the
 * last version must get its diagnostics. Seeded: a failure replays.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT, uriOf } from './helpers/lsp-client.js';

const SEED = Number(process.env.LSP_FUZZ_SEED ?? 20260101);
const RUNS = Number(process.env.LSP_FUZZ_RUNS ?? 100);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['{', '}', '[', ']', ':', ',', '"', "'", '#', '\n', '\r\n', '\r', '\t', ' ', '  ', '-', '|', '>', '&a', '*a', '!!binary', '%YAML 1.1', '---', '...', '? ', 'total: ', '9', '-1', '1.5', 'null', '本年', '𠀀', '\u0000', '\ud800', '\u202e', 'report-lint-disable-next-line balance -- x', '__proto__: 1', '<<: *a'];

function mutate(text: string, random: () => number): string {
  const pos = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, pos); // typing stopped mid-file
    case 1:
      return text.slice(0, pos) + text.slice(pos + Math.floor(random() * 40));
    default: {
      let insert = '';
      for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) insert += PIECES[Math.floor(random() * PIECES.length)];
      return text.slice(0, pos) + insert + text.slice(pos);
    }
  }
}

describe('lsp fuzz: random mid-edit texts', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize([join(ROOT, 'fixtures/examples')], { initializationOptions: { reportLint: { lintWorkspace: false } } });
  });
  afterAll(() => client.stop());


  async function answersAll(uri: string, text: string, random: () => number): Promise<void> {
    const lines = text.split(/\r\n|\r|\n/);
    const line = Math.floor(random() * lines.length);
    const character = Math.floor(random() * ((lines[line]?.length ?? 0) + 1));
    const position = { line, character };
    const range = { start: position, end: position };
    const [hover, completion, actions, fixAll] = await Promise.all([
      client.request('textDocument/hover', { textDocument: { uri }, position }),
      client.request('textDocument/completion', { textDocument: { uri }, position }),
      client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }),
      client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.report-lint'] } }),
    ]);
    expect(hover === null || typeof hover === 'object').toBe(true);
    expect(Array.isArray(completion)).toBe(true);
    expect(Array.isArray(actions)).toBe(true);
    expect(Array.isArray(fixAll)).toBe(true);
  }

  it.each(['2020-wanglejing.yaml', '2021-county-market-regulation.json'])(`${RUNS} random edits of %s (seed ${SEED})`, async (name) => {
    const random = rng(SEED + name.length);
    const original = readFileSync(join(ROOT, 'fixtures/examples', name), 'utf8');
    const uri = uriOf(join(ROOT, 'fixtures/examples', name));
    client.open(uri, original);
    let text = original;
    for (let i = 0; i < RUNS; i++) {
      // Mostly small steps from the last text (an edit in progress), sometimes back to the whole report.
      text = random() < 0.15 ? mutate(original, random) : mutate(text, random);
      client.change(uri, [{ text }]);
      await answersAll(uri, text, random);
    }
    // The last version gets its diagnostics (whatever they are).
    const diagnostics = await client.diagnosticsOf(uri);
    expect(Array.isArray(diagnostics)).toBe(true);
    client.close(uri);
  }, 240_000);

  it('hostile documents: every fixture of fixtures/hostile/, and texts over the limits', async () => {
    const random = rng(SEED);
    const dir = join(ROOT, 'fixtures/hostile');
    const texts = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f) && statSync(join(dir, f)).isFile())
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')] as const);
    texts.push(['deep.yaml', 'template: 2021\nx: ' + '['.repeat(200_000)]);
    texts.push(['wide.yaml', 'template: 2021\n' + 'k: v\n'.repeat(250_000)]);
    texts.push(['huge.yaml', 'template: 2021\nx: "' + 'a'.repeat(11 * 1024 * 1024) + '"\n']);
    for (const [name, text] of texts) {
      const uri = uriOf(join(ROOT, 'test-output', 'lsp-hostile', name));
      client.open(uri, text);
      await answersAll(uri, text, random);
      const diagnostics = await client.diagnosticsOf(uri);
      if (name === 'huge.yaml') expect(diagnostics.map((d) => d.code)).toEqual(['parse']);
      if (name === 'deep.yaml') expect(diagnostics.map((d) => d.code)).toEqual(['parse']);
      client.close(uri);
    }
    expect(client.process.exitCode).toBeNull();
  }, 120_000);

  it('caught no failure of its own on the way (every handler logs one it catches)', () => {
    expect(client.logs.filter((l) => /内部错误|internal error/.test(l))).toEqual([]);
  });
});
