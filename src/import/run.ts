/** The `import` command: read a published report, write the report file, print the notes, optionally lint. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import iconv from 'iconv-lite';
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { loadFormatter } from '../format/index.js';
import { langFromEnv, t } from '../i18n/index.js';
import { lintSource } from '../check/lint.js';
import { decodeUtf8 } from '../read/decode.js';
import type { Lang } from '../types.js';
import { formatNote, importDocx, importText, type ImportResult, type InputType } from './index.js';
import { toYaml } from './to-yaml.js';
import { SiteWriter } from '../site/site-writer.js';

export interface ImportCliOptions {
  output?: string;
  outDir?: string;
  lint?: boolean;
  /** Batch with `-f html -o DIR/`: the lint results as an html site, with each report's notes on its page (src/site/). */
  format?: 'stylish' | 'html';
  inputType?: InputType;
  lang?: Lang;
}

const BY_EXTENSION: Record<string, InputType> = { '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.docx': 'docx' };

export function inputTypeOf(file: string): InputType | undefined {
  return BY_EXTENSION[extname(file).toLowerCase()];
}

/** Published text is UTF-8 or, from older Chinese sites and Windows, GB18030. */
export function decodeText(bytes: Uint8Array): string {
  const utf8 = decodeUtf8(bytes);
  return utf8.ok ? utf8.text : iconv.decode(Buffer.from(bytes), 'gb18030');
}

export async function importBytes(bytes: Uint8Array, type: InputType): Promise<ImportResult> {
  if (type === 'docx') return importDocx(bytes);
  return importText(decodeText(bytes), type);
}

export async function runImport(files: string[], opts: ImportCliOptions, io: MainIO): Promise<number> {
  const lang: Lang = opts.lang ?? langFromEnv(io.env ?? process.env);
  if (files.length === 0) throw new UsageError(t(lang, 'import.noInput'));
  const inputs = expandInputs(files, lang);
  if (inputs.batch || opts.outDir) {
    if (!opts.outDir) throw new UsageError(t(lang, 'import.needOutDir'));
    if (opts.output && opts.format !== 'html') throw new UsageError(t(lang, 'import.outputWithOutDir'));
    return runBatch(inputs.files, opts.outDir, opts, lang, io);
  }
  const file = inputs.files[0]!.path;
  const result = await importFile(file, opts.inputType, lang, io);
  const source = file === '-' ? '<stdin>' : file;
  const yamlText = toYaml(result.report, source);
  if (opts.output) writeFileSync(opts.output, yamlText);
  else io.stdout.write(yamlText);

  io.stderr.write(formatNotes(source, result, lang));
  if (!opts.lint) return 0;
  const lintResult = lintSource(yamlText, opts.output ?? '<stdout>', { lang });
  const stylish = await loadFormatter('stylish');
  const text = stylish([lintResult], { cwd: io.cwd ?? process.cwd(), color: false, lang });
  // The report went to stdout unless -o: then the lint result must not mix with it.
  (opts.output ? io.stdout : io.stderr).write(text);
  return lintResult.errorCount > 0 ? 1 : 0;
}

async function importFile(file: string, inputType: InputType | undefined, lang: Lang, io: MainIO): Promise<ImportResult> {
  const type = inputType ?? (file === '-' ? undefined : inputTypeOf(file));
  if (!type) throw new UsageError(t(lang, file === '-' ? 'import.stdinType' : 'import.inputType', { file }));
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readAll(io.stdin ?? process.stdin) : readFileSync(file);
  } catch (error) {
    throw new UsageError(t(lang, 'input.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  try {
    return await importBytes(bytes, type);
  } catch (error) {
    if (type === 'docx') throw new UsageError(t(lang, 'import.docx', { file, detail: (error as Error).message.split('\n')[0]! }));
    throw error;
  }
}

interface InputFile {
  path: string;
  /** Output name below --out-dir: the path below the folder named on the command line. */
  name: string;
}

/** Files as named; folders searched recursively for .txt/.md/.html/.htm/.docx (a batch). */
function expandInputs(paths: string[], lang: Lang): { files: InputFile[]; batch: boolean } {
  const files: InputFile[] = [];
  let batch = paths.length > 1;
  for (const p of paths) {
    if (p === '-') {
      if (paths.length > 1) throw new UsageError(t(lang, 'import.stdinAlone'));
      files.push({ path: p, name: 'stdin' });
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      files.push({ path: p, name: basename(p) });
      continue;
    }
    batch = true;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (inputTypeOf(entry.name) && !entry.name.startsWith('~$')) files.push({ path: full, name: relative(p, full) });
      }
    };
    walk(p);
  }
  return { files, batch };
}

