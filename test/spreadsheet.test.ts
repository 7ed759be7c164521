/**
 * `--format csv` and `--format xlsx`: the written files are read back by readers of their own
 * (a hand-written RFC 4180 parser; the xlsx zip opened with jszip and its sheet XML read here,
 * not by exceljs, which wrote it) and every finding is compared with `--format json` of the same run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import csv from '../src/format/csv.js';
import xlsx from '../src/format/xlsx.js';
import type { FileResult } from '../src/types.js';
import { writeBatch, type BatchFile } from './helpers/html-batch.js';
import { runMain } from './helpers/run-main.js';

interface JsonResult {
  file: string;
  errorCount: number;
  warningCount: number;
  diagnostics: { ruleId: string; severity: string; message: string; path: string; line: number; column: number; expected?: number; actual?: number }[];
}

/** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break; `""` is a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('csv does not end with CRLF');
  return rows;
}

/** A cell as the sheet XML stores it: its type attribute (`s` shared string, none for a number) and its value. */
interface XCell {
  type: string | undefined;
  value: string | number;
}

/** The sheets of an xlsx by name, each as rows of cells by column letter order; read with jszip and regular expressions. */
async function readXlsx(bytes: Uint8Array): Promise<Map<string, (XCell | undefined)[][]>> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} missing from the workbook`);
    return entry.async('string');
  };
  const unescape = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|apos|#x?[0-9a-fA-F]+);/g, (_, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    );
  const shared: string[] = [];
  if (zip.file('xl/sharedStrings.xml')) {
    for (const [, si] of (await text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      shared.push([...si!.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1]!)).join(''));
    }
  }
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const sheets = new Map<string, (XCell | undefined)[][]>();
  const attribute = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
  for (const [, attrs] of workbook.matchAll(/<sheet ([^>]*?)\/>/g)) {
    const name = attribute(attrs!, 'name');
    const rid = attribute(attrs!, 'r:id');
    const rel = [...rels.matchAll(/<Relationship ([^>]*?)\/>/g)].find((m) => attribute(m[1]!, 'Id') === rid);
    const target = rel && attribute(rel[1]!, 'Target');
    const xml = await text(`xl/${target!.replace(/^\/?xl\//, '')}`);
    const rows: (XCell | undefined)[][] = [];
    for (const [, rowXml] of xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
      const row: (XCell | undefined)[] = [];
      for (const [, ref, attrs, body] of rowXml!.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const column = [...ref!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const type = /t="([^"]+)"/.exec(attrs!)?.[1];
        const v = /<v>([\s\S]*?)<\/v>/.exec(body ?? '')?.[1];
        if (v === undefined) continue;
        row[column] = { type, value: type === 's' ? shared[Number(v)]! : type === 'str' || type === 'inlineStr' ? unescape(v) : Number(v) };
      }
      rows.push(row);
    }
    sheets.set(unescape(name!), rows);
  }
  return sheets;
}

const HEADER_ZH = ['文件', '机关', '年度', '格式', '规则', '级别', '单元格', 'JSON 指针', '行', '列', '应为', '实为', '说明'];
const HEADER_EN = ['File', 'Agency', 'Year', 'Template', 'Rule', 'Severity', 'Cell', 'JSON pointer', 'Line', 'Column', 'Expected', 'Actual', 'Message'];
const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告' };

