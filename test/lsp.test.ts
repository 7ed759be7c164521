/**
 * The language server (src/lsp/) driven as an editor drives it: the built bin spawned, JSON-RPC
 * over stdio (test/helpers/lsp-client.ts). Expected ranges are worked out here from the text.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTextEdits, LspClient, ROOT, uriOf, type LspDiagnostic, type TextEdit } from './helpers/lsp-client.js';

const ROW_TOTAL = readFileSync(join(ROOT, 'fixtures/rules/row-total/invalid-received-total-flow.yaml'), 'utf8');

interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics?: LspDiagnostic[];
  edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: TextEdit[] }[] };
}

const editsOf = (a: CodeAction) => a.edit.documentChanges[0]!.edits;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-lsp-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('lsp: diagnostics, hover, code actions on a report with known mistakes', () => {
  let client: LspClient;
  let dir: string;
  let uri: string;

  beforeAll(async () => {
    dir = workspace({ 'report.yaml': ROW_TOTAL });
    uri = uriOf(join(dir, 'report.yaml'));
    client = new LspClient();
    await client.initialize([dir], { locale: 'zh-cn' });
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each finding at the cell value, with rule id, docs link, severity and the expected value', async () => {
    client.open(uri, ROW_TOTAL);
    const diagnostics = await client.diagnosticsOf(uri);
    const lines = ROW_TOTAL.split('\n');
    // 一、本年新收 · 总计 is on line 17 (0-based 16): `total: 25` in the flow mapping.
    const received = lines[16]!;
    const at = received.indexOf('total: 25') + 'total: '.length;
    const rowTotal = diagnostics.find((d) => d.code === 'row-total')!;
    expect(rowTotal.range).toEqual({ start: { line: 16, character: at }, end: { line: 16, character: at + 2 } });
    expect(rowTotal.severity).toBe(1);
    expect(rowTotal.source).toBe('report-lint');
    expect(rowTotal.codeDescription?.href).toMatch(/docs\/rules\.md#row-total$/);
    expect(rowTotal.message).toBe('三、一、本年新收政府信息公开申请数量 · 总计：填报 25，按各类申请人相加应为 24（自然人 20 + 商业企业 2 + 科研机构 0 + 社会公益组织 1 + 法律服务机构 1 + 其他 0）');
    // 四、结转 · 总计 (line 43): 25 + 1 − 23 = 3, filled in as 2.
    const balance = diagnostics.find((d) => d.code === 'balance')!;
    const forward = lines[42]!;
    const at2 = forward.indexOf('total: 2') + 'total: '.length;
    expect(balance.range).toEqual({ start: { line: 42, character: at2 }, end: { line: 42, character: at2 + 1 } });
    expect(balance.message).toContain('应为 3');
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['balance', 'row-total']);
  });

  it('hover on a total: label, key, and the formula with the current addends', async () => {
    const at = ROW_TOTAL.split('\n')[16]!.indexOf('total: 25') + 'total: '.length;
    const hover = await client.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: at + 1 } });
    expect(hover.contents.value).toContain('**三、一、本年新收政府信息公开申请数量 · 总计**');
    expect(hover.contents.value).toContain('`applications.received.total`');
    expect(hover.contents.value).toContain('`row-total` 自然人 20 + 商业企业 2 + 科研机构 0 + 社会公益组织 1 + 法律服务机构 1 + 其他 0 = 24，填报的是 25');
    expect(hover.range).toEqual({ start: { line: 16, character: at }, end: { line: 16, character: at + 2 } });
  });

  it('hover on 四、结转 · 总计 shows both sums that decide it (its row and the balance)', async () => {
    const at = ROW_TOTAL.split('\n')[42]!.indexOf('total: 2') + 'total: '.length;
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 42, character: at } });
    expect(hover.contents.value).toContain('`row-total` 自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，与填报相符');
    expect(hover.contents.value).toContain('`balance` 一、本年新收 25 + 二、上年结转 1 − （七）总计 23 = 3，填报的是 2');
  });

  it('hover on a row key and on a plain cell: the official label, no formula', async () => {
    const line = ROW_TOTAL.split('\n')[16]!;
    const onKey = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: line.indexOf('received') + 2 } });
    expect(onKey.contents.value).toContain('**三、一、本年新收政府信息公开申请数量**');
    const cell = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: line.indexOf('natural_person: 20') + 'natural_person: '.length } });
    expect(cell.contents.value).toContain('**三、一、本年新收政府信息公开申请数量 · 自然人**');
    expect(cell.contents.value).not.toContain('row-total');
    const comment = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    expect(comment).toBeNull();
  });

  it('quick fix "fill in the total" is the --fix edit of that cell; applied, the row is clean', async () => {
    const at = ROW_TOTAL.split('\n')[16]!.indexOf('total: 25') + 'total: '.length;
    const range = { start: { line: 16, character: at }, end: { line: 16, character: at } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix'] } });
    const fill = actions.find((a) => a.isPreferred)!;
    expect(fill.kind).toBe('quickfix');
    expect(fill.title).toBe('填入合计：三、一、本年新收政府信息公开申请数量 · 总计 改为 24（与 --fix 相同）');
    expect(fill.diagnostics!.map((d) => d.code)).toEqual(['row-total']);
    expect(editsOf(fill)).toEqual([{ range: { start: { line: 16, character: at }, end: { line: 16, character: at + 2 } }, newText: '24' }]);
    expect(fill.edit.documentChanges[0]!.textDocument).toEqual({ uri, version: 1 });
  });

  it('fix all (source.fixAll.report-lint) gives the text --fix writes, and the server then finds no total wrong', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.report-lint'] },
    });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.report-lint']);
    const fixed = applyTextEdits(ROW_TOTAL, editsOf(actions[0]!));
    // What `report-lint --fix` writes for the same text.
    const cli = await import('../dist/fix/index.js');
    expect(fixed).toBe(cli.fixText(ROW_TOTAL)!.text);
    client.change(uri, [{ text: fixed }]);
    const after = await client.diagnosticsOf(uri);
    expect(after.filter((d) => ['row-total', 'outcome-total', 'appeal-total'].includes(d.code))).toEqual([]);
    // Comments and layout kept: only the number changed.
    expect(fixed.split('\n').filter((l, i) => l !== ROW_TOTAL.split('\n')[i])).toEqual([ROW_TOTAL.split('\n')[16]!.replace('total: 25', 'total: 24')]);
  });

  it('an incremental edit is linted again (debounced): a wrong cell corrected by hand', async () => {
    client.change(uri, [{ text: ROW_TOTAL }]);
    expect((await client.diagnosticsOf(uri)).map((d) => d.code).sort()).toEqual(['balance', 'row-total']);
    const line = ROW_TOTAL.split('\n')[16]!;
    const at = line.indexOf('natural_person: 20') + 'natural_person: '.length;
    // Type "21" over "20" in two keystrokes: delete, then insert.
    client.change(uri, [{ range: { start: { line: 16, character: at }, end: { line: 16, character: at + 2 } }, text: '' }]);
    client.change(uri, [{ range: { start: { line: 16, character: at }, end: { line: 16, character: at } }, text: '21' }]);
    const diagnostics = await client.diagnosticsOf(uri);
    // 21 + 2 + 0 + 1 + 1 + 0 = 25: the row adds up now. The 总计 column still does not balance,
    // and the 自然人 column no longer does (21 + 1 received and carried over, 22 − 1 left).
    expect(diagnostics.map((d) => [d.code, d.data!.path.join('.')])).toEqual([
      ['balance', 'applications.carried_forward.natural_person'],
      ['balance', 'applications.carried_forward.total'],
    ]);
    expect(diagnostics[0]!.message).toContain('一、本年新收 21');
  });

  it('suppression comment action: inserted above the line with a reason to write; the finding is then suppressed', async () => {
    client.change(uri, [{ text: ROW_TOTAL }]);
    await client.diagnosticsOf(uri);
    const range = { start: { line: 42, character: 0 }, end: { line: 42, character: 0 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    const suppress = actions.find((a) => a.title.includes('balance'))!;
    expect(suppress.title).toBe('用注释抑制 balance（请写明理由）');
    expect(editsOf(suppress)).toEqual([{ range: { start: { line: 42, character: 0 }, end: { line: 42, character: 0 } }, newText: '  # report-lint-disable-next-line balance -- 【请填写理由】\n' }]);
    const text = applyTextEdits(ROW_TOTAL, editsOf(suppress));
    client.change(uri, [{ text }]);
    expect((await client.diagnosticsOf(uri)).map((d) => d.code)).toEqual(['row-total']);
  });

  it('an empty total (a schema finding) gets "fill in the total" too, as --fix fills it', async () => {
    const original = readFileSync(join(ROOT, 'fixtures/rules/appeal-total/valid-block.yaml'), 'utf8');
    const text = original.replace(/(review:\n(?:.*\n)*?\s+total:) 3\n/, '$1\n');
    expect(text).not.toBe(original);
    const emptyUri = uriOf(join(dir, 'empty-total.yaml'));
    client.open(emptyUri, text);
    // (Other findings may come with it: report.yaml of this folder is last year's report of the same agency.)
    const schema = (await client.diagnosticsOf(emptyUri)).find((d) => d.code === 'schema');
    expect(schema!.data!.path).toEqual(['review_litigation', 'review', 'total']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: emptyUri }, range: schema!.range, context: { diagnostics: [] } });
    const fill = actions.find((a) => a.isPreferred)!;
    const lineText = text.split('\n')[schema!.range.start.line]!;
    expect(editsOf(fill)).toEqual([{ range: { start: { line: schema!.range.start.line, character: lineText.length }, end: { line: schema!.range.start.line, character: lineText.length } }, newText: ' 3' }]);
    expect(applyTextEdits(text, editsOf(fill))).toBe(original);
    client.close(emptyUri);
  });

  it('completion: the missing keys of a row, with their labels', async () => {
    const text = ROW_TOTAL.replace('received: { natural_person: 20, commercial: 2, research: 0, nonprofit: 1, legal_service: 1, other: 0, total: 25 }', 'received: { natural_person: 20, commercial: 2,  }');
    client.change(uri, [{ text }]);
    const line = text.split('\n')[16]!;
    const character = line.indexOf('2,  }') + 3;
    const items = await client.request<{ label: string; detail: string; textEdit: TextEdit }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 16, character } });
    expect(items.map((i) => i.label)).toEqual(['research', 'nonprofit', 'legal_service', 'other', 'total']);
    expect(items.find((i) => i.label === 'total')!.detail).toBe('总计');
    expect(items[0]!.textEdit).toEqual({ range: { start: { line: 16, character }, end: { line: 16, character } }, newText: 'research: ' });
    // A half-typed key: the word is replaced.
    const typed = text.replace('commercial: 2,  }', 'commercial: 2, res }');
    client.change(uri, [{ text: typed }]);
    const c2 = typed.split('\n')[16]!.indexOf('res }') + 3;
    const items2 = await client.request<{ label: string; textEdit: TextEdit }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 16, character: c2 } });
    expect(items2.find((i) => i.label === 'research')!.textEdit).toEqual({ range: { start: { line: 16, character: c2 - 3 }, end: { line: 16, character: c2 } }, newText: 'research: ' });
  });

  it('completion in an empty file: the blank report init writes, as a snippet with the agency to fill in', async () => {
    const empty = uriOf(join(dir, 'new.yaml'));
    client.open(empty, '');
    const items = await client.request<{ label: string; textEdit: TextEdit; insertTextFormat: number }[]>('textDocument/completion', { textDocument: { uri: empty }, position: { line: 0, character: 0 } });
    const year = new Date().getFullYear() - 1;
    expect(items[0]!.label).toBe(`空白年报：${year} 年度（template ${year <= 2020 ? 2019 : 2021}，与 report-lint init 相同）`);
    expect(items[0]!.insertTextFormat).toBe(2);
    expect(items[0]!.textEdit.newText).toContain('agency: ${1:某某县人民政府}');
    expect(items[0]!.textEdit.newText).toContain(`year: ${year}`);
    // An empty file is not (yet) a report: no diagnostics.
    expect(await client.diagnosticsOf(empty)).toEqual([]);
  });
});

describe('lsp: positions in UTF-16 with Chinese text and a character outside the BMP', () => {
  it('a one-line JSON report: the column after 𠀀 (two UTF-16 units) is exact', async () => {
    const report = JSON.parse(readFileSync(join(ROOT, 'fixtures/examples/2021-county-market-regulation.json'), 'utf8'));
    report.agency = '𠀀县市场监督管理局';
    report.applications.received.total += 1;
    const text = JSON.stringify(report);
    const dir = workspace({ 'one-line.json': text });
    const client = new LspClient();
    try {
      await client.initialize([dir]);
      const uri = uriOf(join(dir, 'one-line.json'));
      client.open(uri, text);
      const diagnostics = await client.diagnosticsOf(uri);
      const rowTotal = diagnostics.find((d) => d.code === 'row-total')!;
      const received = text.indexOf('"received":{');
      const at = text.indexOf('"total":', received) + '"total":'.length;
      expect(text.indexOf('𠀀')).toBeLessThan(at);
      expect(rowTotal.range).toEqual({ start: { line: 0, character: at }, end: { line: 0, character: at + String(report.applications.received.total).length } });
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lsp: the project config, its changes, and the settings', () => {
  let client: LspClient;
  let dir: string;
  let uri: string;
  beforeAll(async () => {
    dir = workspace({ '.report-lint.yaml': 'rules:\n  row-total: warning\n', 'report.yaml': ROW_TOTAL });
    uri = uriOf(join(dir, 'report.yaml'));
    client = new LspClient();
    await client.initialize([dir]);
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('severity from .report-lint.yaml', async () => {
    client.open(uri, ROW_TOTAL);
    const diagnostics = await client.diagnosticsOf(uri);
    expect(diagnostics.find((d) => d.code === 'row-total')!.severity).toBe(2);
  });

  it('the config file changes on disk (didChangeWatchedFiles): linted again with it', async () => {
    writeFileSync(join(dir, '.report-lint.yaml'), 'rules:\n  row-total: off\n  balance: warning\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.report-lint.yaml')), type: 2 }] });
    const p = await client.waitFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'row-total'));
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['balance', 2]]);
  });

  it('ignorePatterns: an ignored file gets no findings', async () => {
    writeFileSync(join(dir, '.report-lint.yaml'), 'ignorePatterns: ["report.yaml"]\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.report-lint.yaml')), type: 2 }] });
    expect((await client.waitFor(uri, (p) => p.diagnostics.length === 0)).diagnostics).toEqual([]);
  });

  it('config `ignore:` entries and `overrides` apply as on the command line', async () => {
    writeFileSync(
      join(dir, '.report-lint.yaml'),
      'ignore:\n  - file: report.yaml\n    rule: balance\n    path: /applications/carried_forward\n    reason: 上年数据不连续\noverrides:\n  - files: ["*.yaml"]\n    rules: { row-total: warning }\n',
    );
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.report-lint.yaml')), type: 2 }] });
    const p = await client.waitFor(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.code === 'row-total');
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['row-total', 2]]);
  });

  it('a broken config: the error is logged and shown, the defaults apply meanwhile', async () => {
    writeFileSync(join(dir, '.report-lint.yaml'), 'rules:\n  no-such-rule: error\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.report-lint.yaml')), type: 2 }] });
    const p = await client.waitFor(uri, (p) => p.diagnostics.length === 2);
    expect(p.diagnostics.map((d) => [d.code, d.severity]).sort()).toEqual([['balance', 1], ['row-total', 1]]);
  });

  it('the language setting (workspace/didChangeConfiguration): English messages', async () => {
    writeFileSync(join(dir, '.report-lint.yaml'), 'rules: {}\n');
    client.settings = { lang: 'en' };
    client.notify('workspace/didChangeConfiguration', { settings: { reportLint: { lang: 'en' } } });
    const p = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.message.startsWith('applications.received.total')));
    expect(p.diagnostics.find((d) => d.code === 'row-total')!.message).toBe(
      'applications.received.total: reported 25, the applicant columns add up to 24 (natural_person 20 + commercial 2 + research 0 + nonprofit 1 + legal_service 1 + other 0)',
    );
  });
});

describe('lsp: cross-year rules with last year\'s report in the workspace', () => {
  it('carry-over against the previous year, and against its unsaved text when it is open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-lint-lsp-'));
    cpSync(join(ROOT, 'fixtures/cross-year/run'), dir, { recursive: true });
    const client = new LspClient();
    try {
      await client.initialize([dir]);
      const cli = JSON.parse(await cliJson(dir, ['.']));
      // Reports of the workspace that are not open get their findings too, as a run in the folder prints them.
      const unopened = await client.waitFor(uriOf(join(dir, 'a-2020.yaml')));
      expect(unopened.version).toBeUndefined();
      expect(unopened.diagnostics.map(fromLsp)).toEqual(cli.find((r: { file: string }) => r.file === 'a-2020.yaml').diagnostics.map(fromCli));
      expect(unopened.diagnostics.length).toBeGreaterThan(0);
      const uri = uriOf(join(dir, 'a-2020.yaml'));
      const text = readFileSync(join(dir, 'a-2020.yaml'), 'utf8');
      client.open(uri, text);
      const before = await client.diagnosticsOf(uri);
      const expected = cli.find((r: { file: string }) => r.file === 'a-2020.yaml').diagnostics;
      expect(before.map(fromLsp)).toEqual(expected.map(fromCli));
      // Open last year's report and change its 结转 without saving: this year's report follows.
      const prevUri = uriOf(join(dir, 'a-2019.yaml'));
      const prev = readFileSync(join(dir, 'a-2019.yaml'), 'utf8');
      client.open(prevUri, prev);
      const changed = prev.replace(/carried_forward: \{ natural_person: (\d+)/, (_m, n: string) => `carried_forward: { natural_person: ${Number(n) + 7}`);
      expect(changed).not.toBe(prev);
      client.change(prevUri, [{ text: changed }]);
      const after = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'carry-over' && d.message.includes('自然人')));
      expect(after.diagnostics.some((d) => d.code === 'carry-over')).toBe(true);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `report-lint --format json` in a folder. */
async function cliJson(cwd: string, args: string[]): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/report-lint.js'), ...args, '--format', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  if (run.status !== 0 && run.status !== 1) throw new Error(run.stderr);
  return run.stdout;
}

export const fromLsp = (d: LspDiagnostic) => ({
  ruleId: d.code,
  severity: d.severity === 1 ? 'error' : 'warning',
  message: d.message,
  line: d.range.start.line + 1,
  column: d.range.start.character + 1,
  endLine: d.range.end.line + 1,
  endColumn: d.range.end.character + 1,
});
export const fromCli = (d: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }) => ({
  ruleId: d.ruleId,
  severity: d.severity,
  message: d.message,
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
});