/** A folder of published reports → one report file each, their notes, and a summary table. */
async function runBatch(files: InputFile[], outDir: string, opts: ImportCliOptions, lang: Lang, io: MainIO): Promise<number> {
  // Two inputs with one stem (a.html, a.docx) keep their extensions in the output name.
  const stems = new Map<string, number>();
  const stemOf = (name: string) => name.replace(/\.[^./\\]+$/, '');
  for (const f of files) stems.set(stemOf(f.name), (stems.get(stemOf(f.name)) ?? 0) + 1);
  const rows: { file: string; out?: string; warnings: number; notes: number; errors?: number; lintWarnings?: number; failed?: string }[] = [];
  const lintResults = [];
  // -f html -o DIR/: the site of the lint results, written as each report is imported and linted.
  const site = opts.format === 'html' && opts.output ? new SiteWriter({ dir: opts.output, cwd: io.cwd ?? process.cwd(), lang }) : undefined;
  const lint = opts.lint || site !== undefined;
  for (const input of files) {
    let result: ImportResult;
    try {
      result = await importFile(input.path, opts.inputType, lang, io);
    } catch (error) {
      const message = error instanceof UsageError ? error.message : String((error as Error).message ?? error);
      io.stderr.write(`${input.path}: ${message}\n`);
      rows.push({ file: input.path, warnings: 0, notes: 0, failed: message });
      continue;
    }
    const out = join(outDir, (stems.get(stemOf(input.name))! > 1 ? input.name : stemOf(input.name)) + '.yaml');
    mkdirSync(dirname(out), { recursive: true });
    const yamlText = toYaml(result.report, input.path);
    writeFileSync(out, yamlText);
    io.stderr.write(formatNotes(input.path, result, lang) + '\n');
    const warnings = result.notes.filter((n) => n.severity === 'warning').length;
    const row: (typeof rows)[number] = { file: input.path, out, warnings, notes: result.notes.length - warnings };
    if (lint) {
      let lintResult = lintSource(yamlText, out, { lang, keepData: site !== undefined, keepInfo: site !== undefined });
      if (site) lintResult = site.add(lintResult, result.notes.map((n) => ({ severity: n.severity, line: n.line, message: formatNote(n, lang, result.template) })));
      lintResults.push(lintResult);
      row.errors = lintResult.errorCount;
      row.lintWarnings = lintResult.warningCount;
    }
    rows.push(row);
  }
  site?.finish(lintResults);
  if (lint && lintResults.length > 0) {
    const stylish = await loadFormatter('stylish');
    io.stdout.write(stylish(lintResults, { cwd: io.cwd ?? process.cwd(), color: false, lang }) + '\n');
  }
  const header = [t(lang, 'import.table.file'), t(lang, 'import.table.output'), t(lang, 'import.table.check'), t(lang, 'import.table.notes'), ...(lint ? [t(lang, 'import.table.errors'), t(lang, 'import.table.lintWarnings')] : [])];
  const body = rows.map((r) => [r.file, r.failed ? `✖ ${t(lang, 'import.table.failed')}` : r.out!, String(r.warnings), String(r.notes), ...(lint ? [String(r.errors ?? '-'), String(r.lintWarnings ?? '-')] : [])]);
  io.stdout.write(table([header, ...body]) + '\n');
  const failed = rows.filter((r) => r.failed).length;
  io.stdout.write(
    t(lang, 'import.batchSummary', {
      files: rows.length,
      imported: rows.length - failed,
      failed,
      toCheck: rows.filter((r) => r.warnings > 0).length,
      withErrors: lint ? rows.filter((r) => (r.errors ?? 0) > 0).length : '-',
    }) + '\n',
  );
  return failed > 0 ? 2 : rows.some((r) => (r.errors ?? 0) > 0) ? 1 : 0;
}

/** Columns padded by display width (CJK characters take two cells). */
function table(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell)))).join('  ')).join('\n');
}

/** Notes as `file`, then `line  severity  message  import/id`, then a summary line. */
export function formatNotes(source: string, result: ImportResult, lang: Lang): string {
  const warnings = result.notes.filter((n) => n.severity === 'warning').length;
  const infos = result.notes.length - warnings;
  if (result.notes.length === 0) return t(lang, 'import.clean', { file: source }) + '\n';
  const width = Math.max(...result.notes.map((n) => String(n.line).length));
  const lines = [source];
  for (const note of result.notes) {
    const severity = t(lang, note.severity === 'warning' ? 'import.severity.warning' : 'import.severity.info');
    lines.push(`  ${String(note.line).padEnd(width)}  ${severity}  ${formatNote(note, lang, result.template)}  import/${note.messageId}`);
  }
  lines.push('', t(lang, 'import.summary', { file: source, warnings, notes: infos }));
  return lines.join('\n') + '\n';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