let dir: string;
let batch: BatchFile[];
let json: JsonResult[];
let csvText: string;
let xlsxBytes: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rl-sheet-'));
  batch = writeBatch(join(dir, 'reports'), 24);
  const out = (name: string) => join(dir, name);
  // Absolute paths in: json names files as given, the spreadsheets relative to the working folder.
  const run = await runMain([join(dir, 'reports'), '-f', 'json', '-o', out('a.json'), '-f', 'csv', '-o', out('a.csv'), '-f', 'xlsx', '-o', out('a.xlsx')], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  json = JSON.parse(readFileSync(out('a.json'), 'utf8')) as JsonResult[];
  csvText = readFileSync(out('a.csv'), 'utf8');
  xlsxBytes = readFileSync(out('a.xlsx'));
  // Loading exceljs for the first time takes seconds on a busy machine.
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The agency and year each file of the batch was written with (the parse-error files have neither in the output). */
function expectedInfo(file: string): { agency?: string; year?: number } {
  const b = batch.find((x) => x.file === file)!;
  if (b.expectedRules.includes('parse')) return {};
  const year = Number(/^year: (\d+)$/m.exec(readFileSync(b.file, 'utf8'))![1]);
  return { agency: b.agency, year };
}

describe('csv', () => {
  it('starts with a BOM, has the Chinese header and one row per finding equal to the json output', () => {
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csvText.slice(1));
    expect(header).toEqual(HEADER_ZH);
    const findings = json.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, d })));
    // The plan of the batch puts mistakes in 16 of the 24 files; every one of them is a row.
    expect(findings.length).toBeGreaterThan(16);
    expect(rows).toHaveLength(findings.length);
    findings.forEach(({ file, d }, i) => {
      const row = rows[i]!;
      const info = expectedInfo(file);
      expect(row[0]).toBe(relative(dir, file));
      expect(row[1]).toBe(info.agency ?? '');
      expect(row[2]).toBe(info.year === undefined ? '' : String(info.year));
      expect(row[4]).toBe(d.ruleId);
      expect(row[5]).toBe(SEVERITY_ZH[d.severity]);
      expect(row[7]).toBe(d.path);
      expect(row[8]).toBe(String(d.line));
      expect(row[9]).toBe(String(d.column));
      expect(row[10]).toBe(d.expected === undefined ? '' : String(d.expected));
      expect(row[11]).toBe(d.actual === undefined ? '' : String(d.actual));
      expect(row[12]).toBe(d.message);
    });
    // The cell label of a table cell is the official one; of a parse error, the whole report.
    const rowTotal = rows.find((r) => r[4] === 'row-total')!;
    expect(rowTotal[6]).toBe('三、一、本年新收政府信息公开申请数量 · 总计');
    expect(rows.find((r) => r[4] === 'parse')![6]).toBe('报告');
  });

  it('quotes commas, quotes and line breaks, and guards text that a spreadsheet would run as a formula', () => {
    const result: FileResult = {
      file: 'a,b.yaml',
      errorCount: 1,
      warningCount: 0,
      info: { agency: '=HYPERLINK("http://x","某局")', year: 2021, template: 2021 },
      diagnostics: [{ ruleId: 'balance', messageId: 'm', severity: 'error', message: '第一行\n"引号"', path: ['a', 0], line: 3, column: 4, endLine: 3, endColumn: 5, expected: -2, actual: 1 }],
    };
    const text = csv([result], { cwd: process.cwd(), color: false, lang: 'en' });
    const [header, row] = parseCsv(text.slice(1));
    expect(header).toEqual(HEADER_EN);
    // sanitize shows the line break as an escape: a csv on a terminal stays one line per row.
    expect(row).toEqual(['a,b.yaml', `'=HYPERLINK("http://x","某局")`, '2021', '2021', 'balance', 'error', 'a.0', '/a/0', '3', '4', '-2', '1', '第一行\\n"引号"']);
    expect(text.split('\r\n')[1]).toBe(`"a,b.yaml","'=HYPERLINK(""http://x"",""某局"")",2021,2021,balance,error,a.0,/a/0,3,4,-2,1,"第一行\\n""引号"""`);
  });
});

describe('xlsx', () => {
  it('has three sheets; the findings sheet equals the json output, with numbers as number cells', async () => {
    const sheets = await readXlsx(xlsxBytes);
    expect([...sheets.keys()]).toEqual(['问题', '报告', '规则']);
    const [header, ...rows] = sheets.get('问题')!;
    expect(header!.map((c) => c?.value)).toEqual(HEADER_ZH);
    const findings = json.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, d })));
    expect(rows).toHaveLength(findings.length);
    findings.forEach(({ file, d }, i) => {
      const row = rows[i]!;
      const info = expectedInfo(file);
      const value = (col: number) => row[col]?.value;
      expect(value(0)).toBe(relative(dir, file));
      expect(value(1)).toBe(info.agency);
      expect(value(2)).toBe(info.year);
      expect(value(4)).toBe(d.ruleId);
      expect(value(5)).toBe(SEVERITY_ZH[d.severity]);
      expect(value(7)).toBe(d.path);
      expect(value(8)).toBe(d.line);
      expect(value(9)).toBe(d.column);
      expect(value(10)).toBe(d.expected);
      expect(value(11)).toBe(d.actual);
      expect(value(12)).toBe(d.message);
      // Typed: numbers carry no type attribute (a number cell), text is a shared string.
      for (const col of [2, 8, 9, 10, 11]) if (row[col]) expect(row[col]!.type).toBeUndefined();
      for (const col of [0, 4, 5, 7, 12]) expect(row[col]!.type).toBe('s');
    });
  });

  it('has one row per report, clean ones too, with its counts per rule', async () => {
    const sheets = await readXlsx(xlsxBytes);
    const [header, ...rows] = sheets.get('报告')!;
    const names = header!.map((c) => c?.value);
    expect(names.slice(0, 6)).toEqual(['文件', '机关', '年度', '格式', '错误', '警告']);
    expect(names).toContain('row-total');
    expect(rows).toHaveLength(batch.length);
    json.forEach((r, i) => {
      const row = rows[i]!;
      expect(row[0]!.value).toBe(relative(dir, r.file));
      expect(row[4]!.value).toBe(r.errorCount);
      expect(row[5]!.value).toBe(r.warningCount);
      const b = batch.find((x) => x.file === r.file)!;
      for (const rule of ['parse', 'schema', 'row-total', 'balance', 'appeal-total']) {
        expect(row[names.indexOf(rule)]!.value, `${r.file} ${rule}`).toBe(b.expectedRules.filter((x) => x === rule).length);
      }
    });
  });

  it('lists the rule catalogue', async () => {
    const sheets = await readXlsx(xlsxBytes);
    const [header, ...rows] = sheets.get('规则')!;
    expect(header!.map((c) => c?.value)).toEqual(['规则', '名称', '级别', '检查内容', '文档']);
    const balance = rows.find((r) => r[0]?.value === 'balance')!;
    expect(balance[1]!.value).toBe('勾稽关系不平');
    expect(balance[2]!.value).toBe('错误');
    expect(rows.map((r) => r[0]!.value)).toContain('narrative-table');
  });

  it('keeps text that starts like a formula as text, in English with --lang en', async () => {
    const result: FileResult = {
      file: 'x.yaml',
      errorCount: 0,
      warningCount: 1,
      info: { agency: '=1+1' },
      diagnostics: [{ ruleId: 'carry-over', messageId: 'm', severity: 'warning', message: '@x', path: [], line: 1, column: 1, endLine: 1, endColumn: 1 }],
    };
    const sheets = await readXlsx(await xlsx([result], { cwd: process.cwd(), color: false, lang: 'en' }));
    expect([...sheets.keys()]).toEqual(['Findings', 'Reports', 'Rules']);
    const [header, row] = sheets.get('Findings')!;
    expect(header!.map((c) => c?.value)).toEqual(HEADER_EN);
    expect(row![1]).toEqual({ type: 's', value: '=1+1' });
    expect(row![12]).toEqual({ type: 's', value: '@x' });
    expect(row![6]!.value).toBe('report');
  });

  it('goes to stdout as bytes when no --output is given', { timeout: 30_000 }, async () => {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, readFileSync(batch[0]!.file));
    const chunks: Uint8Array[] = [];
    const { main } = await import('../src/cli/main.js');
    const { Readable } = await import('node:stream');
    const sink = { write: (c: Uint8Array | string) => (chunks.push(typeof c === 'string' ? Buffer.from(c) : c), true) } as unknown as NodeJS.WritableStream;
    const code = await main({ argv: [file, '-f', 'xlsx'], stdout: sink, stderr: sink, stdin: Readable.from([]), env: { NO_COLOR: '1' }, cwd: dir });
    expect(code).toBe(0);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect([...(await readXlsx(bytes)).keys()]).toEqual(['问题', '报告', '规则']);
  });
});
